package charset_test

import (
	"fmt"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gleaner-news/gleaner/internal/charset"
)

// A GBK page that names its charset only in a <meta> tag, served with a bare
// Content-Type, is found by the meta scan and decoded as GB18030.
func ExampleDecode() {
	page := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">` +
		`<title>新闻</title></head><body>北京今天晴</body></html>`
	body, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(page))
	if err != nil {
		fmt.Println(err)
		return
	}
	res := charset.Decode(body, "text/html")
	fmt.Println(res.Charset, res.Source, res.Mismatch)
	fmt.Println(string(res.Text) == page)
	// Output:
	// gb18030 meta false
	// true
}

// A portal that declares gb2312 but sends UTF-8 is overruled: the bytes win
// and Mismatch says a declaration was wrong.
func ExampleDecode_mismatch() {
	body := []byte(`<meta charset="gb2312"><p>北京今天晴</p>`)
	res := charset.Decode(body, "text/html; charset=gb2312")
	fmt.Println(res.Charset, res.Source, res.Mismatch)
	fmt.Println(string(res.Text))
	// Output:
	// utf-8 detect true
	// <meta charset="gb2312"><p>北京今天晴</p>
}

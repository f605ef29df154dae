package charset

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// sample is one encoding of the matrix: a known Unicode text that the
// encoding can represent, and the name Decode must report.
type sample struct {
	label     string // what a page would declare
	want      string // canonical Result.Charset
	enc       encoding.Encoding
	title     string
	text      string
	wrongMeta string // a conflicting declaration, for the both-conflicting mode
}

var samples = []sample{
	{
		label: "gbk", want: GB18030, enc: simplifiedchinese.GBK, wrongMeta: "big5",
		title: "北京：今年经济增长保持稳定",
		text: "国家统计局今天发布数据显示，今年前三个季度国内生产总值同比增长百分之五点二，" +
			"经济运行总体平稳。专家表示，消费和投资对经济的拉动作用明显增强，就业形势基本稳定，" +
			"居民收入继续增加。记者在北京、上海、广州等地的采访中了解到，市场信心正在逐步恢复。",
	},
	{
		label: "gb18030", want: GB18030, enc: simplifiedchinese.GB18030, wrongMeta: "shift_jis",
		title: "生僻字𠀀与𪚥的编码问题",
		text: "这篇文章讨论汉字编码中的生僻字，例如𠀀和𪚥，它们在国标码中使用四个字节表示。" +
			"欧元符号€在这个编码中也有自己的位置。我们的系统必须正确处理这些字符，" +
			"否则新闻报道中的人名和地名就会出现乱码，读者将无法理解文章的内容。",
	},
	{
		label: "big5", want: Big5, enc: traditionalchinese.Big5, wrongMeta: "gbk",
		title: "臺北市政府宣布新的交通政策",
		text: "臺北市政府今天召開記者會，宣布從下個月開始實施新的交通管理辦法。" +
			"市長表示，這項政策的目的是減少市區的交通壅塞，並且改善空氣品質。" +
			"許多市民對此表示支持，但也有部分業者擔心會影響生意，希望政府能夠提供更多的配套措施。",
	},
	{
		label: "shift_jis", want: ShiftJIS, enc: japanese.ShiftJIS, wrongMeta: "euc-kr",
		title: "東京で新しい図書館が開館しました",
		text: "東京都は今日、新しい公立図書館の開館式を行いました。この図書館には約五十万冊の本があり、" +
			"子どもから高齢者まで誰でも利用することができます。館長は「多くの人に本を読む楽しさを" +
			"知ってもらいたい」と話していました。週末にはイベントも予定されています。",
	},
	{
		label: "euc-jp", want: EUCJP, enc: japanese.EUCJP, wrongMeta: "gbk",
		title: "大阪の商店街に新しいカフェがオープン",
		text: "大阪市の商店街に今月、地元の野菜を使った料理を出すカフェがオープンしました。" +
			"店主は「地域の人たちが気軽に集まれる場所にしたい」と話しています。" +
			"開店初日には近所の住民や観光客など、たくさんの人が訪れてにぎわっていました。",
	},
	{
		label: "euc-kr", want: EUCKR, enc: korean.EUCKR, wrongMeta: "shift_jis",
		title: "서울시 새로운 교통 정책 발표",
		text: "서울시는 오늘 새로운 대중교통 정책을 발표했습니다. 시장은 기자회견에서 " +
			"버스와 지하철의 배차 간격을 줄이고 요금 체계를 개선하겠다고 말했습니다. " +
			"시민들은 대체로 환영하는 분위기이지만 일부에서는 예산 문제를 지적하고 있습니다.",
	},
	{
		label: "windows-1252", want: Windows1252, enc: charmap.Windows1252, wrongMeta: "utf-8",
		title: "Élection à Besançon : « un résultat très serré »",
		text: "Les électeurs de la région se sont rendus aux urnes dimanche pour élire leur député. " +
			"Selon les premières estimations, l’écart entre les deux candidats serait inférieur à " +
			"cent voix. « C’est une soirée historique », a déclaré le maire. Le coût de la campagne " +
			"s’élève à 25 000 €, d’après la préfecture — un chiffre jugé « raisonnable » à la mairie.",
	},
	{
		label: "utf-8", want: UTF8, enc: unicode.UTF8, wrongMeta: "gbk",
		title: "统一码页面：中文、日本語、한국어",
		text: "这是一个使用统一码编码的页面，包含中文、日本語のテキスト、한국어 문장，" +
			"以及符号€和生僻字𠀀。系统应当直接识别出这种编码，而不需要任何猜测。",
	},
}

// page builds an HTML page around s with head inserted at the start of
// <head>, and an optional 2 KiB+ block of comments and script before it.
func page(s sample, head string, late bool) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head>\n")
	if late {
		b.WriteString("<!-- ")
		b.WriteString(strings.Repeat("site statistics and tracking configuration ", 30))
		b.WriteString(" -->\n<script>var cfg = {")
		for i := range 30 {
			fmt.Fprintf(&b, "key%d: 'value %d with some padding text',\n", i, i)
		}
		b.WriteString("};</script>\n")
	}
	b.WriteString(head)
	fmt.Fprintf(&b, "\n<title>%s</title>\n</head>\n<body><h1>%s</h1>\n", s.title, s.title)
	for range 3 {
		fmt.Fprintf(&b, "<p>%s</p>\n", s.text)
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

func metaTag(label string) string {
	return `<meta http-equiv="Content-Type" content="text/html; charset=` + label + `">`
}

func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	out, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return out
}

func TestDecodeMatrix(t *testing.T) {
	type mode struct {
		name        string
		head        string // meta tag(s)
		late        bool
		header      string // Content-Type
		bom         bool
		wantSource  string
		wantMismtch bool
	}
	for _, s := range samples {
		isUTF8 := s.want == UTF8
		modes := []mode{
			{name: "header", header: "text/html; charset=" + s.label, wantSource: SourceHeader},
			{name: "meta-early", head: `<meta charset="` + s.label + `">`, header: "text/html", wantSource: SourceMeta},
			{name: "meta-late", head: metaTag(s.label), late: true, header: "text/html", wantSource: SourceMeta},
			{name: "both-conflicting", head: metaTag(s.wrongMeta), header: "text/html; charset=" + s.label, wantSource: SourceHeader},
			{name: "none", header: "text/html", wantSource: SourceDetect},
		}
		if isUTF8 {
			modes = append(modes,
				mode{name: "bom", bom: true, head: metaTag("gbk"), wantSource: SourceBOM},
				mode{name: "wrong-header", header: "text/html; charset=utf-8", wantSource: SourceHeader})
		} else {
			modes = append(modes,
				mode{name: "wrong-header", header: "text/html; charset=utf-8", wantSource: SourceDetect, wantMismtch: true})
		}
		for _, m := range modes {
			t.Run(s.label+"/"+m.name, func(t *testing.T) {
				want := page(s, m.head, m.late)
				body := encode(t, s.enc, want)
				if m.bom {
					body = append([]byte{0xEF, 0xBB, 0xBF}, body...)
				}
				if m.late && bytes.Index(body, []byte("<meta")) < 2048 {
					t.Fatalf("test page puts meta at %d, want after 2 KiB", bytes.Index(body, []byte("<meta")))
				}
				res := Decode(body, m.header)
				if res.Charset != s.want {
					t.Errorf("Charset = %q, want %q", res.Charset, s.want)
				}
				if res.Source != m.wantSource {
					t.Errorf("Source = %q, want %q", res.Source, m.wantSource)
				}
				if res.Mismatch != m.wantMismtch {
					t.Errorf("Mismatch = %v, want %v", res.Mismatch, m.wantMismtch)
				}
				if got := string(res.Text); got != want {
					t.Errorf("decoded text differs from the original\n got: %.200q\nwant: %.200q", got, want)
				}
				if n := strings.Count(string(res.Text), "\uFFFD"); n != 0 {
					t.Errorf("%d U+FFFD in output", n)
				}
			})
		}
	}
}

// TestGB2312LabelOnUTF8 is the known trap: a page declaring gb2312 whose
// bytes are in fact UTF-8.
func TestGB2312LabelOnUTF8(t *testing.T) {
	body := []byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>中文新闻内容，北京。</p></body></html>`)
	for _, header := range []string{"", "text/html", "text/html; charset=gb2312"} {
		res := Decode(body, header)
		if res.Charset != UTF8 || !res.Mismatch || res.Source != SourceDetect {
			t.Errorf("header %q: got %q from %q (mismatch %v), want utf-8 from detect with mismatch", header, res.Charset, res.Source, res.Mismatch)
		}
		if !bytes.Equal(res.Text, body) {
			t.Errorf("header %q: text changed", header)
		}
	}
}

// TestGBKFamilyLabels checks that every GBK-family label decodes four-byte
// GB18030 characters and the euro sign.
func TestGBKFamilyLabels(t *testing.T) {
	want := "<p>𠀀𪚥€中文</p>"
	body := encode(t, simplifiedchinese.GB18030, want)
	for _, label := range []string{"gb2312", "GBK", "x-gbk", "cp936", "gb_2312-80", "GB18030", "csGB2312", "chinese"} {
		res := Decode(body, "text/html; charset="+label)
		if res.Charset != GB18030 || res.Source != SourceHeader || string(res.Text) != want {
			t.Errorf("label %q: got %q from %q text %q", label, res.Charset, res.Source, res.Text)
		}
	}
	// 0x80 alone is the euro sign in GBK pages.
	res := Decode([]byte{'<', 'p', '>', 0x80, '<', '/', 'p', '>'}, "text/html; charset=gbk")
	if string(res.Text) != "<p>€</p>" {
		t.Errorf("0x80 decoded as %q", res.Text)
	}
}

// TestWrongLegacyDeclaration: a page declaring one CJK charset whose bytes
// are another is decoded by detection, with Mismatch set.
func TestWrongLegacyDeclaration(t *testing.T) {
	s := samples[0] // GBK
	want := page(s, metaTag("shift_jis"), false)
	res := Decode(encode(t, s.enc, want), "text/html")
	if res.Charset != GB18030 || res.Source != SourceDetect || !res.Mismatch || string(res.Text) != want {
		t.Errorf("got %q from %q, mismatch %v", res.Charset, res.Source, res.Mismatch)
	}
}

func TestDecodeDefaultsAndBOM(t *testing.T) {
	tests := []struct {
		name        string
		body        []byte
		header      string
		wantCharset string
		wantSource  string
		wantText    string
	}{
		{"ascii", []byte("<p>hello</p>"), "", UTF8, SourceDefault, "<p>hello</p>"},
		{"empty", nil, "", UTF8, SourceDefault, ""},
		{"utf16le bom", append([]byte{0xFF, 0xFE}, encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "<p>中文</p>")...), "text/html; charset=gbk", UTF16LE, SourceBOM, "<p>中文</p>"},
		{"utf16be bom", append([]byte{0xFE, 0xFF}, encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "<p>é</p>")...), "", UTF16BE, SourceBOM, "<p>é</p>"},
		{"meta utf-16 means utf-8", []byte(`<meta charset="utf-16"><p>中</p>`), "", UTF8, SourceMeta, `<meta charset="utf-16"><p>中</p>`},
		{"unknown label skipped", []byte(`<meta charset="klingon"><p>x</p>`), "", UTF8, SourceDefault, `<meta charset="klingon"><p>x</p>`},
		{"xml declaration", append([]byte(`<?xml version="1.0" encoding="gb2312"?><rss>`), encode(t, simplifiedchinese.GBK, "新闻</rss>")...), "", GB18030, SourceMeta, `<?xml version="1.0" encoding="gb2312"?><rss>新闻</rss>`},
		{"utf-8 cut mid-rune", []byte("<p>中文\xe4\xb8"), "text/html; charset=utf-8", UTF8, SourceHeader, "<p>中文\uFFFD"},
		{"charset in comment ignored", []byte("<!-- <meta charset=big5> --><meta charset=\"euc-kr\">"), "", EUCKR, SourceMeta, "<!-- <meta charset=big5> --><meta charset=\"euc-kr\">"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Decode(tt.body, tt.header)
			if res.Charset != tt.wantCharset || res.Source != tt.wantSource || string(res.Text) != tt.wantText {
				t.Errorf("got (%q, %q, %q), want (%q, %q, %q)", res.Charset, res.Source, res.Text, tt.wantCharset, tt.wantSource, tt.wantText)
			}
		})
	}
}

func TestCharsetFromContent(t *testing.T) {
	tests := map[string]string{
		"text/html; charset=gb2312":        "gb2312",
		"text/html;charset='big5'":         "big5",
		`text/html; CHARSET = "euc-kr" x`:  "euc-kr",
		"text/html; charset":               "",
		"text/html; charsetx; charset=gbk": "gbk",
		"text/html":                        "",
	}
	for in, want := range tests {
		if got := charsetFromContent(in); got != want {
			t.Errorf("charsetFromContent(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range samples {
		f.Add(encode(&testing.T{}, s.enc, page(s, metaTag(s.label), false)), "text/html")
	}
	f.Add([]byte("\xEF\xBB\xBF<p>x</p>"), "")
	f.Add([]byte("\xFF\xFE<\x00p\x00>\x00"), "")
	f.Add([]byte("<meta charset=utf-16>\xff\xfe\x00"), "text/html; charset=utf-16le")
	f.Add([]byte("\x81\x30\x81\x30\x80\xfe"), "text/html; charset=gbk")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		res := Decode(body, contentType)
		if !utf8.Valid(res.Text) {
			t.Fatalf("invalid UTF-8 output for %q", body)
		}
		if len(res.Text) > 3*len(body)+3 {
			t.Fatalf("output %d bytes for %d input bytes", len(res.Text), len(body))
		}
		if res.Charset == "" || res.Source == "" {
			t.Fatalf("empty charset or source: %+v", res)
		}
	})
}

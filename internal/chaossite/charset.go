package chaossite

import (
	"fmt"
	"html"
	"net/http"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// Encodings are the charset matrix's encodings, as used in /charset/{enc}/{decl}.
var Encodings = []string{"gbk", "gb18030", "big5", "shift_jis", "euc-kr", "windows-1252", "utf-8"}

// Declarations are the matrix's ways of declaring (or not) the encoding:
//
//	header            Content-Type charset only
//	meta-early        <meta charset> first in <head>, no header charset
//	meta-late         <meta charset> after 2.5 KiB of <head>, no header charset
//	both-conflicting  the header names the true encoding, the meta a wrong one
//	none              no declaration at all
//	bom               UTF-8 with a byte-order mark while the header names enc
//	                  (only Unicode has BOMs; the BOM must win)
//	wrong-header      the header names a wrong encoding, no meta
var Declarations = []string{"header", "meta-early", "meta-late", "both-conflicting", "none", "bom", "wrong-header"}

// Golden is the UTF-8 text a charset page carries, which decoding must
// reproduce exactly.
type Golden struct {
	Title string
	Body  string
}

var goldens = map[string]Golden{
	"gbk": {
		Title: "国家统计局发布最新经济数据",
		Body:  "国家统计局今天发布数据显示，今年前三个季度国内生产总值同比增长，工业生产继续回升，消费市场稳步恢复。专家认为，随着一系列政策措施落地见效，经济运行有望保持平稳，就业形势总体稳定，居民收入继续增加。",
	},
	"gb18030": {
		Title: "古籍数字化工程取得新进展",
		Body:  "图书馆今天宣布，古籍数字化工程已完成第一阶段工作，收录罕见汉字𠀀与𪚥等扩展字符。研究人员表示，这些文献对于语言学和历史学研究具有重要价值，数字化之后公众可以在网上免费阅读。",
	},
	"big5": {
		Title: "臺灣經濟新聞：出口訂單持續成長",
		Body:  "經濟部今天公布統計資料，上個月外銷訂單金額較去年同期成長，主要受惠於電子產品與資通訊產品需求強勁。官員表示，全球景氣雖然仍有不確定因素，但整體出口表現穩定，企業對未來展望保持樂觀。",
	},
	"shift_jis": {
		Title: "日本の経済ニュース：株価が上昇",
		Body:  "東京株式市場では今日、日経平均株価が大幅に上昇しました。輸出関連の銘柄が買われ、市場関係者は企業の業績改善への期待が高まっていると話しています。一方で、為替の動向には引き続き注意が必要だという見方もあります。",
	},
	"euc-kr": {
		Title: "한국 경제 뉴스: 수출 증가세 지속",
		Body:  "산업통상자원부는 오늘 지난달 수출이 작년 같은 기간보다 증가했다고 발표했습니다. 반도체와 자동차 수출이 크게 늘었으며, 정부는 앞으로도 수출 기업을 지원하기 위한 정책을 계속 추진할 계획이라고 밝혔습니다.",
	},
	"windows-1252": {
		Title: "Café society – the façade of naïve déjà vu",
		Body:  "Über den Dächern von Zürich trafen sich Gäste aus aller Welt. « C’est très élégant », sagte die Köchin, während sie crème brûlée für 12 € servierte. Señor Muñoz bestellte außerdem Smørrebrød – „wunderbar“, fand er.",
	},
	"utf-8": {
		Title: "Mixed UTF-8: 中文 日本語 한국어 Ελληνικά",
		Body:  "This page mixes scripts: 中文新闻报道，日本語のニュース，한국어 뉴스, Ελληνικά νέα, and emoji-free symbols such as € and ½. Every character must survive decoding byte for byte.",
	},
}

// GoldenText returns the golden title and body of an encoding of the matrix.
func GoldenText(enc string) (Golden, bool) {
	g, ok := goldens[enc]
	return g, ok
}

// Expected returns the charset name and charset source gleaner should
// report for a page of the matrix (names as internal/charset reports them:
// the GBK family is "gb18030").
func Expected(enc, decl string) (charset, source string) {
	charset = enc
	if enc == "gbk" {
		charset = "gb18030"
	}
	switch decl {
	case "header", "both-conflicting":
		return charset, "header"
	case "meta-early", "meta-late":
		return charset, "meta"
	case "bom":
		return "utf-8", "bom"
	}
	return charset, "detect"
}

func encoderFor(enc string) encoding.Encoding {
	switch enc {
	case "gbk":
		return simplifiedchinese.GBK
	case "gb18030":
		return simplifiedchinese.GB18030
	case "big5":
		return traditionalchinese.Big5
	case "shift_jis":
		return japanese.ShiftJIS
	case "euc-kr":
		return korean.EUCKR
	case "windows-1252":
		return charmap.Windows1252
	case "utf-8":
		return unicode.UTF8
	}
	return nil
}

// wrongLabel is a label that does not describe enc.
func wrongLabel(enc string) string {
	if enc == "utf-8" {
		return "gbk"
	}
	return "utf-8"
}

// conflictingLabel is the meta label of both-conflicting: wrong, but one a
// decoder could apply.
func conflictingLabel(enc string) string {
	if enc == "windows-1252" {
		return "gbk"
	}
	return "windows-1252"
}

// CharsetPage builds a page of the matrix: the Content-Type header value
// and the encoded body.
func CharsetPage(enc, decl string) (contentType string, body []byte, err error) {
	g, ok := goldens[enc]
	codec := encoderFor(enc)
	if !ok || codec == nil {
		return "", nil, fmt.Errorf("unknown encoding %q", enc)
	}
	meta := func(label string) string { return `<meta charset="` + label + `">` }
	var early, late string
	contentType = "text/html"
	switch decl {
	case "header":
		contentType += "; charset=" + enc
	case "meta-early":
		early = meta(enc)
	case "meta-late":
		late = meta(enc)
	case "both-conflicting":
		contentType += "; charset=" + enc
		early = meta(conflictingLabel(enc))
	case "none":
	case "bom":
		contentType += "; charset=" + enc
		codec = unicode.UTF8
	case "wrong-header":
		contentType += "; charset=" + wrongLabel(enc)
	default:
		return "", nil, fmt.Errorf("unknown declaration %q", decl)
	}
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head>")
	b.WriteString(early)
	fmt.Fprintf(&b, "<title>%s</title>", html.EscapeString(g.Title))
	if late != "" {
		b.WriteString("<!-- " + strings.Repeat("padding ", 2560/8) + "-->")
		b.WriteString(late)
	}
	fmt.Fprintf(&b, "</head><body><article><h1>%s</h1><p>%s</p></article></body></html>\n",
		html.EscapeString(g.Title), html.EscapeString(g.Body))
	body, err = codec.NewEncoder().Bytes([]byte(b.String()))
	if err != nil {
		return "", nil, fmt.Errorf("encode %s: %w", enc, err)
	}
	if decl == "bom" {
		body = append([]byte{0xEF, 0xBB, 0xBF}, body...)
	}
	return contentType, body, nil
}

func charsetPage(w http.ResponseWriter, r *http.Request) {
	ct, body, err := CharsetPage(r.PathValue("enc"), r.PathValue("decl"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Write(body)
}

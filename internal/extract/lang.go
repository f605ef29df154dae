package extract

import "unicode"

// detectScriptLang guesses a language from the writing system of text, for
// pages that declare none.
func detectScriptLang(text string) string {
	var han, kana, hangul, latin, cyr, arabic int
	for i, r := range text {
		if i > 4000 {
			break
		}
		switch {
		case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Arabic, r):
			arabic++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	switch {
	case kana > 10:
		return "ja"
	case hangul > 10:
		return "ko"
	case han > 10 && han*2 > latin:
		return "zh"
	case cyr > 20 && cyr > latin:
		return "ru"
	case arabic > 20 && arabic > latin:
		return "ar"
	}
	return ""
}

// Package charset turns fetched bytes into UTF-8 text, once, in one place.
//
// [Decode] decides the character encoding in this order, and reports which
// step decided in [Result.Source]:
//
//  1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE): "bom";
//  2. the charset parameter of the HTTP Content-Type header: "header";
//  3. a <meta charset> or <meta http-equiv="Content-Type" content="...;charset=...">
//     found in the first [MetaScanBytes] bytes (pages often put kilobytes of
//     comments and scripts before it), or an XML declaration's encoding: "meta";
//  4. statistical detection over a bounded sample: "detect";
//  5. UTF-8 for pure ASCII bodies, windows-1252 otherwise: "default".
//
// Declarations are sanity-checked against the bytes. A declaration of UTF-8
// on bytes that are not valid UTF-8 is overruled, and so is a legacy
// declaration (gb2312, windows-1252, ...) on bytes that are valid UTF-8 with
// multi-byte sequences, a common fault of Chinese portals. A legacy
// multi-byte declaration whose decoding mostly fails is overruled when
// detection finds an encoding that fits. [Result.Mismatch] records that a
// declaration was overruled.
//
// All labels of the GBK family (gb2312, gbk, x-gbk, cp936, gb_2312-80, ...)
// are decoded as GB18030, a strict superset, so four-byte characters and
// 0x80 (the euro sign) survive. Charset names are reported in lower case as
// the WHATWG Encoding Standard spells them ("utf-8", "gb18030", "big5",
// "shift_jis", "euc-kr", "euc-jp", "windows-1252", ...).
//
// Work is linear in the body size: the meta scan and detection look at
// bounded prefixes, and decoding is one pass.
package charset

// Package slug turns Chinese names into readable ASCII URL and folder
// segments: toneless pinyin for Chinese characters, ASCII letters and
// digits kept (full-width ones folded), everything else a word break, words
// joined by "-" (省司法厅 → sheng-si-fa-ting). Browsing-page slugs (resolve)
// and the folders of new guides (scaffold) use the same rule.
package slug

import (
	"strings"
	"unicode"
)

// ASCII returns the slug of name, or "" when nothing usable remains (a
// name of punctuation only, say); callers choose their own fallback.
// Heteronyms are read by the phrase table (银行 → yin-hang); see
// Readings.ASCII for a site's overrides.
func ASCII(name string) string { return defaultReadings.ASCII(name) }

// ASCII returns the slug of name with r's readings.
func (r Readings) ASCII(name string) string { return spell(name, r.Syllables) }

// Legacy returns the slug name had before heteronyms were read by phrase:
// every character's first reading in go-pinyin (银行 → yin-xing). The
// build writes a redirect page at a group's legacy URL when it differs,
// so that URLs printed before keep working.
func Legacy(name string) string {
	return spell(name, func(run []rune) []string {
		out := make([]string, len(run))
		for i, c := range run {
			out[i] = firstReading(c)
		}
		return out
	})
}

// spell builds a slug: runs of ASCII letters and digits kept lowercased,
// runs of Han characters read syllable by syllable by read, everything
// else a word break.
func spell(name string, read func([]rune) []string) string {
	var words []string
	var ascii strings.Builder
	var han []rune
	flush := func() {
		if ascii.Len() > 0 {
			words = append(words, ascii.String())
			ascii.Reset()
		}
		for _, w := range read(han) {
			if w != "" {
				words = append(words, w)
			}
		}
		han = han[:0]
	}
	for _, r := range name {
		r = narrow(r)
		switch {
		case r < unicode.MaxASCII && (isASCIILetter(r) || (r >= '0' && r <= '9')):
			if len(han) > 0 {
				flush()
			}
			ascii.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Han, r):
			if ascii.Len() > 0 {
				flush()
			}
			han = append(han, r)
		default:
			flush()
		}
	}
	flush()
	return strings.Join(words, "-")
}

// asciiWord keeps the ASCII letters and digits of a pinyin syllable
// (mapping ü to v, as pinyin input methods do).
func asciiWord(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == 'ü':
			b.WriteByte('v')
		case isASCIILetter(r) || (r >= '0' && r <= '9'):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func isASCIILetter(r rune) bool {
	return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
}

// narrow turns full-width ASCII (Ａ１, typed with a Chinese input method)
// into its ordinary form, so "Ａ级" and "A级" give the same slug.
func narrow(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		return r - 0xFF01 + 0x21
	}
	return r
}

// SortKey is the key that orders Chinese names as a dictionary does:
// by the toned pinyin of each character (an3 before an4), syllable by
// syllable, with ASCII letters lowercased and digits as they are. Browsing
// pages list their guides by it (ties by code).
func SortKey(name string) string {
	var b strings.Builder
	for _, r := range name {
		if py := tonedMemo.get(r); py != "" {
			b.WriteString(py)
		} else {
			b.WriteRune(unicode.ToLower(narrow(r)))
		}
		b.WriteByte(' ')
	}
	return b.String()
}

package analysis

import (
	"strings"

	"zhinan/generator/internal/slug"
)

// Pinyin of name-like fields (title, keywords, material names,
// department, region) is indexed in the scored field "py", built at build
// time, so that a query typed in Latin letters (shenfenzheng, sfz, jiehun
// dengji) finds the guides without a dictionary in the browser. A Han
// query never matches it: its terms are Han characters, the field's are
// Latin letters (Meilisearch's pinyin normalisation of Han queries made
// 景点 match 经典). For every run of Han characters it holds, for each
// stretch of pinyinMinSyllables to pinyinMaxSyllables characters, the
// joined toneless pinyin (shenfenzheng) and its prefixes that end inside
// the last syllable (shenfenz), and for stretches of up to
// initialsMaxSyllables characters their initials (sfz). Readings are the
// slugs' (slug.Readings: phrase table, config.toml's pinyin_overrides,
// then go-pinyin's first reading; toneless, ü as v), so 银行 is indexed as
// yinhang, as its URL spells it.
const (
	pinyinMinSyllables   = 2
	pinyinMaxSyllables   = 4
	initialsMaxSyllables = 5
)

// PinyinText returns the pinyin terms of values, separated by spaces:
// the text of the "py" field, which the analyzer splits back into the
// terms. Terms repeat once per value that yields them. rd reads the
// characters.
func PinyinText(values []string, rd slug.Readings) string {
	var b strings.Builder
	for _, v := range values {
		b.WriteString(pinyinOfValue(v, rd))
	}
	return strings.TrimSpace(b.String())
}

// pinyinOfValue is what PinyinText writes for one value: its distinct
// terms, each followed by a space.
func pinyinOfValue(v string, rd slug.Readings) string {
	var b strings.Builder
	seen := map[string]bool{}
	emit := func(t string) {
		if !seen[t] {
			seen[t] = true
			b.WriteString(t)
			b.WriteByte(' ')
		}
	}
	n := Normalize(v)
	for _, sp := range scan(n) {
		if sp.cjk {
			pinyinTerms(rd.Syllables([]rune(n[sp.start:sp.end])), emit)
		}
	}
	return b.String()
}

// pinyinCache keeps pinyinOfValue's answers for the values an Analyser
// met (department and region names, and common material names, repeat
// across guides: the pinyin was 14.5 s of the 22.5 s an analysis of
// 100,000 guides took), up to maxPinyinBytes of them; past that it
// starts over.
type pinyinCache struct {
	terms map[string]string
	bytes int
}

const maxPinyinBytes = 8 << 20

// text is PinyinText(values, rd) through the cache.
//
// A single value's text is the cached string itself, and several values'
// are joined in one allocation: a strings.Builder grown value by value
// left 1.1 GB of garbage at 100,000 guides.
func (c *pinyinCache) text(values []string, rd slug.Readings) string {
	if len(values) == 1 {
		return strings.TrimSpace(c.value(values[0], rd))
	}
	terms := make([]string, len(values))
	for i, v := range values {
		terms[i] = c.value(v, rd)
	}
	return strings.TrimSpace(strings.Join(terms, ""))
}

// value is the pinyin text of one value, from the cache or made and kept.
func (c *pinyinCache) value(v string, rd slug.Readings) string {
	if t, ok := c.terms[v]; ok {
		return t
	}
	t := pinyinOfValue(v, rd)
	if c.terms == nil || c.bytes+len(v)+len(t) > maxPinyinBytes {
		c.terms, c.bytes = map[string]string{}, 0
	}
	c.terms[v] = t
	c.bytes += len(v) + len(t)
	return t
}

// pinyinTerms calls emit with the pinyin terms of a run of syllables
// (see the constants above); a stretch holding an unknown character is
// skipped.
func pinyinTerms(syl []string, emit func(string)) {
	for i := range syl {
		for n := pinyinMinSyllables; n <= initialsMaxSyllables && i+n <= len(syl); n++ {
			stretch := syl[i : i+n]
			if contains(stretch, "") {
				break
			}
			if n <= pinyinMaxSyllables {
				head := strings.Join(stretch[:n-1], "")
				full := head + stretch[n-1]
				for k := len(head) + 1; k < len(full); k++ {
					emit(full[:k])
				}
				emit(full)
			}
			var ini strings.Builder
			for _, s := range stretch {
				ini.WriteByte(s[0])
			}
			emit(ini.String())
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

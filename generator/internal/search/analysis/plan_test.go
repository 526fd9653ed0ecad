package analysis

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"zhinan/generator/internal/slug"
)

// TestPlanLooksUpEveryBigram: a word is looked up wherever it starts, and
// filler terms are left out unless nothing else is left.
func TestPlanLooksUpEveryBigram(t *testing.T) {
	lx := NewLexicon(nil, []string{"什么", "需要"})
	if got, want := lx.Plan("想开饭馆需要什么").Terms, []string{"想开", "开饭", "饭馆", "馆需", "要什"}; !reflect.DeepEqual(got, want) {
		t.Errorf("terms %v, want %v", got, want)
	}
	if got := lx.Plan("需要什么").Terms; !reflect.DeepEqual(got, []string{"要什"}) {
		t.Errorf("需要什么: terms %v, want [要什]", got)
	}
	if got := lx.Plan("什么").Terms; !reflect.DeepEqual(got, []string{"什么"}) {
		t.Errorf("filler alone: terms %v, want [什么]", got)
	}
}

// TestPhraseKeys: every CJK substring of 3 to 8 characters, in byte
// order, once.
func TestPhraseKeys(t *testing.T) {
	got := PhraseKeys([]string{"身份证换领", "换身份证", "ICP证"})
	want := []string{"份证换", "份证换领", "换身份", "换身份证", "证换领", "身份证", "身份证换", "身份证换领"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("PhraseKeys = %v, want %v", got, want)
	}
}

// TestPinyinText: joined pinyin of 2–4 characters with the prefixes that
// end in their last syllable, and initials of 2–5 characters; a Han query
// never looks up such a term.
func TestPinyinText(t *testing.T) {
	got := strings.Fields(PinyinText([]string{"身份证", "ICP证"}, slug.Readings{}))
	for _, want := range []string{"shenfen", "shenf", "shenfenzheng", "shenfenz", "sf", "sfz", "fenzheng", "fz"} {
		if !slices.Contains(got, want) {
			t.Errorf("PinyinText(身份证) lacks %s: %v", want, got)
		}
	}
	for _, bad := range []string{"shen", "s", "icp", "zheng"} {
		if slices.Contains(got, bad) {
			t.Errorf("PinyinText(身份证) holds %s", bad)
		}
	}
	for _, term := range (Lexicon{}).Plan("身份证").Terms {
		if slices.Contains(got, term) {
			t.Errorf("Han query term %s is a pinyin term", term)
		}
	}
}

// TestPinyinReadsPhrases: the pinyin field reads heteronyms as the slugs
// do (银行 is yinhang, not yinxing), and a site's overrides win.
func TestPinyinReadsPhrases(t *testing.T) {
	got := strings.Fields(PinyinText([]string{"银行开户"}, slug.Readings{}))
	if !slices.Contains(got, "yinhang") || slices.Contains(got, "yinxing") {
		t.Errorf("PinyinText(银行开户) = %v, want yinhang and no yinxing", got)
	}
	rd, err := slug.NewReadings(map[string]string{"银行": "yin xing"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(PinyinText([]string{"银行"}, rd)); !slices.Contains(got, "yinxing") {
		t.Errorf("override yin xing: got %v", got)
	}
}

// TestPinyinCache: the pinyin an Analyser keeps gives PinyinText's text,
// for values met before and new ones, with pinyin_overrides, and after
// the cache started over.
func TestPinyinCache(t *testing.T) {
	rd, err := slug.NewReadings(map[string]string{"银行": "yin xing"})
	if err != nil {
		t.Fatal(err)
	}
	lists := [][]string{
		{"结婚登记", "居民身份证", "杭州市民政局", "杭州市"},
		{"居民身份证", "户口簿", "银行开户", "杭州市"},
		{"ICP证", "", "居民身份证", "结婚登记"},
	}
	var c pinyinCache
	for round := 0; round < 2; round++ {
		for _, vals := range lists {
			if got, want := c.text(vals, rd), PinyinText(vals, rd); got != want {
				t.Errorf("round %d, %q: cached %q, want %q", round, vals, got, want)
			}
		}
		if round == 0 && len(c.terms) != 8 {
			t.Errorf("cache holds %d values, want 8", len(c.terms))
		}
		c.bytes = maxPinyinBytes // the next value starts the cache over
	}
}

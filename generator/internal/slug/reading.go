package slug

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Readings gives the toneless pinyin of Han characters, reading a
// heteronym (多音字) by the phrase it stands in: 银行 is yin hang, not
// go-pinyin's first reading yin xing. It looks, at each character, for the
// longest phrase first in the site's overrides (config.toml's
// pinyin_overrides, which win), then in phrases, and falls back to
// go-pinyin's first reading. Slugs (ASCII) and search's pinyin field read
// names through it, so a name is spelled the same in its URL and in the
// index. The zero Readings uses the phrase table alone.
type Readings struct {
	over   map[string][]string
	maxLen int // runes of the longest override
}

// phrases are the common phrases whose reading is not every character's
// first reading in go-pinyin, as they occur in the names of departments,
// regions, topics and services. Keys are Han phrases, values their
// toneless syllables separated by spaces (ü as v).
var phrases = map[string]string{
	"银行": "yin hang", "分行": "fen hang", "支行": "zhi hang", "行业": "hang ye", "乐清": "yue qing", "音乐": "yin yue",
	"长兴": "chang xing", "长江": "chang jiang", "长沙": "chang sha", "长春": "chang chun",
	"长期": "chang qi", "长途": "chang tu", "长者": "zhang zhe", "长白": "chang bai",
	"长宁": "chang ning", "长乐": "chang le", "长安": "chang an", "长寿": "chang shou",
	"长治": "chang zhi", "长城": "chang cheng", "长丰": "chang feng", "长海": "chang hai",
	"重新": "chong xin", "重庆": "chong qing", "重复": "chong fu", "重阳": "chong yang",
	"重建": "chong jian", "重办": "chong ban", "重置": "chong zhi",
	"调解": "tiao jie", "调整": "tiao zheng", "调剂": "tiao ji", "协调": "xie tiao",
	"会计": "kuai ji", "西藏": "xi zang", "藏族": "zang zu", "首都": "shou du",
	"都市": "du shi", "成都": "cheng du", "京都": "jing du", "还款": "huan kuan",
	"归还": "gui huan", "退还": "tui huan", "返还": "fan huan", "偿还": "chang huan",
	"人参": "ren shen", "差旅": "chai lv", "出差": "chu chai", "单县": "shan xian",
	"朝鲜": "chao xian", "了解": "liao jie", "曾经": "ceng jing", "便宜": "pian yi",
	"蚌埠": "beng bu", "六安": "lu an", "丽水": "li shui", "台州": "tai zhou",
	"天台": "tian tai", "番禺": "pan yu", "尉氏": "yu shi", "洞头": "dong tou",
	"大都": "da du", "供给": "gong ji", "给予": "ji yu", "校对": "jiao dui",
}

// defaultReadings holds phrases parsed once.
var defaultReadings = mustReadings(nil)

func mustReadings(over map[string]string) Readings {
	r, err := NewReadings(over)
	if err != nil {
		panic(err)
	}
	return r
}

// NewReadings returns Readings that read the phrases of overrides (Han
// phrase → syllables separated by spaces, as config.toml's
// pinyin_overrides holds them) as written, before the phrase table. An
// override whose syllables are not one per character, or not ASCII
// letters, is an error naming it.
func NewReadings(overrides map[string]string) (Readings, error) {
	r := Readings{over: map[string][]string{}}
	add := func(src map[string]string, what string) error {
		keys := make([]string, 0, len(src))
		for k := range src {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			syl, err := CheckReading(k, src[k])
			if err != nil {
				return fmt.Errorf("%s %q：%w", what, k, err)
			}
			r.over[k] = syl
			r.maxLen = max(r.maxLen, utf8.RuneCountInString(k))
		}
		return nil
	}
	if err := add(phrases, "读音表"); err != nil {
		return r, err
	}
	return r, add(overrides, "pinyin_overrides")
}

// CheckReading checks one phrase reading and returns its syllables: the
// phrase must be Han characters only, the reading one syllable of ASCII
// letters (ü written v) per character.
func CheckReading(phrase, reading string) ([]string, error) {
	for _, c := range phrase {
		if !unicode.Is(unicode.Han, c) {
			return nil, fmt.Errorf("只能是汉字，%q 不是", string(c))
		}
	}
	syl := strings.Fields(strings.ToLower(reading))
	if n := utf8.RuneCountInString(phrase); n == 0 || len(syl) != n {
		return nil, fmt.Errorf("读音 %q 应为每个汉字一个音节、用空格隔开（%d 个字）", reading, n)
	}
	for _, s := range syl {
		if asciiWord(s) != s {
			return nil, fmt.Errorf("读音 %q 只能用英文字母（ü 写作 v），不标声调", reading)
		}
	}
	return syl, nil
}

// Syllables returns the toneless pinyin of each character of run ("" for
// a character that has none), phrases read as a whole, the longest phrase
// at each position winning.
func (r Readings) Syllables(run []rune) []string {
	if r.over == nil {
		r = defaultReadings
	}
	out := make([]string, 0, len(run))
	for i := 0; i < len(run); {
		if syl := r.phraseAt(run, i); syl != nil {
			out = append(out, syl...)
			i += len(syl)
			continue
		}
		out = append(out, firstReading(run[i]))
		i++
	}
	return out
}

// phraseAt returns the syllables of the longest known phrase starting at
// run[i], or nil.
func (r Readings) phraseAt(run []rune, i int) []string {
	for n := min(r.maxLen, len(run)-i); n >= 2; n-- {
		if syl, ok := r.over[string(run[i:i+n])]; ok {
			return syl
		}
	}
	if syl, ok := r.over[string(run[i])]; ok { // a one-character override
		return syl
	}
	return nil
}

// firstReading is go-pinyin's first toneless reading of c, ü as v ("" for
// a character it does not know).
func firstReading(c rune) string {
	if py := tonelessMemo.get(c); py != "" {
		return asciiWord(py)
	}
	return ""
}

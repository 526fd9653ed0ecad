package site

import (
	"strconv"
	"strings"
)

// The one vocabulary of a guide's level and of the three lists: every page
// (guide, lists, search results, sheet, statistics), the feed and the
// command line take their words from here, so that the same words always
// count the same visits (issue 14, item 4).
//
//	visits   a guide says   its list      counted in the figures
//	0        零上门          零上门事项      零上门; 最多跑一次（含零上门）
//	1        跑一次          跑一次事项      最多跑一次（含零上门）
//	n ≥ 2    需跑 n 次       负面清单        —
const (
	// FigureZeroVisit labels the share of items with visits = 0, the
	// items of the 零上门事项 list.
	FigureZeroVisit = "零上门"
	// FigureOneVisit labels the share of items with visits ≤ 1, the
	// contract's one_visit_share: the 零上门事项 and 跑一次事项 lists
	// together, as the label says.
	FigureOneVisit = "最多跑一次（含零上门）"
)

// VisitWords says how many trips a guide's citizen makes: 零上门 (0), 跑一次
// (1) or 需跑 N 次.
func VisitWords(visits int) string {
	switch {
	case visits <= 0:
		return "零上门"
	case visits == 1:
		return "跑一次"
	default:
		return "需跑 " + strconv.Itoa(visits) + " 次"
	}
}

// ListName is the name of one of the three lists: 零上门事项, 跑一次事项,
// 负面清单.
func ListName(c VisitClass) string {
	switch c {
	case ZeroVisit:
		return "零上门事项"
	case OneVisit:
		return "跑一次事项"
	}
	return "负面清单"
}

// ListCounts says which items a list counts, by their visits, in the
// words a citizen reads under the list's name.
func ListCounts(c VisitClass) string {
	switch c {
	case ZeroVisit:
		return "不用跑（跑动 0 次）"
	case OneVisit:
		return "只跑一次（跑动 1 次）"
	}
	return "需跑两次及以上"
}

var chineseDigits = []string{"零", "一", "二", "三", "四", "五"}

// Stars draws a rating as five stars, filled then hollow: ★★★★☆.
func Stars(n int) string {
	n = min(max(n, 0), 5)
	return strings.Repeat("★", n) + strings.Repeat("☆", 5-n)
}

// StarWords says a rating in words: 四星. Pages write it 四星级 beside the
// stars, and 四星（满分五星） as the stars' text alternative.
func StarWords(n int) string {
	return chineseDigits[min(max(n, 0), 5)] + "星"
}

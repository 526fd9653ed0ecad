package national

// The code sets of the export: the values of the guide format (as
// guide-format.md lists them) mapped to codes of GB/T 39046—2020
// 《政务服务平台基础数据规范》, annex A (A.1 事项类型, A.2 行使层级, and
// the code lists of 服务对象, 办理形式 and 通办范围).
//
// NOT VERIFIED against the text of the standard: its annex could not be
// consulted while this was written. The values below are those the
// national basic catalogue and the integrated platform
// (全国一体化政务服务平台) are known to use, as far as the author knows:
//
//   - 事项类型: the two-letter type codes that open a 基本编码 (XK for
//     行政许可 is corroborated by provincial coding standards, e.g.
//     DB52/T 1264—2018; the others follow the same pinyin scheme);
//   - 行使层级: 1 国家级 … 6 村级 (省级 = 2 is corroborated by the same
//     provincial standard's 事权代码; the rest follow the order);
//   - 服务对象, 办理形式, 通办范围: numbered in the order of the
//     contract's lists; these are the least certain.
//
// Every record carries the name beside the code, so a receiver can map
// names itself; check these tables against annex A before a data
// exchange relies on the codes, and correct them here (one place).

// typeCodes are the codes of 事项类型 (annex A.1).
var typeCodes = map[string]string{
	"行政许可":   "XK",
	"行政处罚":   "CF",
	"行政强制":   "QZ",
	"行政征收":   "ZS",
	"行政给付":   "JF",
	"行政检查":   "JC",
	"行政确认":   "QR",
	"行政奖励":   "JL",
	"行政裁决":   "CJ",
	"其他行政权力": "QT",
	"公共服务":   "GG",
}

// levelCodes are the codes of 行使层级 (annex A.2).
var levelCodes = map[string]string{
	"国家级": "1",
	"省级":  "2",
	"市级":  "3",
	"县级":  "4",
	"乡镇级": "5",
	"村级":  "6",
}

// audienceCodes are the codes of 服务对象: the format knows 个人 (自然人)
// and 法人 only.
var audienceCodes = map[string]string{
	"个人": "1",
	"法人": "2",
}

// formCodes are the codes of 办理形式.
var formCodes = map[string]string{
	FormWindow: "1",
	FormOnline: "2",
}

// scopeCodes are the codes of 通办范围.
var scopeCodes = map[string]string{
	"全国": "1",
	"跨省": "2",
	"跨市": "3",
	"跨县": "4",
}

// The forms of handling (办理形式) a guide is exported with.
const (
	// FormWindow is 窗口办理: the guide names a place to go.
	FormWindow = "窗口办理"
	// FormOnline is 网上办理: the guide has an online_url.
	FormOnline = "网上办理"
)

// code returns the code of name in table, or "" for a name the table
// does not know (a value outside the contract's lists, which the
// validator warns about).
func code(table map[string]string, name string) string { return table[name] }

// codes returns the codes of names in table, in the same order, leaving
// out names the table does not know.
func codes(table map[string]string, names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if c := table[n]; c != "" {
			out = append(out, c)
		}
	}
	return out
}

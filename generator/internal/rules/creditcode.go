package rules

import "strings"

// creditCodeChars are the 31 characters of a 统一社会信用代码 (GB 32100—2015):
// the digits and the capital letters without I, O, S, V and Z; a
// character's value is its index here.
const creditCodeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditCodeWeights are the weights of the first 17 characters.
var creditCodeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CreditCodeProblem returns what is wrong with a 统一社会信用代码 (rule 20),
// in plain Chinese, or "" when it is valid: 18 characters of the code's
// alphabet whose last is the check character of GB 32100, computed from
// the other 17 (weights 3^i mod 31, check = 31 − sum mod 31).
func CreditCodeProblem(code string) string {
	if len(code) != 18 {
		return "统一社会信用代码应当是 18 位"
	}
	sum := 0
	for i := 0; i < 18; i++ {
		v := strings.IndexByte(creditCodeChars, code[i])
		if v < 0 {
			return "统一社会信用代码只能由数字和大写英文字母组成（不用 I、O、S、V、Z）"
		}
		if i < 17 {
			sum += v * creditCodeWeights[i]
		}
	}
	check := (31 - sum%31) % 31
	if code[17] != creditCodeChars[check] {
		return "最后一位校验码不对（按前 17 位算出应当是 " + string(creditCodeChars[check]) + "），请核对是否抄错"
	}
	return ""
}

package hint

import "strings"

// NearestCode returns a code among codes, other than own, that differs
// from code by one typo (letter case counts for nothing), or "" when none
// does; of several, the smallest. Codes are alike by design (330000-SF-XK-0001,
// 330000-SF-XK-0002), so anything further away would be a guess. It is the
// "did you mean" of every key that names another item's code (extends,
// a bundle's items).
func NearestCode[V any](code, own string, codes map[string]V) string {
	best, bestDist := "", 2
	lower := strings.ToLower(code)
	for c := range codes {
		if c == own {
			continue
		}
		if d := Distance(lower, strings.ToLower(c)); d < bestDist || d == bestDist && best != "" && c < best {
			best, bestDist = c, d
		}
	}
	return best
}

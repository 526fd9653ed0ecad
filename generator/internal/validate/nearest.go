package validate

// nearest returns the candidate closest to a misspelt key when it is close
// enough to be a likely typo (at most a third of its letters differ), or "".
func nearest(key string, candidates []string) string {
	best, bestDist := "", len(key)/3+1
	for _, c := range candidates {
		if d := editDistance(key, c); d < bestDist || d == bestDist && best != "" && c < best {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the number of one-byte insertions, deletions,
// substitutions and swaps of neighbours that turn a into b (optimal string
// alignment distance), so that "tpye" is one step from "type".
func editDistance(a, b string) int {
	rows := make([][]int, len(a)+1)
	for i := range rows {
		rows[i] = make([]int, len(b)+1)
		rows[i][0] = i
	}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(rows[i-1][j]+1, rows[i][j-1]+1, rows[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, rows[i-2][j-2]+1)
			}
			rows[i][j] = d
		}
	}
	return rows[len(a)][len(b)]
}

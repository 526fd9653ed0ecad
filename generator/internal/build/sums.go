package build

import (
	"fmt"

	"zhinan/generator/internal/guidecodec"
	"zhinan/generator/internal/site"
)

// knownSums maps the guides a build took from its guide cache, or decoded
// and recorded there, to their sums (guidecodec.Sums), which the cache
// stores with each guide; the checks add the guides inheritance made (new
// values, at new addresses), whose sums they compute (checkGuide). The
// check cache's keys, the fingerprints and the search's document digests
// read a guide's sums here instead of encoding the guide again; a guide
// not in the map has its sums computed.
//
// It holds only while the guides it maps are as they were decoded:
// nothing after decoding changes a guide in place but its positions,
// which dropDiagnosticData clears once the checks are over and which only
// Checked covers. The build package's tests recompute every sum they
// take from the map (verifySums) and fail on any difference.
type knownSums map[*site.Guide]guidecodec.Sums

// verifySums, set by the package's tests, makes every sum taken from a
// knownSums be computed again and compared.
var verifySums bool

// content is g's Sums.Content. Safe for concurrent use.
func (k knownSums) content(g *site.Guide) [32]byte {
	s, ok := k[g]
	if !ok {
		return guidecodec.ContentSum(g)
	}
	if verifySums && guidecodec.ContentSum(g) != s.Content {
		panic(fmt.Sprintf("build: the content sum the guide cache recorded for %s is not the guide's", g.File))
	}
	return s.Content
}

// known returns g's sums when k holds them. Before dropDiagnosticData
// only: after it, a guide's Checked is no longer its own.
func (k knownSums) known(g *site.Guide) (guidecodec.Sums, bool) {
	s, ok := k[g]
	if ok && verifySums && guidecodec.SumsOf(g) != s {
		panic(fmt.Sprintf("build: the sums the guide cache recorded for %s are not the guide's", g.File))
	}
	return s, ok
}

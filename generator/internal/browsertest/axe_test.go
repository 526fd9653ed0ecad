package browsertest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axePath is axe-core's browser build, installed by npm ci.
const axePath = "node_modules/axe-core/axe.min.js"

// wcagTags are the rule sets checked: WCAG 2.0 and 2.1, levels A and AA.
var wcagTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// axeViolation is the part of an axe-core violation a failure message
// needs.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// TestAxe runs axe-core at WCAG 2.1 A and AA on every page type, in the
// standard and the large-print (关怀版) look, and wants no violation.
func TestAxe(t *testing.T) {
	needBrowser(t)
	src, err := os.ReadFile(filepath.Join(harness.root, axePath))
	if err != nil {
		t.Fatal(err)
	}
	tags, _ := json.Marshal(wcagTags)
	run := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`, tags)
	for _, p := range pageTypes() {
		for _, care := range []bool{false, true} {
			t.Run(p.name+lookName(care), func(t *testing.T) {
				tb := newTab(t)
				tb.setLargePrint(care)
				tb.openPage(p)
				tb.do(chromedp.Evaluate[chromedp.Void](string(src)))
				var vs []axeViolation
				if err := json.Unmarshal([]byte(eval[string](tb, run)), &vs); err != nil {
					t.Fatal(err)
				}
				t.Logf("%s%s: axe-core %d violations", p.path, lookWords(care), len(vs))
				for _, v := range vs {
					var where []string
					for _, n := range v.Nodes {
						where = append(where, fmt.Sprintf("\n    %v %s\n      %s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", " ")))
					}
					t.Errorf("%s [%s] %s:%s", v.ID, v.Impact, v.Help, strings.Join(where, ""))
				}
			})
		}
	}
}

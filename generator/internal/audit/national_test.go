package audit

import (
	"reflect"
	"strings"
	"testing"

	"zhinan/generator/internal/load"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/validate"
)

// nationalGuide gives every national element of the profile; the rows of
// TestNational remove one thing each. Line 1 is the opening +++.
const nationalGuide = `+++
code = "330000-SF-XK-0001"
title = "律师事务所设立审核登记"
department = "省司法厅"
region = "浙江省"
type = "行政许可"
basic_code = "000123456"
impl_code = "11330000002482008800"
level = "省级"
scope = "跨省"
limit = "无数量限制"
intermediary = []

[service]
star = 4
visits = 1

[time]
legal_days = 20
promised_days = 5

[result]
name = "律师事务所执业许可证"
type = "证照"

[[materials]]
name = "申请书"
issuer = "申请人"

[[materials]]
name = "身份证"
issuer = "公安机关"
+++
`

// decodeNational decodes a guide of TestNational with the real loader, so
// that positions are those of the file.
func decodeNational(t *testing.T, src string) *site.Guide {
	t.Helper()
	doc, diags := load.Parse("content/n.md", []byte(src))
	if doc == nil {
		t.Fatalf("load: %v", diags)
	}
	g, _ := validate.Decode(doc)
	return g
}

// TestNational: each row removes national elements from nationalGuide and
// expects the warnings (as "file:line: [rule] message" prefixes), at the
// line of the key or table to add, and the percentage.
func TestNational(t *testing.T) {
	cases := []struct {
		name    string
		edit    []string // pairs: old, new
		want    []string
		percent int
	}{
		{"complete", nil, nil, 100},
		{"no basic_code", []string{"basic_code = \"000123456\"\n", ""},
			[]string{"content/n.md:1: [C-national-basic-code] 警告：国家要素“基本编码”：没有写 basic_code"}, 90},
		{"no impl_code", []string{"impl_code = \"11330000002482008800\"\n", ""},
			[]string{"content/n.md:1: [C-national-impl-code] 警告：国家要素“实施编码”"}, 90},
		{"no type", []string{"type = \"行政许可\"\n", ""},
			[]string{"content/n.md:1: [C-national-type] 警告：国家要素“事项类型”"}, 90},
		{"no level", []string{"level = \"省级\"\n", ""},
			[]string{"content/n.md:1: [C-national-level] 警告：国家要素“行使层级”：没有写 level"}, 90},
		{"no scope decision", []string{"scope = \"跨省\"\n", ""},
			[]string{"content/n.md:1: [C-national-scope] 警告：国家要素“通办范围”"}, 90},
		{"no limit", []string{"limit = \"无数量限制\"\n", ""},
			[]string{"content/n.md:1: [C-national-limit] 警告：国家要素“数量限制”"}, 90},
		{"no intermediary", []string{"intermediary = []\n", ""},
			[]string{"content/n.md:1: [C-national-intermediary] 警告：国家要素“中介服务”"}, 90},
		{"no legal_days, at [time]", []string{"legal_days = 20\n", ""},
			[]string{"content/n.md:18: [C-national-legal-days] 警告：国家要素“法定办结时限”"}, 90},
		{"no [result]", []string{"[result]\nname = \"律师事务所执业许可证\"\ntype = \"证照\"\n", ""},
			[]string{"content/n.md:1: [C-national-result] 警告：国家要素“办理结果”"}, 90},
		{"result without type, at [result]", []string{"type = \"证照\"\n", ""},
			[]string{"content/n.md:22: [C-national-result] 警告：国家要素“办理结果”"}, 90},
		{"a material without issuer, at its table", []string{"issuer = \"公安机关\"\n", ""},
			[]string{"content/n.md:30: [C-national-material-issuer] 警告：国家要素“出具单位”：材料“身份证”没有写 issuer"}, 95},
		{"two gaps", []string{"level = \"省级\"\n", "", "issuer = \"申请人\"\n", ""},
			[]string{"content/n.md:1: [C-national-level]", "content/n.md:25: [C-national-material-issuer]"}, 85},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := nationalGuide
			for i := 0; i+1 < len(c.edit); i += 2 {
				if !strings.Contains(src, c.edit[i]) {
					t.Fatalf("edit %q does not apply", c.edit[i])
				}
				src = strings.Replace(src, c.edit[i], c.edit[i+1], 1)
			}
			g := decodeNational(t, src)
			ds := NationalFindings([]*site.Guide{g})
			if len(ds) != len(c.want) {
				t.Fatalf("got %d findings, want %d: %v", len(ds), len(c.want), ds)
			}
			for i, d := range ds {
				if !strings.HasPrefix(d.String(), c.want[i]) || d.Severity != site.Warning {
					t.Errorf("finding %d:\n got  %s\n want %s…", i, d, c.want[i])
				}
			}
			scores := NationalScores([]*site.Guide{g})
			if len(scores) != 1 || scores[0].Percent != c.percent || len(scores[0].Missing) != len(c.want) {
				t.Errorf("scores = %+v, want %d%% and %d missing", scores, c.percent, len(c.want))
			}
		})
	}
}

// TestNationalLeavesOutBundlesAndCancelled: the profile judges service
// items in force or suspended only; the plain completeness findings do not
// include it.
func TestNationalLeavesOutBundlesAndCancelled(t *testing.T) {
	cancelled := decodeNational(t, strings.Replace(nationalGuide, "limit = \"无数量限制\"\n", "status = \"取消\"\n", 1))
	bundle := &site.Guide{Code: "B", Kind: site.BundleKind, File: "content/b.md"}
	if ds := NationalFindings([]*site.Guide{cancelled, bundle}); len(ds) != 0 {
		t.Errorf("findings for a cancelled item or a bundle: %v", ds)
	}
	if s := NationalScores([]*site.Guide{cancelled, bundle}); len(s) != 0 {
		t.Errorf("scores for a cancelled item or a bundle: %v", s)
	}
	sparseGuide := decodeNational(t, strings.Replace(nationalGuide, "level = \"省级\"\n", "", 1))
	for _, d := range Findings([]*site.Guide{sparseGuide}, site.Config{}, today) {
		if strings.HasPrefix(d.Rule, "C-national") {
			t.Errorf("Findings reports the national profile: %s", d)
		}
	}
}

// TestNationalScoresOrder: lowest share first, then by code; Missing in
// the order of the elements.
func TestNationalScoresOrder(t *testing.T) {
	a := decodeNational(t, strings.Replace(nationalGuide, "330000-SF-XK-0001", "A", 1))
	b := decodeNational(t, strings.Replace(strings.Replace(nationalGuide, "330000-SF-XK-0001", "B", 1), "limit = \"无数量限制\"\nintermediary = []\n", "", 1))
	got := NationalScores([]*site.Guide{a, b})
	if got[0].Code != "B" || got[0].Percent != 80 || !reflect.DeepEqual(got[0].Missing, []string{"C-national-limit", "C-national-intermediary"}) ||
		got[1].Code != "A" || got[1].Percent != 100 || len(got[1].Missing) != 0 {
		t.Errorf("scores = %+v", got)
	}
}

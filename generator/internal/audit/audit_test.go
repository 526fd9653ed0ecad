package audit

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/site/sitetest"
	"zhinan/generator/internal/validate"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func ptr[T any](v T) *T { return &v }

var today = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// complete is a guide that tells a citizen everything.
func complete() *site.Guide {
	return &site.Guide{
		Code: "330000-SF-XK-0001", Title: "律师事务所设立审核登记", Department: "省司法厅", Region: "浙江省",
		Audience: []string{"法人"}, Basis: []string{"《中华人民共和国律师法》第十八条"},
		Updated: time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC),
		Service: site.Service{Star: 4, Visits: 1, OnlineURL: "https://example.gov.cn/apply"},
		Time:    site.Time{LegalDays: ptr(30), PromisedDays: ptr(15)},
		Fee:     site.Fee{Charged: ptr(false)},
		Materials: []site.Material{
			{Name: "律师事务所设立申请书", Required: true, Source: "申请人自备", Copies: 1, Original: ptr(true), Template: "forms/a.docx"},
			{Name: "设立人身份证明", Required: true, Source: "政府部门核发", Shared: true},
		},
		Steps:     []site.Step{{Name: "受理"}},
		Locations: []site.Location{{Name: "市民中心", Address: "解放东路18号", Hours: "工作日 9:00-17:00", Phone: "0571-87000000"}},
		Contact:   site.Contact{Consult: []string{"12348"}, Complain: []string{"12345"}},
		Body:      "## 申请条件\n\n1. 有自己的名称。\n",
		File:      "content/sfj/lawfirm.md",
		Positions: sitetest.Positions(map[string]site.Pos{}),
	}
}

// sparse is a guide that leaves a citizen many questions, with positions as
// the loader would record them.
func sparse() *site.Guide {
	f := "content/zs/sparse.md"
	return &site.Guide{
		Code: "330900-X-0002", Title: "某某登记", Department: "市司法局", Region: "舟山市",
		Updated: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
		Service: site.Service{Star: 3, Visits: 1},
		Materials: []site.Material{
			{Name: "身份证", Required: true, Source: "政府部门核发", Copies: 1, Original: ptr(true)},
			{Name: "变更登记表", Required: true},
		},
		Locations: []site.Location{{Name: "市民中心", Address: "定海区"}},
		Contact:   site.Contact{Consult: []string{"12345"}},
		Body:      "一些说明。",
		File:      f,
		Positions: sitetest.Positions(map[string]site.Pos{
			"code": {File: f, Line: 2}, "updated": {File: f, Line: 6}, "service": {File: f, Line: 8}, "service.star": {File: f, Line: 9},
			"materials.0": {File: f, Line: 12}, "materials.1": {File: f, Line: 18}, "locations.0": {File: f, Line: 21}, "contact": {File: f, Line: 25},
		}),
	}
}

func TestCompleteGuideScores100(t *testing.T) {
	score, gaps := Completeness(complete())
	if score != 100 || len(gaps) != 0 {
		t.Errorf("complete guide: score %d, gaps %+v", score, gaps)
	}
}

func TestCompletenessGaps(t *testing.T) {
	score, gaps := Completeness(sparse())
	want := map[string]string{
		"C-audience": "audience", "C-basis": "basis", "W-online": "service.online_url", "W-time": "time",
		"W-fee": "fee.charged", "W-source": "materials.1", "C-material-copies": "materials.1",
		"C-material-original": "materials.1", "C-material-template": "materials.1", "C-steps": "steps",
		"W-hours": "locations.0", "C-complain": "contact", "C-conditions": "body",
	}
	got := map[string]string{}
	for _, g := range gaps {
		got[g.Rule] = g.Path
		if g.Message == "" {
			t.Errorf("%s: empty message", g.Rule)
		}
	}
	for rule, path := range want {
		if got[rule] != path {
			t.Errorf("gap %s at %q, want at %q", rule, got[rule], path)
		}
	}
	if len(gaps) != len(want) {
		t.Errorf("got %d gaps, want %d: %+v", len(gaps), len(want), gaps)
	}
	// Materials: 3 of 7 parts done (25 × 3/7 ≈ 10.71); locations: phone via
	// the consult line, no hours (10 × 1/2); nothing else: 15.71 of 100.
	if score != 16 {
		t.Errorf("score = %d, want 16", score)
	}
}

func TestLocationPhoneNeededWithoutConsult(t *testing.T) {
	g := complete()
	g.Locations[0].Phone = ""
	if _, gaps := Completeness(g); len(gaps) != 0 {
		t.Errorf("a consult phone covers the place: %+v", gaps)
	}
	g.Contact.Consult = nil
	_, gaps := Completeness(g)
	if len(gaps) != 1 || gaps[0].Rule != "C-location-phone" || gaps[0].Path != "locations.0" {
		t.Errorf("gaps = %+v", gaps)
	}
}

func TestOnlineURLOnlyFromThreeStars(t *testing.T) {
	g := complete()
	g.Service.Star, g.Service.Visits, g.Service.OnlineURL = 2, 2, ""
	if score, gaps := Completeness(g); score != 100 || len(gaps) != 0 {
		t.Errorf("2-star guide without online_url: %d %+v", score, gaps)
	}
}

func TestPlaceholdersCost(t *testing.T) {
	g := complete()
	g.Title = "待填写：事项名称"
	g.Locations[0].Address = "待填写：详细地址"
	score, gaps := Completeness(g)
	if score != 100-2*PlaceholderPenalty || len(gaps) != 2 || gaps[0].Path != "title" || gaps[1].Path != "locations.0.address" {
		t.Errorf("score %d gaps %+v", score, gaps)
	}
}

func TestFreshness(t *testing.T) {
	g := complete()
	g.Updated = today.AddDate(0, 0, -365)
	if gp := Freshness(g, 365, today); gp != nil {
		t.Errorf("365 days old is not stale yet: %+v", gp)
	}
	g.Updated = today.AddDate(0, 0, -366)
	gp := Freshness(g, 365, today)
	if gp == nil || gp.Rule != "F-stale" || gp.Path != "updated" || !strings.Contains(gp.Message, "366 天") {
		t.Errorf("366 days: %+v", gp)
	}
	if Freshness(g, 400, today) != nil {
		t.Error("stale_after_days = 400 not honoured")
	}
	g.Updated = time.Time{}
	if Freshness(g, 365, today) != nil {
		t.Error("missing updated is the validator's warning, not freshness")
	}
}

// fixtureDiagnostics are a validator error plus the audit's findings on
// the two fixture guides: what `check` prints.
func fixtureDiagnostics() []site.Diagnostic {
	cfg := site.DefaultConfig()
	ds := Findings([]*site.Guide{complete(), sparse()}, cfg, today)
	ds = append(ds, site.Diagnostic{File: "content/zs/bad,name.md", Line: 9, Rule: "R4", Severity: site.Error,
		Message: "3 星事项最多跑一次：visits = 2 不能大于 1。\n请改为 1: 或降低星级 100%"})
	site.SortDiagnostics(ds)
	return ds
}

func TestFindingsPositionsAndDedup(t *testing.T) {
	base := sparse()
	local := sparse()
	local.File = "content/dh/local.md"
	local.Code = "330902-X-0002"
	// The local guide inherits everything at the base's positions but its
	// own code; gaps at the base's lines are reported once.
	ds := Findings([]*site.Guide{base, local}, site.DefaultConfig(), today)
	count := map[string]int{}
	for _, d := range ds {
		if d.Severity != site.Warning {
			t.Errorf("finding is not a warning: %v", d)
		}
		count[d.File]++
	}
	_, gaps := Completeness(base)
	own := 0
	for _, gp := range gaps {
		if rules.ByID(gp.Rule).Stage == rules.Audit {
			own++
		} else {
			for _, d := range ds {
				if d.Rule == gp.Rule {
					t.Errorf("%s is the validator's to report, yet Findings has it", gp.Rule)
				}
			}
		}
	}
	if count["content/zs/sparse.md"] != own+1 {
		t.Errorf("base file findings = %d, want %d (gaps not reported by the validator + stale)", count["content/zs/sparse.md"], own+1)
	}
	// Missing keys (audience, basis, body, steps) have no position: they
	// fall back to line 1 of each guide's own file.
	if count["content/dh/local.md"] != 4 {
		t.Errorf("local guide: %d findings in its own file, want 4", count["content/dh/local.md"])
	}
	var stale *site.Diagnostic
	for i := range ds {
		if ds[i].Rule == "F-stale" {
			stale = &ds[i]
		}
	}
	if stale == nil || stale.Line != 6 || stale.File != "content/zs/sparse.md" {
		t.Errorf("stale finding = %+v, want content/zs/sparse.md:6", stale)
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestWriteText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, fixtureDiagnostics()); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.txt", b.Bytes())
	b.Reset()
	WriteText(&b, nil)
	if b.String() != "没有发现问题。\n" {
		t.Errorf("empty report = %q", b.String())
	}
}

func TestWriteScoresText(t *testing.T) {
	var b bytes.Buffer
	WriteScoresText(&b, Scores([]*site.Guide{complete(), sparse()}, site.DefaultConfig(), today))
	golden(t, "scores.txt", b.Bytes())
}

func TestWriteReportJSON(t *testing.T) {
	var b bytes.Buffer
	ds := fixtureDiagnostics()
	WriteReportJSON(&b, ds, Scores([]*site.Guide{complete(), sparse()}, site.DefaultConfig(), today))
	golden(t, "report-full.json", b.Bytes())
	var r Report
	if err := json.Unmarshal(b.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if r.Errors != 1 || r.Warnings != len(ds)-1 || len(r.Scores) != 2 || r.Scores[0].Score > r.Scores[1].Score {
		t.Errorf("report = %+v", r)
	}
	var raw struct{ Findings []map[string]any }
	if err := json.Unmarshal(b.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	for _, f := range raw.Findings {
		for _, k := range []string{"file", "line", "rule", "severity", "message"} {
			if _, ok := f[k]; !ok {
				t.Errorf("finding lacks %q: %v", k, f)
			}
		}
	}
	b.Reset()
	WriteReportJSON(&b, nil, nil)
	if !strings.Contains(b.String(), `"findings": []`) || !strings.Contains(b.String(), `"scores": []`) {
		t.Errorf("empty report must write empty lists as []:\n%s", b.String())
	}
}

func TestWriteGitHub(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGitHub(&b, fixtureDiagnostics()); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.github", b.Bytes())
	out := b.String()
	// Properties escape , and :, messages escape % CR LF; one line each.
	wantLine := "::error file=content/zs/bad%2Cname.md,line=9,title=R4::3 星事项最多跑一次：visits = 2 不能大于 1。%0A请改为 1: 或降低星级 100%25\n"
	if !strings.Contains(out, wantLine) {
		t.Errorf("error annotation missing or wrongly escaped; got:\n%s", out)
	}
	if n := strings.Count(out, "\n"); n != len(fixtureDiagnostics()) {
		t.Errorf("%d lines for %d diagnostics", n, len(fixtureDiagnostics()))
	}
	b.Reset()
	WriteGitHub(&b, []site.Diagnostic{{File: "config.toml", Line: 0, Rule: "config", Severity: site.Warning, Message: "x"}})
	if b.String() != "::warning file=config.toml,title=config::x\n" {
		t.Errorf("line 0 annotation = %q", b.String())
	}
}

// TestValidatorReportsWhatFindingsLeavesOut: each gap left out of Findings
// (a rule of the validator) is reported by the validator, with the same
// message at the same place.
func TestValidatorReportsWhatFindingsLeavesOut(t *testing.T) {
	g := sparse()
	ds := validate.NewChecker(nil, nil).Check(g)
	_, gaps := Completeness(g)
	for _, gp := range gaps {
		r := rules.ByID(gp.Rule)
		if r == nil {
			t.Errorf("gap %s: no such rule", gp.Rule)
			continue
		}
		if r.Stage == rules.Audit {
			continue
		}
		pos := g.Pos(gp.Path)
		want := r.At(pos.File, pos.Line, gp.Message)
		found := false
		for _, d := range ds {
			found = found || d == want
		}
		if !found {
			t.Errorf("gap %+v is left to the validator, but it does not report %v (it reports %v)", gp, want, ds)
		}
	}
	for _, r := range validatorChecks {
		found := r == rules.R3 // a 5-star fixture would fail the build
		for _, gp := range gaps {
			found = found || gp.Rule == r.ID
		}
		if !found {
			t.Errorf("fixture does not exercise %s", r.ID)
		}
	}
}

package stats

import (
	"bytes"
	"html/template"
	"os"
	"regexp"
	"strings"
	"testing"

	"zhinan/generator/internal/site"
)

// statsLayout is the page template this package's Report is made for.
const statsLayout = "../../../layouts/stats.html"

// renderStatsPage executes layouts/stats.html's "main" and "head" the way
// the renderer does, with .Title and .Data, and a stand-in for the
// frame's url function.
func renderStatsPage(t *testing.T, r Report) string {
	t.Helper()
	src, err := os.ReadFile(statsLayout)
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := template.New("stats.html").Funcs(template.FuncMap{"url": func(s string) string { return s }}).Parse(string(src))
	if err != nil {
		t.Fatal(err)
	}
	data := struct {
		Title string
		Site  *site.Site
		Data  any
	}{Title: "改革数据", Data: r}
	var buf bytes.Buffer
	for _, name := range []string{"head", "main"} {
		if err := tmpl.ExecuteTemplate(&buf, name, data); err != nil {
			t.Fatal(err)
		}
	}
	return buf.String()
}

func TestStatsTemplate(t *testing.T) {
	out := renderStatsPage(t, Compute(fixture()))
	for _, want := range []string{
		`<h1>改革数据</h1>`,
		`全站未达到目标：最多跑一次（含零上门） 80%（目标 95%）；三、四星级 60%（目标 85%）。`,
		`目标 95%`,
		`<span class="pct">80%</span> <span class="verdict-miss">未达标</span>`,
		`<th scope="row">第 1 批</th>`,
		`<th scope="row">2017年6月</th>`,
		`<th scope="row">未标批次</th>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stats page lacks %q", want)
		}
	}
	if strings.Contains(out, "<script") {
		t.Error("the stats page must work without JavaScript")
	}
	// Every bar is drawn for the eye only; the number stands next to it.
	svgs := regexp.MustCompile(`<svg[^>]*>`).FindAllString(out, -1)
	if len(svgs) < 11 {
		t.Fatalf("only %d bars drawn", len(svgs))
	}
	for _, s := range svgs {
		if !strings.Contains(s, `aria-hidden="true"`) {
			t.Errorf("bar not hidden from screen readers (its number is written next to it): %s", s)
		}
	}
	// Tables scroll in a focusable, named region rather than widen the page.
	tables := strings.Count(out, "<table")
	regions := regexp.MustCompile(`<div class="table-wrap stats-scroll" tabindex="0" role="region" aria-label="[^"]+">\s*<table`).FindAllString(out, -1)
	if tables == 0 || len(regions) != tables {
		t.Errorf("%d tables, %d in a scrolling region with tabindex and aria-label", tables, len(regions))
	}
	// Departments missing a target come first: 省民政厅 is declared first
	// but misses nothing.
	depts := out[strings.Index(out, `id="departments"`):strings.Index(out, `id="regions"`)]
	if i, j := strings.Index(depts, "舟山市司法局"), strings.Index(depts, "省民政厅"); i < 0 || j < 0 || i > j {
		t.Errorf("departments missing a target should be listed first (舟山市司法局 at %d, 省民政厅 at %d)", i, j)
	}
}

func TestStatsTemplateEmptySite(t *testing.T) {
	out := renderStatsPage(t, Compute(&site.Site{}))
	if !strings.Contains(out, "暂无已发布的事项") {
		t.Errorf("empty site page:\n%s", out)
	}
}

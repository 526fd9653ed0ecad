package render

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestSiteLayoutOverridesOneFile(t *testing.T) {
	siteLayouts := fstest.MapFS{
		"404.html": {Data: []byte(`{{define "main"}}<h1>本站自己的 404</h1>{{end}}`)},
		"site.css": {Data: []byte("body { color: #000000; }\n")},
	}
	r, err := New(siteLayouts)
	if err != nil {
		t.Fatal(err)
	}
	files, err := r.Render(fixtureSite())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Path] = string(f.Data)
	}
	if !strings.Contains(got["404.html"], "本站自己的 404") {
		t.Errorf("404 not overridden: %s", got["404.html"])
	}
	if !strings.Contains(got["404.html"], "跳到正文") {
		t.Error("overridden page lost the default frame")
	}
	if strings.Contains(got["404.html"], "找不到这个页面") {
		t.Error("default 404 body still used")
	}
	if got["assets/site.css"] != "body{color:#000}" {
		t.Errorf("site.css not overridden and minified: %q", got["assets/site.css"])
	}
	if !strings.Contains(got["guide/330000-SF-XK-0001/index.html"], "申请材料") {
		t.Error("other default templates no longer used")
	}
}

func TestTemplateErrorNamesFileAndLine(t *testing.T) {
	siteLayouts := fstest.MapFS{
		"guide.html": {Data: []byte("{{define \"main\"}}\n<h1>{{.Title}</h1>\n{{end}}")},
	}
	_, err := New(siteLayouts)
	if err == nil {
		t.Fatal("no error for a broken template")
	}
	msg := err.Error()
	if !strings.Contains(msg, "layouts/guide.html") || !strings.Contains(msg, "guide.html:2") {
		t.Errorf("error does not name file and line: %s", msg)
	}
}

func TestTemplateWithoutMain(t *testing.T) {
	_, err := New(fstest.MapFS{"extra.html": {Data: []byte(`<p>{{.Title}}</p>`)}})
	if err == nil || !strings.Contains(err.Error(), "extra.html") {
		t.Errorf("want an error naming extra.html, got %v", err)
	}
}

func TestPageRendersNamedTemplateInFrame(t *testing.T) {
	// A template of the site's own; the default stats.html belongs to the
	// stats stage and expects its report.
	r, err := New(fstest.MapFS{"report.html": {Data: []byte(`{{define "main"}}<h1>{{.Title}}</h1><p>{{.Data}}</p>{{end}}`)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.sets["stats.html"]; !ok {
		t.Error("no default stats.html")
	}
	s := fixtureSite()
	f, err := r.Page("report.html", "stats/index.html", "改革数据", s, "一次办结率 95%")
	if err != nil {
		t.Fatal(err)
	}
	page := string(f.Data)
	if f.Path != "stats/index.html" {
		t.Errorf("path %q", f.Path)
	}
	for _, want := range []string{"一次办结率 95%", "<title>改革数据 - ", "跳到正文", `https://example.gov.cn/stats/`, `lang="zh-CN"`} {
		if !strings.Contains(page, want) {
			t.Errorf("stats page lacks %q:\n%s", want, page)
		}
	}
	if _, err := r.Page("nope.html", "x/index.html", "x", s, nil); err == nil {
		t.Error("unknown template accepted")
	}
}

func TestTemplateContextErrorAtLoad(t *testing.T) {
	// Branches that end in different contexts (one inside a quoted
	// attribute): html/template only says so when the template runs; New
	// must say it up front.
	_, err := New(fstest.MapFS{"list.html": {Data: []byte("{{define \"main\"}}\n<p {{if .Title}}class=\"{{end}}x\">x</p>\n{{end}}")}})
	if err == nil || !strings.Contains(err.Error(), "layouts/list.html") || !strings.Contains(err.Error(), "list.html:2") {
		t.Errorf("want an error naming layouts/list.html and line 2, got %v", err)
	}
}

func TestSiteOverridesPartial(t *testing.T) {
	r, err := New(fstest.MapFS{"partials/guide-item.html": {Data: []byte(`<li class="mine">{{.Title}}（{{.Code}}）</li>`)}})
	if err != nil {
		t.Fatal(err)
	}
	files, err := r.Render(fixtureSite())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path == "lists/negative/index.html" && !strings.Contains(string(f.Data), "出入境证件指纹采集（330000-GA-QT-0007）") {
			t.Errorf("partial not overridden: %s", f.Data)
		}
	}
}

package feeds

import (
	"bytes"
	"html/template"
	"os"
	"strings"
	"testing"
)

// dataLayout is the page template DataPage is made for.
const dataLayout = "../../../layouts/data.html"

func renderDataPage(t *testing.T, data any) string {
	t.Helper()
	src, err := os.ReadFile(dataLayout)
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := template.New("data.html").Funcs(template.FuncMap{"url": func(s string) string { return "/zhinan" + s }}).Parse(string(src))
	if err != nil {
		t.Fatal(err)
	}
	page := struct {
		Title string
		Data  any
	}{"开放数据", data}
	var buf bytes.Buffer
	for _, name := range []string{"head", "main"} {
		if err := tmpl.ExecuteTemplate(&buf, name, page); err != nil {
			t.Fatal(err)
		}
	}
	return buf.String()
}

func TestDataTemplate(t *testing.T) {
	out := renderDataPage(t, Schema(fixture()))
	for _, want := range []string{
		`<a href="/zhinan/data/guides.json">guides.json</a>`,
		`<a href="/zhinan/data/materials.csv">materials.csv</a>`,
		`本站全部 4 个已发布事项（共 4 份申请材料）`,
		`<code>service.online_url</code>`,
		`<code>materials[].template_url</code>`,
		`<code>guide_code</code>`,
		`用“|”分隔`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("data page lacks %q", want)
		}
	}
	if n, r := strings.Count(out, "<table"), strings.Count(out, `tabindex="0" role="region"`); n != 3 || r != 3 {
		t.Errorf("%d tables, %d scrolling regions; want 3 and 3", n, r)
	}
}

// TestDataTemplateWithoutData keeps the page working when a build passes
// no DataPage.
func TestDataTemplateWithoutData(t *testing.T) {
	out := renderDataPage(t, nil)
	if !strings.Contains(out, `<a href="/zhinan/data/guides.csv">guides.csv</a>`) {
		t.Errorf("page without data:\n%s", out)
	}
}

package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"testing"
	"time"
)

type item struct {
	Name  string
	URL   string
	Count int
	Tags  []string
	On    bool
}

type named string

type stringer struct{ n int }

func (s stringer) String() string { return fmt.Sprintf("stringer#%d", s.n) }

type page struct {
	Title   string
	Items   []item
	Ptr     *item
	Nil     *item
	Any     any
	HTML    template.HTML
	URL     template.URL
	JS      template.JS
	Named   named
	Str     stringer
	When    time.Time
	Map     map[string]string
	Visits  int
	Phones  []string
	Empty   []item
	private string
}

func (p *page) Upper() string          { return strings.ToUpper(p.Title) }
func (p *page) Fails() (string, error) { return "", errors.New("method failed") }
func (p page) Count() int              { return len(p.Items) }
func (p *page) Panics() string         { panic("boom") }
func (i item) Label() (string, error)  { return i.Name + "!", nil }

var funcs = template.FuncMap{
	"url":     func(s string) string { return "/base" + s },
	"tel":     func(s string) template.URL { return template.URL("tel:" + s) },
	"join":    strings.Join,
	"date":    func(t time.Time) string { return t.Format("2006年1月2日") },
	"notZero": func(t time.Time) bool { return !t.IsZero() },
	"twice":   func(n int) int { return 2 * n },
}

const frame = `<!doctype html><html lang="zh"><head><title>{{with .Title}}{{.}} - {{end}}站点</title>
<meta name="description" content="{{.Title}}">
<script type="application/ld+json">{{.JS}}</script></head><body>
{{template "main" .}}
<a href="{{url "/x/"}}">{{.Upper}}</a></body></html>`

const main = `{{define "main"}}
{{$n := 0}}{{$seen := false}}
{{range $i, $it := .Items}}{{if $i}}、{{end}}<a href="{{$it.URL}}" title="{{.Name}}">{{.Name}}</a>{{$seen = true}}{{.Count}}{{.Label}}{{end}}
{{range .Items}}{{if .On}}on{{else if eq .Count 2 3}}two-or-three{{else}}off{{end}}{{with .Tags}}[{{join . "|"}}]{{else}}-{{end}}{{end}}
{{range .Empty}}x{{else}}empty{{end}}
{{if $seen}}seen{{end}} {{len .Items}} {{index .Items 1 | printName}}
{{with .Ptr}}{{.Name}} {{.URL}}{{end}}{{with .Any}}{{.Name}}{{end}}
{{.HTML}} <p title="{{.URL}}"><a href="{{.URL}}">u</a> {{.Named}} {{.Str}} {{.Count}}
{{if and .Items (not .Nil) (eq .Visits 0)}}zero{{end}}{{if or .Nil .Title}}or{{end}}{{if ne .Visits 1}}ne{{end}}
{{range $i, $p := .Phones}}<a href="{{tel $p}}">{{$p}}</a>{{end}}
{{if notZero .When}}<time datetime="{{date .When}}">{{date .When}}</time>{{end}}
{{twice .Visits}} {{(index .Items 0).Name}} {{$.Title}}
<a href="{{.Title}}">t</a><a href="/q?x={{.Title}}">q</a>
{{end}}`

func printNameFunc(it item) string { return "<" + it.Name + ">" }

func set(t *testing.T, src ...string) *template.Template {
	t.Helper()
	f := template.FuncMap{}
	for k, v := range funcs {
		f[k] = v
	}
	f["printName"] = printNameFunc
	s := template.Must(template.New("frame").Funcs(f).Parse(frame))
	for _, x := range src {
		template.Must(s.Parse(x))
	}
	return s
}

func samplePage(title string) *page {
	return &page{
		Title: title,
		Items: []item{
			{Name: "一<b>", URL: "javascript:alert(1)", Count: 2, Tags: []string{"a&b", "c"}},
			{Name: `"q" 'a' + &`, URL: "/路径 1?x=<y>&z=%41%zz", Count: 3, On: true},
			{Name: "nul\x00 bad\xff", URL: "https://例子.cn/a b", Count: 0},
		},
		Ptr:    &item{Name: "ptr", URL: "mailto:x@y.cn"},
		Any:    item{Name: "any"},
		HTML:   "<em>trusted</em>",
		URL:    "javascript:trusted()",
		JS:     `{"a":"<\u003c"}`,
		Named:  "named<",
		Str:    stringer{7},
		When:   time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC),
		Visits: 0,
		Phones: []string{"0571-8888 1234", "12345<"},
	}
}

// run executes the set both ways and wants the same bytes.
func run(t *testing.T, s *template.Template, data any) (string, error) {
	t.Helper()
	var want bytes.Buffer
	if err := s.ExecuteTemplate(&want, "frame", data); err != nil {
		t.Fatal(err)
	}
	fm := template.FuncMap{}
	for k, v := range funcs {
		fm[k] = v
	}
	fm["printName"] = printNameFunc
	p, err := Compile(s, "frame", fm)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := p.Execute(&got, data); err != nil {
		return "", err
	}
	if got.String() != want.String() {
		t.Errorf("compiled:\n%s\nhtml/template:\n%s", got.String(), want.String())
	}
	return got.String(), nil
}

func TestSameAsHTMLTemplate(t *testing.T) {
	s := set(t, main)
	for _, title := range []string{"标题<x>", "", `"&'+`} {
		if _, err := run(t, s, samplePage(title)); err != nil {
			t.Fatalf("title %q: %v", title, err)
		}
	}
}

// TestNestedCallsKeepVariables calls templates from inside ranges, at
// several depths and twice at one depth, with variables declared on both
// sides of each call: a called template sees only its own $ and
// variables, and the caller's are intact when it returns (the callees
// share the caller's variable stack past its end, and one state a depth).
func TestNestedCallsKeepVariables(t *testing.T) {
	s := set(t, `{{define "main"}}{{$a := "A"}}{{range $i, $it := .Items}}{{$b := $it.Name}}`+
		`{{template "item" $it}}[{{$a}}{{$b}}{{$i}}]{{$c := $i}}{{template "item" $.Ptr}}{{$c}}{{$b}}{{end}}{{$a}}{{end}}`,
		`{{define "item"}}{{$x := .Name}}{{$y := .URL}}<{{$x}}|{{$y}}|{{$.Count}}>{{template "leaf" .Tags}}{{$x}}{{end}}`,
		`{{define "leaf"}}{{$z := len .}}{{range $k, $v := .}}{{$k}}={{$v}};{{end}}{{$z}}{{end}}`)
	if _, err := run(t, s, samplePage("嵌套")); err != nil {
		t.Fatal(err)
	}
}

// What the executor does not implement it declines, never guesses.
func TestDeclines(t *testing.T) {
	for name, body := range map[string]string{
		"nil pointer":    `{{define "main"}}{{.Nil.Name}}{{end}}`,
		"map field":      `{{define "main"}}{{.Map.key}}{{end}}`,
		"method error":   `{{define "main"}}{{.Fails}}{{end}}`,
		"method panic":   `{{define "main"}}{{.Panics}}{{end}}`,
		"range over map": `{{define "main"}}{{range .Map}}{{.}}{{end}}{{end}}`,
	} {
		t.Run(name, func(t *testing.T) {
			s := set(t, body)
			var sink bytes.Buffer
			s.ExecuteTemplate(&sink, "frame", samplePage("x")) // escape the set
			p, err := Compile(s, "frame", funcs)
			if err != nil {
				return // declining to compile is fine too
			}
			d := samplePage("x")
			d.Map = map[string]string{"key": "v"}
			if err := p.Execute(&bytes.Buffer{}, d); err == nil {
				t.Fatal("executed what it should have left to html/template")
			}
		})
	}
}

// Constructs outside the implemented set are refused at compile time.
func TestCompileRefuses(t *testing.T) {
	for name, body := range map[string]string{
		"printf":        `{{define "main"}}{{printf "%d" .Visits}}{{end}}`,
		"unquoted attr": `{{define "main"}}<a title={{.Title}}>x</a>{{end}}`,
		"css":           `{{define "main"}}<p style="color: {{.Title}}">x</p>{{end}}`,
		"break":         `{{define "main"}}{{range .Items}}{{break}}{{end}}{{end}}`,
	} {
		t.Run(name, func(t *testing.T) {
			s := set(t, body)
			var sink bytes.Buffer
			if err := s.ExecuteTemplate(&sink, "frame", samplePage("x")); err != nil {
				t.Fatal(err)
			}
			if _, err := Compile(s, "frame", funcs); err == nil {
				t.Fatal("compiled a construct it does not implement")
			}
		})
	}
}

func TestEscapersMatchHTMLTemplate(t *testing.T) {
	inputs := []string{"", "plain", "<>&\"'+\x00", "bad\xff\xfe", "中文〈〉", "a%41%zz%", "javascript:x", "HTTP://x", "/a b/c?d=e&f#g", "mailto:x", "x/y:z", "%", "%4"}
	for _, in := range inputs {
		for _, ctx := range []string{`{{.}}`, `<a title="{{.}}">`, `<a href="{{.}}">`, `<a href="/q?x={{.}}">`, `<title>{{.}}</title>`} {
			tmpl := template.Must(template.New("frame").Parse(ctx))
			var want bytes.Buffer
			if err := tmpl.Execute(&want, in); err != nil {
				t.Fatal(err)
			}
			p, err := Compile(tmpl, "frame", nil)
			if err != nil {
				t.Fatalf("%s: %v", ctx, err)
			}
			var got bytes.Buffer
			if err := p.Execute(&got, in); err != nil {
				t.Fatalf("%s on %q: %v", ctx, in, err)
			}
			if got.String() != want.String() {
				t.Errorf("%s on %q: %q, want %q", ctx, in, got.String(), want.String())
			}
		}
	}
}

// FuzzEscapers compares the escapers with html/template's on any text, in
// every context a guide site's templates print into.
func FuzzEscapers(f *testing.F) {
	for _, s := range []string{"", "<>&\"'+\x00", "bad\xff", "a%41%zz", "javascript:x", "/a b?c=d#e", "中文"} {
		f.Add(s)
	}
	var progs []*Program
	var tmpls []*template.Template
	for _, ctx := range []string{`{{.}}`, `<a title="{{.}}">`, `<a href="{{.}}">`, `<a href="/q?x={{.}}">`, `<title>{{.}}</title>`} {
		tmpl := template.Must(template.New("frame").Parse(ctx))
		tmpl.Execute(&bytes.Buffer{}, "")
		p, err := Compile(tmpl, "frame", nil)
		if err != nil {
			f.Fatal(err)
		}
		progs, tmpls = append(progs, p), append(tmpls, tmpl)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for i, p := range progs {
			var want, got bytes.Buffer
			if err := tmpls[i].Execute(&want, in); err != nil {
				t.Skip()
			}
			if err := p.Execute(&got, in); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Fatalf("%q: %q, want %q", in, got.String(), want.String())
			}
		}
	})
}

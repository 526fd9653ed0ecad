package render

import (
	"bytes"
	"fmt"
	"testing"

	"zhinan/generator/internal/site"
)

// hostile puts text into every field a page prints that html/template
// must escape: markup, quotes, entities, plus signs, NUL, invalid UTF-8,
// URLs with unsafe schemes, spaces and Chinese, percent signs.
func hostile(s *site.Site) *site.Site {
	nasty := []string{
		`<script>alert("x")</script>`, `a & b &amp; 'c' + "d"`, "nul\x00byte", "bad\xffutf8\xc3",
		"〈书名号〉《条例》＆全角", `x" onmouseover="alert(1)`, "100% 真实 %zz %41",
	}
	urls := []string{
		"javascript:alert(1)", "JAVASCRIPT:alert(1)", "https://例子.中国/路径?q=一 二&x=<y>", "data:text/html,<b>",
		"mailto:a@b.cn", "/forms/表格 1.docx", "https://x.cn/a%20b%zz#frag'\"",
	}
	for i, p := range s.Guides {
		g := p.Guide
		n := nasty[i%len(nasty)]
		g.Title += n
		g.Type = n
		g.Audience = append(g.Audience, n)
		g.Service.Mode = n
		g.Service.OnlineURL = urls[i%len(urls)]
		if g.Service.NegativeReason != "" {
			g.Service.NegativeReason = n
		}
		g.Basis = append(g.Basis, n)
		g.Contact.Consult = append(g.Contact.Consult, "0571-8888"+fmt.Sprint(i%10)+n)
		for j := range g.Materials {
			g.Materials[j].Name += n
			g.Materials[j].Note = nasty[(i+j)%len(nasty)]
			g.Materials[j].Template = urls[(i+j)%len(urls)]
		}
		for j := range g.Locations {
			g.Locations[j].Address += n
			g.Locations[j].Window = n
			g.Locations[j].Phone += n
		}
		for j := range g.Steps {
			g.Steps[j].Detail = n
		}
		hostileV2(g, n, urls[i%len(urls)])
	}
	return s
}

// hostileV2 puts n into the version-2 texts a guide writes, and u into its
// URLs.
func hostileV2(g *site.Guide, n, u string) {
	if g.EvaluateURL != "" {
		g.EvaluateURL = u
	}
	if g.Result != nil {
		g.Result.Name += n
		g.Result.Sample = u
	}
	g.Time.Note += n
	for j := range g.Situations {
		g.Situations[j].Question += n
		g.Situations[j].Note += n
	}
	for j := range g.FAQ {
		g.FAQ[j].Q += n
		g.FAQ[j].A += n
	}
	for j := range g.Materials {
		g.Materials[j].Issuer += n
	}
}

// TestCompiledEqualsHTMLTemplate renders sites with the compiled
// executor and with html/template alone: every page must be the same,
// byte for byte, and every default page template must have compiled
// (otherwise the fast path silently is not one).
func TestCompiledEqualsHTMLTemplate(t *testing.T) {
	for name, s := range map[string]*site.Site{
		"fixture":   fixtureSite(),
		"synthetic": syntheticSite(200),
		"hostile":   hostile(syntheticSite(140)),
		"version2":  fixtureV2Site(),
		"hostile2":  hostile(fixtureV2Site()),
	} {
		t.Run(name, func(t *testing.T) {
			fast, err := New(nil)
			if err != nil {
				t.Fatal(err)
			}
			slow, err := New(nil)
			if err != nil {
				t.Fatal(err)
			}
			slow.htmlTemplateOnly = true
			got, err := fast.Render(s)
			if err != nil {
				t.Fatal(err)
			}
			want, err := slow.Render(s)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d files, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i].Path != want[i].Path || !bytes.Equal(got[i].Data, want[i].Data) {
					t.Errorf("%s differs from html/template's:\n%s", want[i].Path, firstDifference(got[i].Data, want[i].Data))
				}
			}
			// stats.html and data.html are rendered by other stages,
			// through Page.
			for _, tmpl := range []string{"home.html", "guide.html", "print.html", "list.html", "404.html", "search.html"} {
				if fast.prepared.programs[programKey{tmpl, baseTemplate}].prog.Load() == nil {
					t.Errorf("%s was not compiled", tmpl)
				}
			}
			if fast.prepared.programs[programKey{"list.html", itemTemplate}].prog.Load() == nil {
				t.Errorf("%s was not compiled", itemTemplate)
			}
			if n := fast.prepared.declined.Load(); n > 0 {
				t.Errorf("the compiled programs left %d pages to html/template", n)
			}
		})
	}
}

// firstDifference shows where two pages part.
func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("compiled:      …%s\nhtml/template: …%s", a[from:min(len(a), i+80)], b[from:min(len(b), i+80)])
}

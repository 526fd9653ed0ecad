package rules

import (
	"strconv"
	"strings"

	"zhinan/generator/internal/site"
)

// Placeholders returns the key paths of the text values of g that still
// hold the placeholder written by `generator new` (site.Placeholder), in
// the order of the format, and "body" when the Markdown body holds it. It
// is the one finder: the placeholder rule refuses a published guide with
// them, and package audit scores and lists them (C-placeholder) for
// drafts.
func Placeholders(g *site.Guide) []string {
	var out []string
	has := func(path, v string) {
		if strings.Contains(v, site.Placeholder) {
			out = append(out, path)
		}
	}
	has("title", g.Title)
	has("department", g.Department)
	has("region", g.Region)
	has("service.mode", g.Service.Mode)
	has("service.online_url", g.Service.OnlineURL)
	has("service.negative_reason", g.Service.NegativeReason)
	has("fee.standard", g.Fee.Standard)
	for i, s := range g.Basis {
		has("basis."+strconv.Itoa(i), s)
	}
	for i, m := range g.Materials {
		p := "materials." + strconv.Itoa(i)
		has(p+".name", m.Name)
		has(p+".note", m.Note)
	}
	for i, s := range g.Steps {
		p := "steps." + strconv.Itoa(i)
		has(p+".name", s.Name)
		has(p+".detail", s.Detail)
	}
	for i, l := range g.Locations {
		p := "locations." + strconv.Itoa(i)
		has(p+".name", l.Name)
		has(p+".address", l.Address)
		has(p+".window", l.Window)
		has(p+".hours", l.Hours)
	}
	if strings.Contains(g.Body, site.Placeholder) {
		out = append(out, "body")
	}
	return out
}

// placeholders is rule Placeholder: a guide about to be published (not a
// draft) must not still say 待填写 anywhere; each value is reported at
// its own line. A draft may keep them (`check` lists them as
// C-placeholder warnings).
func placeholders(g *site.Guide, _ *Env, r *report) {
	if g.Draft {
		return
	}
	for _, p := range Placeholders(g) {
		what := "`" + p + "`"
		if p == "body" {
			what = "正文"
		}
		r.add([]string{p}, "%s仍是占位文字“%s”：请改成真实内容后再发布；还没写完的指南请保留 draft = true", what, site.Placeholder)
	}
}

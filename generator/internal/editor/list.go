package editor

import (
	"errors"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"

	"zhinan/generator/internal/frontedit"
	"zhinan/generator/internal/scaffold"
	"zhinan/generator/internal/sheets"
	"zhinan/generator/internal/slug"
)

// listPage is the data of /edit/.
type listPage struct {
	Token                    string
	Guides                   []guideInfo // those the filters show
	Total                    int
	Query, Department        string
	Attention                bool
	Departments, Regions     []string
	Bases                    []guideInfo // guides a new one may implement
	Message                  string      // why the wizard refused
	NewCode, NewTitle, Mode  string
	NewDepartment, NewRegion string
}

// list serves /edit/: the guides, filtered by the query string (q, dept,
// attention) so that the filters work without JavaScript too.
func (e *Editor) list(w http.ResponseWriter, r *http.Request, token, message string) {
	st := e.load(r.Context(), w)
	if st == nil {
		return
	}
	q := r.URL.Query()
	p := &listPage{Token: token, Query: strings.TrimSpace(q.Get("q")), Department: q.Get("dept"),
		Attention: q.Get("attention") != "", Message: message, Total: len(st.guides)}
	if message != "" {
		p.NewCode, p.NewTitle, p.Mode = r.PostFormValue("code"), r.PostFormValue("title"), r.PostFormValue("mode")
		p.NewDepartment, p.NewRegion = r.PostFormValue("department"), r.PostFormValue("region")
	}
	depts := map[string]bool{}
	for _, g := range st.guides {
		depts[g.Department] = g.Department != ""
		if p.matches(g) {
			p.Guides = append(p.Guides, g)
		}
		if !g.Bundle && g.Extends == "" && g.Code != "" {
			p.Bases = append(p.Bases, g)
		}
	}
	for d, ok := range depts {
		if ok {
			p.Departments = append(p.Departments, d)
		}
	}
	sort.Strings(p.Departments)
	for _, rg := range st.cfg.Regions {
		p.Regions = append(p.Regions, rg.Name)
	}
	// Standard items of the province first: those are what a local guide
	// implements.
	sort.SliceStable(p.Bases, func(i, j int) bool { return p.Bases[i].Level == "省级" && p.Bases[j].Level != "省级" })
	status := http.StatusOK
	if message != "" {
		status = http.StatusUnprocessableEntity
	}
	render(w, status, "list.html", p)
}

// matches applies the list's filters to one guide.
func (p *listPage) matches(g guideInfo) bool {
	if p.Department != "" && g.Department != p.Department {
		return false
	}
	if p.Attention && !g.Attention() {
		return false
	}
	q := strings.ToLower(p.Query)
	return q == "" || strings.Contains(strings.ToLower(g.Code), q) || strings.Contains(strings.ToLower(g.Title), q)
}

// create is the "new guide" wizard: a blank guide as `generator new`
// writes it, or a local implementation of a standard item (mode
// "extends"), which writes only its own keys and inherits the rest.
func (e *Editor) create(w http.ResponseWriter, r *http.Request, token string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	code := strings.TrimSpace(r.PostFormValue("code"))
	var err error
	if r.PostFormValue("mode") == "extends" {
		err = e.createLocal(r, code)
	} else {
		_, err = scaffold.Write(scaffold.Options{
			Source: e.source, Code: code, Title: strings.TrimSpace(r.PostFormValue("title")),
			Department: strings.TrimSpace(r.PostFormValue("department")),
			Region:     strings.TrimSpace(r.PostFormValue("region")), Today: e.now(),
		})
	}
	if err != nil {
		e.list(w, r, token, err.Error())
		return
	}
	http.Redirect(w, r, "/edit/"+code, http.StatusSeeOther)
}

// createLocal writes a draft that extends a standard item: code,
// department, region, extends and (when given) title, in the folder
// `generator new` would choose.
func (e *Editor) createLocal(r *http.Request, code string) error {
	st, err := readSite(r.Context(), e.source)
	if err != nil {
		return err
	}
	base := st.find(r.PostFormValue("base"))
	switch {
	case base == nil:
		return errors.New("请选择要实施的省级标准事项")
	case slug.Check(code) != slug.OK || strings.HasPrefix(code, "."):
		return errors.New("事项编码“" + code + "”不合格式：只能包含英文字母、数字、-、_ 和 .，且不能以 . 开头")
	case st.find(code) != nil:
		return errors.New("事项编码 " + code + " 已经存在（" + st.find(code).File + "）：编码在全站必须唯一")
	}
	front := map[string]any{"code": code, "extends": base.Code, "draft": true, "updated": today(e.now())}
	var existing []scaffold.Existing
	for _, g := range st.guides {
		existing = append(existing, scaffold.Existing{File: g.File, Code: g.Code, Department: g.Department, Region: g.Region})
	}
	for _, k := range []string{"title", "department", "region"} {
		if v := strings.TrimSpace(r.PostFormValue(k)); v != "" {
			front[k] = v
		}
	}
	dept, _ := front["department"].(string)
	region, _ := front["region"].(string)
	file := path.Join(scaffold.Folder(existing, dept, region, code), code+".md")
	if _, err := fs.Stat(st.fsys, file); err == nil {
		return errors.New("文件 " + file + " 已经存在，没有覆盖它")
	}
	out := frontedit.Render(frontedit.Doc{Front: front}, sheets.Order)
	return sheets.WriteFiles(e.source, map[string][]byte{file: out}, []string{file})
}

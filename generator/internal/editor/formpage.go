package editor

import (
	"io/fs"
	"net/http"
	"time"

	"zhinan/generator/internal/frontedit"
	"zhinan/generator/internal/load"
	"zhinan/generator/internal/sheets"
)

// today is t's day as a TOML local date, as the loader decodes one.
func today(t time.Time) any { return sheets.ParseCell(t.Format("2006-01-02"), sheets.Date) }

// formPage is the data of /edit/<code>.
type formPage struct {
	Token, Code, File, Title, Hash string
	Groups                         []groupView
	Body                           string
	BodyErrors                     []string
	Verdict                        verdict
	Extends, BaseTitle             string
	Saved, Stale                   bool
	Departments, Regions, Codes    []string
}

// opened is a guide file read for the form: its bytes and parse.
type opened struct {
	st    *siteState
	info  *guideInfo
	src   []byte
	front map[string]any
	body  string
}

// open reads the guide with the request's code, or answers 404 (or 422
// for a file the form cannot show) and returns nil.
func (e *Editor) open(w http.ResponseWriter, r *http.Request) *opened {
	st := e.load(r.Context(), w)
	if st == nil {
		return nil
	}
	g := st.find(r.PathValue("code"))
	if g == nil || g.Bundle {
		http.Error(w, "没有编码为 "+r.PathValue("code")+" 的办事指南（一件事请在文件中编辑）。返回 /edit/ 查看全部指南。", http.StatusNotFound)
		return nil
	}
	src, err := fs.ReadFile(st.fsys, g.File)
	if err != nil {
		http.Error(w, "无法读取 "+g.File+"："+err.Error(), http.StatusInternalServerError)
		return nil
	}
	doc, diags := load.Parse(g.File, src)
	if doc == nil {
		msg := "前置信息无法解析"
		if len(diags) > 0 {
			msg = diags[0].String()
		}
		http.Error(w, g.File+" 不能用表单编辑："+msg+"。请先在文本编辑器中改正。", http.StatusUnprocessableEntity)
		return nil
	}
	return &opened{st: st, info: g, src: src, front: doc.Front, body: doc.Body}
}

// page makes the form's data for front and body (the file's, or what
// was posted), with the validator's verdict on it.
func (o *opened) page(token, hash string, doc frontedit.Doc, v verdict) *formPage {
	p := &formPage{Token: token, Code: o.info.Code, File: o.info.File, Title: o.info.Title, Hash: hash,
		Body: doc.Body, Verdict: v, Extends: o.info.Extends}
	base := o.st.inherited(o.info.Extends)
	if b := o.st.find(o.info.Extends); b != nil {
		p.BaseTitle = b.Title
	}
	p.Groups = buildGroups(doc.Front, base)
	for i := range p.Groups {
		g := &p.Groups[i]
		for j := range g.Fields {
			g.Fields[j].Errors = v.Fields[g.Fields[j].ID]
		}
		for k := range g.Entries {
			for j := range g.Entries[k].Fields {
				g.Entries[k].Fields[j].Errors = v.Fields[g.Entries[k].Fields[j].ID]
			}
			g.Entries[k].Errors = v.Fields[fieldID(g.Array+"."+g.Entries[k].Index)]
		}
		g.Errors = v.Fields[fieldID(g.Array)]
	}
	p.BodyErrors = v.Fields[fieldID(BodyField)]
	for _, r := range o.st.cfg.Regions {
		p.Regions = append(p.Regions, r.Name)
	}
	for _, d := range o.st.cfg.Departments {
		p.Departments = append(p.Departments, d.Name)
	}
	for _, g := range o.st.guides {
		p.Codes = append(p.Codes, g.Code)
	}
	return p
}

// ids are the ids of every field and element of a form for doc, the
// places a message can be shown.
func ids(doc frontedit.Doc) map[string]bool {
	out := map[string]bool{fieldID(BodyField): true}
	for _, g := range buildGroups(doc.Front, nil) {
		if g.Array != "" {
			out[fieldID(g.Array)] = true
		}
		for _, f := range g.Fields {
			out[f.ID] = true
		}
		for _, e := range g.Entries {
			out[fieldID(g.Array+"."+e.Index)] = true
			for _, f := range e.Fields {
				out[f.ID] = true
			}
		}
	}
	return out
}

// form serves /edit/<code>: the form, with what the validator says about
// the file as it is.
func (e *Editor) form(w http.ResponseWriter, r *http.Request, token string) {
	o := e.open(w, r)
	if o == nil {
		return
	}
	doc := frontedit.Doc{Front: o.front, Body: o.body}
	v, err := judge(r.Context(), o.st, o.info.File, o.src, ids(doc))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	p := o.page(token, Hash(o.src), doc, v)
	p.Saved = r.URL.Query().Get("saved") != ""
	render(w, http.StatusOK, "form.html", p)
}

// proposal is the file a posted form would make.
type proposal struct {
	doc     frontedit.Doc
	out     []byte
	changed bool
	verdict verdict
}

// propose applies the posted form to the file and judges the result; on
// failure it answers and returns nil.
func (e *Editor) propose(w http.ResponseWriter, r *http.Request, o *opened) *proposal {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "表单无法读取："+err.Error(), http.StatusBadRequest)
		return nil
	}
	doc := Want(o.front, o.body, r.PostForm)
	out, changed, err := frontedit.Rewrite(o.src, doc, sheets.Order)
	if err != nil {
		http.Error(w, "无法按表单修改 "+o.info.File+"："+err.Error(), http.StatusUnprocessableEntity)
		return nil
	}
	v, err := judge(r.Context(), o.st, o.info.File, out, ids(doc))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return nil
	}
	return &proposal{doc: doc, out: out, changed: changed, verdict: v}
}

// check answers the live validation of the form: the verdict on the file
// the form would save, as JSON, without writing anything.
func (e *Editor) check(w http.ResponseWriter, r *http.Request) {
	o := e.open(w, r)
	if o == nil {
		return
	}
	if p := e.propose(w, r, o); p != nil {
		writeJSON(w, http.StatusOK, p.verdict)
	}
}

// saveResult is the answer to a save from the editor's script.
type saveResult struct {
	OK      bool    `json:"ok"`
	Stale   bool    `json:"stale,omitempty"`
	Changed bool    `json:"changed"`
	Hash    string  `json:"hash,omitempty"`
	Code    string  `json:"code,omitempty"`
	Page    string  `json:"page,omitempty"`
	Print   string  `json:"print,omitempty"`
	Message string  `json:"message"`
	Verdict verdict `json:"verdict"`
}

// staleMessage is what a form whose file changed on disk is told.
const staleMessage = "没有保存：打开表单之后，这个文件已被其他人或其他程序修改。为了不覆盖别人的修改，请重新载入表单（你在本页的修改会丢失，可先复制需要的内容）。"

// save writes the file the posted form makes, by the minimal edit, only
// when the file is still the one the form was opened from (HashField)
// and the result has no error.
func (e *Editor) save(w http.ResponseWriter, r *http.Request, token string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.open(w, r)
	if o == nil {
		return
	}
	if r.PostFormValue(HashField) != Hash(o.src) {
		e.answer(w, r, o, token, http.StatusConflict, saveResult{Stale: true, Message: staleMessage}, nil)
		return
	}
	p := e.propose(w, r, o)
	if p == nil {
		return
	}
	if p.verdict.Errors > 0 {
		res := saveResult{Message: "没有保存：还有 " + itoa(p.verdict.Errors) + " 个错误，请按各项旁边的提示改正。", Verdict: p.verdict}
		e.answer(w, r, o, token, http.StatusUnprocessableEntity, res, p)
		return
	}
	if p.changed {
		if err := sheets.WriteFiles(e.source, map[string][]byte{o.info.File: p.out}, []string{o.info.File}); err != nil {
			http.Error(w, "保存失败："+err.Error(), http.StatusInternalServerError)
			return
		}
	}
	code, _ := p.doc.Front["code"].(string)
	res := saveResult{OK: true, Changed: p.changed, Hash: Hash(p.out), Code: code, Verdict: p.verdict,
		Page: "/guide/" + code + "/", Print: "/guide/" + code + "/print.html", Message: "已保存。"}
	if !p.changed {
		res.Message = "没有修改，文件保持原样。"
	}
	e.answer(w, r, o, token, http.StatusOK, res, p)
}

// answer ends a save: JSON for the editor's script; for a plain form, a
// redirect to the saved guide, or the form again with the posted values
// and the messages.
func (e *Editor) answer(w http.ResponseWriter, r *http.Request, o *opened, token string, status int, res saveResult, p *proposal) {
	if wantsJSON(r) {
		writeJSON(w, status, res)
		return
	}
	if res.OK {
		http.Redirect(w, r, "/edit/"+res.Code+"?saved=1", http.StatusSeeOther)
		return
	}
	doc, v := frontedit.Doc{Front: o.front, Body: o.body}, res.Verdict
	hash := Hash(o.src)
	if p != nil {
		doc = p.doc
	} else {
		hash = r.PostFormValue(HashField)
	}
	page := o.page(token, hash, doc, v)
	page.Stale = res.Stale
	render(w, status, "form.html", page)
}

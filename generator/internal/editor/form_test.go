package editor

import (
	"bytes"
	"io/fs"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"zhinan/generator/internal/frontedit"
	"zhinan/generator/internal/load"
	"zhinan/generator/internal/scaffold"
	"zhinan/generator/internal/schema"
	"zhinan/generator/internal/sheets"
	"zhinan/generator/internal/site"
)

// browserValues is what a browser posts for the form of front and body,
// as the templates write it: every text field, the ticked boxes, the
// selected options, each element's origin and the body.
func browserValues(front map[string]any, body string) url.Values {
	v := url.Values{}
	add := func(f fieldView) {
		switch f.Widget {
		case Check:
			if f.Checked {
				v.Add(f.Name, "1")
			}
		case Checks:
			for _, o := range f.Options {
				if o.On {
					v.Add(f.Name, o.Value)
				}
			}
		case Select:
			for _, o := range f.Options {
				if o.On {
					v.Set(f.Name, o.Value)
				}
			}
		default:
			// Browsers send text areas with CRLF line endings.
			if f.Long {
				v.Set(f.Name, strings.ReplaceAll(f.Value, "\n", "\r\n"))
			} else {
				v.Set(f.Name, f.Value)
			}
		}
	}
	for _, g := range buildGroups(front, nil) {
		for _, f := range g.Fields {
			add(f)
		}
		for _, e := range g.Entries {
			v.Set(g.Array+"."+e.Index+origSuffix, e.Orig)
			for _, f := range e.Fields {
				add(f)
			}
		}
	}
	v.Set(BodyField, strings.ReplaceAll(body, "\n", "\r\n"))
	return v
}

// sampleGuides are the guide files of the repository's sample site.
func sampleGuides(t *testing.T) map[string][]byte {
	t.Helper()
	root := filepath.Join("..", "..", "..")
	fsys := load.DirFS(root)
	files, _ := load.ContentFiles(fsys)
	out := map[string][]byte{}
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte("kind = ")) {
			out[f] = data
		}
	}
	if len(out) < 20 {
		t.Fatalf("only %d sample guides", len(out))
	}
	return out
}

// TestUnchangedFormChangesNothing posts, for every guide of the sample
// site, the form exactly as it was opened: the file must stay the same,
// byte for byte.
func TestUnchangedFormChangesNothing(t *testing.T) {
	for name, src := range sampleGuides(t) {
		doc, _ := load.Parse(name, src)
		want := Want(doc.Front, doc.Body, browserValues(doc.Front, doc.Body))
		out, changed, err := frontedit.Rewrite(src, want, sheets.Order)
		if err != nil || changed || !bytes.Equal(out, src) {
			t.Errorf("%s: unchanged form changed the file (changed %v, err %v)", name, changed, err)
		}
	}
	// A new guide as `generator new` writes it, with its comments.
	src := scaffold.Render(scaffold.Options{Code: "330000-TEST-0001", Title: "测试"}, site.DefaultConfig())
	doc, _ := load.Parse("new.md", src)
	want := Want(doc.Front, doc.Body, browserValues(doc.Front, doc.Body))
	if _, changed, err := frontedit.Rewrite(src, want, sheets.Order); changed || err != nil {
		t.Errorf("scaffolded guide: unchanged form changed it (err %v)", err)
	}
}

// TestEveryKeyHasAField ties the form to the guide format: every key the
// schema allows in a guide (bundle-only keys aside) is a field of one
// group, and no field names a key the format does not have.
func TestEveryKeyHasAField(t *testing.T) {
	keys, err := schema.Keys()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, g := range Groups {
		tbl := g.Table
		if g.Array != "" {
			tbl = g.Array
		}
		for _, f := range g.Fields {
			have[tbl+"|"+f.Key] = true
			if !slices.Contains(keys[tbl], f.Key) {
				t.Errorf("field %s.%s is not a key of the format", tbl, f.Key)
			}
		}
		if tbl != "" {
			have[parentOf(tbl)+"|"+lastOf(tbl)] = true
		}
	}
	for tbl, ks := range keys {
		for _, k := range ks {
			if tbl == "" && slices.Contains(scaffold.BundleOnlyKeys, k) {
				continue
			}
			if !have[tbl+"|"+k] {
				t.Errorf("key %q of table %q has no field in the form", k, tbl)
			}
		}
	}
}

func parentOf(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}

func lastOf(p string) string { return p[strings.LastIndexByte(p, '.')+1:] }

// fullGuide is a guide that sets every key of the format.
const fullGuide = `+++
# 注释要留下
code = "330000-FULL-0001"
title = "全部要素"
department = "省司法厅"
region = "浙江省"
type = "行政许可"
audience = ["个人", "法人"]
topics = ["婚育"]
keywords = ["俗称"]
batch = 2
published = 2020-01-02
updated = 2024-03-04
draft = false
extends = "330000-BASE"
basis = ["某法第一条"]
joint_departments = ["省公安厅"]
basic_code = "A1"
impl_code = "B2"
level = "省级"
scope = "跨省"
cross_modes = ["全程网办"]
limit = "无数量限制"
intermediary = ["评估"]
status = "在用"
effective = 2024-01-01
replaced_by = "X"
evaluate_url = "https://example.gov.cn/e"

[service]
star = 4
visits = 1
mode = "网上申报"
online_url = "https://example.gov.cn/"
mobile = true
delivery = false
appointment = true
immediate = false
agent = true
negative_reason = "无"
pay_online = true
self_service = false

[time]
legal_days = 20
promised_days = 5
unit = "工作日"
note = "不含听证"

[[time.special]]
name = "听证"
days = 10
note = "依申请"

[fee]
charged = true
standard = "每件 10 元"
basis = "物价文件"

[result]
name = "许可证"
type = "证照"
sample = "files/s.pdf"
validity = "5年"
e_license = true
delivery = ["窗口领取", "快递送达"]

[[materials]]
name = "身份证"
required = false
source = "申请人自备"
copies = 2
original = true
electronic = true
shared = false
note = """多行
说明"""
template = "files/t.docx"
sample = "files/s.docx"
issuer = "公安机关"
freshness = "3个月内"
e_license = "居民身份证"
commitment = true
when = ["委托"]

[[steps]]
name = "受理"
days = 1
detail = "审查"

[[locations]]
name = "大厅"
address = "某路 1 号"
window = "3 号"
hours = "工作日 9:00-17:00"
phone = "0571-87654321"
region = "浙江省"

[[situations]]
name = "委托"
question = "是否委托？"
note = "带委托书"

[[faq]]
q = "问"
a = "答"

[contact]
consult = ["0571-87654321", "12345"]
complain = ["12345"]
+++
正文第一段。

## 申请条件
`

// TestEveryKeyRoundTrips opens the form of a guide that sets every key:
// unchanged, it changes nothing; then each field in turn gets a new
// value, which must reach the file at its key (and nothing else change).
func TestEveryKeyRoundTrips(t *testing.T) {
	src := []byte(fullGuide)
	doc, _ := load.Parse("full.md", src)
	base := browserValues(doc.Front, doc.Body)
	if _, changed, err := frontedit.Rewrite(src, Want(doc.Front, doc.Body, base), sheets.Order); changed || err != nil {
		t.Fatalf("unchanged full guide changed (err %v)", err)
	}
	n := 0
	for _, g := range buildGroups(doc.Front, nil) {
		fields := g.Fields
		if len(g.Entries) > 0 {
			fields = g.Entries[0].Fields
		}
		for _, f := range fields {
			n++
			form := cloneValues(base)
			newVal, wantVal := changeOf(f)
			form[f.Name] = newVal
			want := Want(doc.Front, doc.Body, form)
			out, changed, err := frontedit.Rewrite(src, want, sheets.Order)
			if err != nil || !changed {
				t.Errorf("%s: changed %v, err %v", f.Name, changed, err)
				continue
			}
			got, _ := load.Parse("full.md", out)
			if v := valueAt(got.Front, f.Name); !frontedit.Equal(v, wantVal) {
				t.Errorf("%s: file holds %#v, want %#v", f.Name, v, wantVal)
			}
			if strings.Contains(f.Value, "\n") {
				continue // a string of several lines becomes one
			}
			if d := diffLines(string(src), string(out)); d != 1 {
				t.Errorf("%s: %d lines changed, want 1:\n%s", f.Name, d, out)
			}
		}
	}
	if n < 85 {
		t.Errorf("only %d fields tried", n)
	}
}

// changeOf is a new form value for a field and the value it must write.
func changeOf(f fieldView) ([]string, any) {
	switch f.Widget {
	case Check:
		if f.Checked {
			return nil, false
		}
		return []string{"1"}, true
	case Checks:
		return []string{f.Options[len(f.Options)-1].Value}, []any{f.Options[len(f.Options)-1].Value}
	case Select:
		o := f.Options[1].Value
		if f.Options[1].On {
			o = f.Options[2].Value
		}
		if n := sheets.ParseCell(o, sheets.Int); f.Name == "service.star" {
			return []string{o}, n
		}
		return []string{o}, o
	}
	switch {
	case strings.HasSuffix(f.Name, "days") || strings.HasSuffix(f.Name, "copies") || f.Name == "batch" || f.Name == "service.visits":
		return []string{"7"}, int64(7)
	case f.Name == "published" || f.Name == "updated" || f.Name == "effective":
		return []string{"2025-05-06"}, sheets.ParseCell("2025-05-06", sheets.Date)
	case f.Hint == "每行一项" || strings.Contains(f.Hint, "每行"):
		return []string{"甲\r\n乙"}, []any{"甲", "乙"}
	}
	return []string{"新的值"}, "新的值"
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}

// valueAt reads a key path ("materials.0.name") of front matter.
func valueAt(m map[string]any, p string) any {
	var cur any = m
	for _, part := range strings.Split(p, ".") {
		switch x := cur.(type) {
		case map[string]any:
			cur = x[part]
		case []map[string]any:
			i := 0
			for _, c := range part {
				i = i*10 + int(c-'0')
			}
			if i >= len(x) {
				return nil
			}
			cur = x[i]
		default:
			return nil
		}
	}
	return cur
}

// diffLines counts the lines of b that are not at the same place in a
// (the files keep their number of lines when one value changes).
func diffLines(a, b string) int {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	if len(la) != len(lb) {
		return -1
	}
	n := 0
	for i := range la {
		if la[i] != lb[i] {
			n++
		}
	}
	return n
}

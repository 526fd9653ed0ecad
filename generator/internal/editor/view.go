package editor

import (
	"slices"
	"strings"
)

// fieldView is one field as the template writes it.
type fieldView struct {
	ID, Name, Label, Hint string
	Widget                Widget
	Value                 string
	Checked               bool
	Options               []optionView
	Placeholder           string   // what the field inherits, when empty
	Long                  bool     // a text area, for text of several lines
	Errors                []string // the validator's messages about it
	Suggest               string   // the id of its datalist, or ""
}

// ErrID is the id of the field's messages (aria-describedby).
func (f fieldView) ErrID() string { return "e-" + strings.TrimPrefix(f.ID, "f-") }

// optionView is one option of a select box or checkbox group.
type optionView struct {
	ID, Value, Label string
	On               bool
}

// entryView is one element of an array of tables.
type entryView struct {
	Index  string // the number in the field names, or "__I__" in the template
	Orig   string // the element of the file it came from, "" when new
	Number int    // 1-based, for the legend
	Fields []fieldView
	Errors []string // about the element as a whole
}

// ID is the HTML id of the element's fieldset.
func (e entryView) ID(array string) string { return fieldID(array + "." + e.Index) }

// groupView is one section of the form.
type groupView struct {
	*Group
	Fields    []fieldView // of a table
	Entries   []entryView // of an array
	Blank     entryView   // the template of a new element
	Inherited string      // what an empty array inherits, in words
	Errors    []string    // about the array as a whole
}

// fieldID is the HTML id of the field at a key path ("f-materials-0-name");
// its messages have the same id with "e-" (fieldView.ErrID).
func fieldID(path string) string { return "f-" + strings.ReplaceAll(path, ".", "-") }

// newField makes the view of field f at path, showing v (present: the
// key is written) and, when the file leaves it to its base, inherited.
func newField(f Field, path string, v any, present bool, inherited any) fieldView {
	fv := fieldView{ID: fieldID(path), Name: path, Label: f.Label, Hint: f.Hint, Widget: f.Widget}
	if f.Suggest != "" {
		fv.Suggest = "list-" + f.Suggest
	}
	switch f.Widget {
	case Check:
		fv.Checked = checked(f, v, present)
	case Checks:
		on := chosen(v)
		for i, o := range appendMissing(f.Options, on) {
			fv.Options = append(fv.Options, optionView{ID: fv.ID + "-" + itoa(i), Value: o, Label: o, On: slices.Contains(on, o)})
		}
	case Select:
		cur := formText(v)
		fv.Options = append(fv.Options, optionView{Value: "", Label: "（不填）", On: cur == ""})
		for _, o := range appendMissing(f.Options, []string{cur}) {
			if o != "" {
				fv.Options = append(fv.Options, optionView{Value: o, Label: o, On: o == cur})
			}
		}
	}
	fv.Value = formText(v)
	fv.Long = f.Widget == Area || strings.Contains(fv.Value, "\n")
	if !present && inherited != nil {
		fv.Placeholder = "继承：" + strings.ReplaceAll(formText(inherited), "\n", "；")
	}
	return fv
}

// appendMissing is options followed by the values that are not among
// them (a wrong value in the file stays visible, for the validator).
func appendMissing(options, values []string) []string {
	out := append([]string(nil), options...)
	for _, v := range values {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// buildGroups makes the sections of the form for the front matter of a
// file; base is what it inherits (the merged front matter of its
// extends chain), nil when it extends nothing.
func buildGroups(front, base map[string]any) []groupView {
	var out []groupView
	for _, g := range Groups {
		gv := groupView{Group: g}
		if g.Array != "" {
			old, inh := arrayAt(front, g.Array), arrayAt(base, g.Array)
			for i, e := range old {
				gv.Entries = append(gv.Entries, newEntry(g, itoa(i), itoa(i), i+1, e))
			}
			gv.Blank = newEntry(g, "__I__", "", 0, map[string]any{})
			if len(old) == 0 && len(inh) > 0 {
				gv.Inherited = "本事项没有填写" + g.Title + "，继承标准事项的 " + itoa(len(inh)) + " 条；在这里添加后，将整体替换继承的内容。"
			}
		} else {
			t, _ := table(front, g.Table)
			bt, _ := table(base, g.Table)
			_, own := front[g.Table]
			for _, f := range g.Fields {
				v, present := t[f.Key]
				var inh any
				if bt != nil && (g.Table == "" || !own) {
					inh = bt[f.Key]
				}
				gv.Fields = append(gv.Fields, newField(f, g.path(f, 0), v, present, inh))
			}
		}
		out = append(out, gv)
	}
	return out
}

// newEntry makes the view of one element of an array.
func newEntry(g *Group, index, orig string, number int, e map[string]any) entryView {
	ev := entryView{Index: index, Orig: orig, Number: number}
	for _, f := range g.Fields {
		v, present := e[f.Key]
		ev.Fields = append(ev.Fields, newField(f, g.Array+"."+index+"."+f.Key, v, present, nil))
	}
	return ev
}

// arrayAt returns the array of tables at a path ("time.special").
func arrayAt(front map[string]any, path string) []map[string]any {
	if front == nil {
		return nil
	}
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		t, _ := front[path[:i]].(map[string]any)
		return arrayAt(t, path[i+1:])
	}
	l, _ := front[path].([]map[string]any)
	return l
}

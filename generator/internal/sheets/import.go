package sheets

import (
	"context"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"zhinan/generator/internal/frontedit"
	"zhinan/generator/internal/scaffold"
	"zhinan/generator/internal/site"
)

// ImportOptions say what to import into which site.
type ImportOptions struct {
	Source string // the site folder
	Path   string // an .xlsx file or a folder of .csv files
	DryRun bool   // write nothing; write the diff to Diff
	Diff   io.Writer
}

// ImportResult says what an import did, or would do.
type ImportResult struct {
	Created, Updated []string // files, relative to the site folder
	Unchanged        int      // rows whose file already holds them
	// Problems are the errors, each at its cell ("材料!C12") or, for a
	// file the import did not touch, at its file and line. When there is
	// any, nothing was written.
	Problems []CellError
	// Warnings are the validator's warnings about the files written.
	Warnings []CellError
}

// Import reads the workbook at opts.Path and creates or updates the guide
// files of its rows (see the package comment). Nothing is written when
// any row is wrong, or with DryRun. The error is for a path that is not a
// workbook (wrapping ErrUsage) or a file that could not be read or
// written; content problems are in the result.
func Import(ctx context.Context, opts ImportOptions) (ImportResult, error) {
	var res ImportResult
	wb, problems, err := readWorkbook(opts.Path)
	if err != nil {
		return res, err
	}
	sf, diags, err := readSite(ctx, opts.Source)
	if err != nil {
		return res, err
	}
	im := &importer{opts: opts, sf: sf, wb: wb, byCode: map[string]*target{}, byFile: map[string]*target{}}
	im.problems = problems
	im.broken = brokenFiles(diags)
	im.plan()
	changes := im.changes(&res)
	if len(changes) > 0 {
		if err := im.validate(ctx, changes, &res); err != nil {
			return res, err
		}
	}
	res.Problems = im.problems
	if opts.DryRun && opts.Diff != nil {
		im.writeDiffs(opts.Diff, changes)
	}
	if len(res.Problems) > 0 || opts.DryRun {
		return res, nil
	}
	return res, writeFiles(opts.Source, changes, im.order)
}

// importer is the state of one import.
type importer struct {
	opts     ImportOptions
	sf       *siteFiles
	wb       workbook
	targets  []*target
	byCode   map[string]*target
	byFile   map[string]*target
	order    []string // changed files, in row order
	problems []CellError
	broken   map[string]string // file → why it does not parse
}

// target is one row of a main sheet: the file it goes to and what that
// file should hold.
type target struct {
	code string
	tab  *table
	row  row
	file string
	old  *site.Document // nil for a new file
	want frontedit.Doc
	ref  string // the cell of its code: 事项!A5
	// entries are its rows of the entry sheets.
	entries map[*Sheet][]row
	// cells maps key paths to cells ("service.star" → 事项!AB5); made by
	// cellMap only for files that change, when a problem needs a cell.
	cells map[string]string
	out   []byte
	bad   bool
}

func (im *importer) problem(cell, format string, args ...any) {
	im.problems = append(im.problems, CellError{Cell: cell, Message: fmt.Sprintf(format, args...)})
}

// brokenFiles lists the files that do not parse, with the first reason.
func brokenFiles(diags []site.Diagnostic) map[string]string {
	out := map[string]string{}
	for _, d := range diags {
		if _, ok := out[d.File]; !ok {
			out[d.File] = d.String()
		}
	}
	return out
}

// plan reads every row into a target and works out each file's new text.
func (im *importer) plan() {
	for _, s := range []*Sheet{Guides, Bundles} {
		if t := im.wb[s.Name]; t != nil {
			im.mainRows(t)
		}
	}
	entries := im.entryRows()
	for _, t := range im.targets {
		t.entries = entries[t.code]
		im.prepare(t)
	}
}

// mainRows makes a target of every row of a main sheet.
func (im *importer) mainRows(t *table) {
	for _, r := range t.rows {
		ref := t.ref(0, r.num)
		code := strings.TrimSpace(r.cells[0])
		if !t.has(0) {
			im.problem(t.sheet.Name+"!A1", "缺少“%s”列：每一行都要用事项编码指明是哪份指南", CodeHeader)
			return
		}
		if code == "" {
			im.problem(ref, "事项编码是空的：每一行都要填事项编码（新事项也要先定好编码）")
			continue
		}
		if other := im.byCode[code]; other != nil {
			im.problem(ref, "事项编码 %s 与 %s 重复：一个事项只能有一行，请合并或删掉其中一行", code, other.tab.ref(0, other.row.num))
			continue
		}
		r.cells[0] = code // spaces around a code are no change
		tg := &target{code: code, tab: t, row: r, ref: ref}
		im.targets = append(im.targets, tg)
		im.byCode[code] = tg
	}
}

// entryRows groups the rows of the entry sheets by code, in order; a row
// whose code has no row in a main sheet is a problem.
func (im *importer) entryRows() map[string]map[*Sheet][]row {
	out := map[string]map[*Sheet][]row{}
	for _, s := range entrySheets() {
		t := im.wb[s.Name]
		if t == nil {
			continue
		}
		if !t.has(0) {
			im.problem(s.Name+"!A1", "缺少“%s”列：每一行都要用事项编码指明属于哪份指南", CodeHeader)
			continue
		}
		for _, r := range t.rows {
			code := strings.TrimSpace(r.cells[0])
			if im.byCode[code] == nil {
				im.problem(t.ref(0, r.num), "事项编码“%s”在“%s”或“%s”表里没有对应的行：请先在那里加上这个事项，或改正编码", code, Guides.Name, Bundles.Name)
				continue
			}
			if out[code] == nil {
				out[code] = map[*Sheet][]row{}
			}
			out[code][s] = append(out[code][s], r)
		}
	}
	return out
}

// prepare finds a target's file and works out what it should hold.
func (im *importer) prepare(t *target) {
	files := im.sf.byCode[t.code]
	ref := t.ref
	switch {
	case len(files) > 1:
		im.problem(ref, "事项编码 %s 在网站里有 %d 个文件（%s）：请先改正重复的编码", t.code, len(files), strings.Join(files, "、"))
		t.bad = true
		return
	case len(files) == 1:
		t.file, t.old = files[0], im.sf.docs[files[0]]
		if _, isBundle := t.old.Front["kind"]; isBundle != t.tab.sheet.Bundle {
			im.problem(ref, "%s 是%s，请把这一行放到“%s”表", t.file, kindName(isBundle), sheetFor(isBundle))
			t.bad = true
			return
		}
	}
	front, body := map[string]any{}, ""
	if t.old != nil {
		front, body = clone(t.old.Front).(map[string]any), t.old.Body
	}
	im.applyMain(t, front, &body)
	for _, s := range entrySheets() {
		if tab := im.wb[s.Name]; tab != nil {
			im.applyEntries(front, tab, t.entries[s])
		}
	}
	t.want = frontedit.Doc{Front: front, Body: body}
}

func kindName(bundle bool) string {
	if bundle {
		return "一件事"
	}
	return "办事指南"
}

func sheetFor(bundle bool) string {
	if bundle {
		return Bundles.Name
	}
	return Guides.Name
}

// applyMain applies the cells of a target's main row.
func (im *importer) applyMain(t *target, front map[string]any, body *string) {
	for i, c := range t.tab.sheet.Columns {
		if !t.tab.has(i) {
			continue
		}
		if c.Kind == Body {
			*body = t.row.cells[i]
			continue
		}
		applyCell(front, c.Key, c.Kind, t.row.cells[i])
	}
}

// applyEntries makes the array of an entry sheet hold its rows for the
// target: element n is edited from row n, so an unchanged row leaves its
// element as it is.
func (im *importer) applyEntries(front map[string]any, tab *table, rows []row) {
	s := tab.sheet
	old, had := getPath(front, s.Array)
	oldArr, _ := old.([]map[string]any)
	if len(rows) == 0 {
		if had {
			deletePath(front, s.Array)
		}
		return
	}
	arr := make([]map[string]any, len(rows))
	for n, r := range rows {
		m := map[string]any{}
		if n < len(oldArr) {
			m = oldArr[n]
		}
		for i, c := range s.Columns {
			if i == 0 || !tab.has(i) {
				continue
			}
			applyCell(m, c.Key, c.Kind, r.cells[i])
		}
		arr[n] = m
	}
	setPath(front, s.Array, arr)
}

// cellMap returns the cell of every key path of a target's rows: its
// code cell for "", a main row's cells by key ("body" for 正文), an entry
// row's code cell for the element ("materials.2") and its cells below it.
func (im *importer) cellMap(t *target) map[string]string {
	if t.cells != nil {
		return t.cells
	}
	t.cells = map[string]string{"": t.ref}
	for i, c := range t.tab.sheet.Columns {
		if t.tab.has(i) {
			key := c.Key
			if c.Kind == Body {
				key = "body"
			}
			t.cells[key] = t.tab.ref(i, t.row.num)
		}
	}
	for _, s := range entrySheets() {
		tab := im.wb[s.Name]
		for n, r := range t.entries[s] {
			at := s.Array + "." + strconv.Itoa(n)
			t.cells[at] = tab.ref(0, r.num)
			for i, c := range s.Columns[1:] {
				if tab.has(i + 1) {
					t.cells[at+"."+c.Key] = tab.ref(i+1, r.num)
				}
			}
		}
	}
	return t.cells
}

// applyCell makes the key path of table m hold what a cell says, leaving
// it alone when the cell says what it holds already.
func applyCell(m map[string]any, key string, k Kind, text string) {
	old, had := getPath(m, key)
	switch {
	case had && sameCell(old, text, k):
	case text == "":
		if had {
			deletePath(m, key)
		}
	default:
		setPath(m, key, parseCell(text, k))
	}
}

// changes works out the new text of every target's file and returns the
// files that change.
func (im *importer) changes(res *ImportResult) map[string][]byte {
	out := map[string][]byte{}
	existing := im.existing()
	for _, t := range im.targets {
		if t.bad {
			continue
		}
		if t.old == nil {
			im.create(t, existing, out, res)
			continue
		}
		if why, ok := im.broken[t.file]; ok {
			im.problem(t.ref, "%s 无法解析，不能导入这一行：%s", t.file, why)
			continue
		}
		b, changed, err := frontedit.Rewrite(im.sf.raw[t.file], t.want, Order)
		switch {
		case err != nil:
			im.problem(t.ref, "%s：%v；请手工修改这个文件", t.file, err)
		case changed:
			t.out, out[t.file] = b, b
			im.byFile[t.file] = t
			im.order = append(im.order, t.file)
			res.Updated = append(res.Updated, t.file)
		default:
			res.Unchanged++
		}
	}
	return out
}

// existing lists the site's guides for scaffold.Folder.
func (im *importer) existing() []scaffold.Existing {
	out := make([]scaffold.Existing, 0, len(im.sf.files))
	for _, f := range im.sf.files {
		if doc := im.sf.docs[f]; doc != nil {
			code, _ := doc.Front["code"].(string)
			dep, _ := doc.Front["department"].(string)
			reg, _ := doc.Front["region"].(string)
			out = append(out, scaffold.Existing{File: f, Code: code, Department: dep, Region: reg})
		}
	}
	return out
}

// create places a new guide where `generator new` would.
func (im *importer) create(t *target, existing []scaffold.Existing, out map[string][]byte, res *ImportResult) {
	dep, _ := t.want.Front["department"].(string)
	if dep == "" {
		dep, _ = t.want.Front["lead"].(string)
	}
	reg, _ := t.want.Front["region"].(string)
	t.file = path.Join(scaffold.Folder(existing, dep, reg, t.code), t.code+".md")
	if _, taken := out[t.file]; taken || im.sf.raw[t.file] != nil || im.broken[t.file] != "" {
		im.problem(t.ref, "新事项的文件 %s 已经存在：请检查事项编码", t.file)
		return
	}
	if strings.HasPrefix(t.code, ".") || strings.ContainsAny(t.code, `/\`) {
		im.problem(t.ref, "事项编码“%s”不能用作文件名：只能包含英文字母、数字、-、_ 和 .，且不能以 . 开头", t.code)
		return
	}
	t.out = frontedit.Render(t.want, Order)
	out[t.file] = t.out
	im.byFile[t.file] = t
	im.order = append(im.order, t.file)
	res.Created = append(res.Created, t.file)
}

// writeDiffs writes the diff of every changed file, in row order.
func (im *importer) writeDiffs(w io.Writer, changes map[string][]byte) {
	for _, f := range im.order {
		var old []byte
		if t := im.byFile[f]; t.old != nil {
			old = im.sf.raw[f]
		}
		writeDiff(w, f, old, changes[f])
	}
}

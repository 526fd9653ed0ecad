package validate

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unique"

	"zhinan/generator/internal/hint"
	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/slug"
)

// Decode turns a Document into a typed Guide, reporting every problem of
// form it finds (not only the first): unknown keys at any level, with a
// hint when one is a near miss of a known key (R1); values of the wrong type
// (R1); dates written as strings (R12); integers out of range (R1); a code
// with characters other than letters, digits, -, _ and ., a code "." or
// "..", a code longer than slug.MaxLen (R1).
//
// Required keys are not checked here, because a guide with `extends` may
// inherit them; Guides checks them after inheritance. A value of the wrong
// type is left at its zero value, but its key still counts as written
// (Guide.Positions, Guide.Defines), so that it is not inherited or
// reported as missing as well.
func Decode(doc *site.Document) (*site.Guide, []site.Diagnostic) {
	g := &site.Guide{File: doc.File, Body: doc.Body}
	d := &decoder{doc: doc, guide: g, extraLines: make(map[string]int, 1)}
	if strings.TrimSpace(doc.Body) != "" {
		d.extraLines["body"] = doc.BodyLine
	}
	top := d.table("", doc.Front)
	if _, isBundle := doc.Front["kind"]; isBundle {
		d.decodeBundle(top, g)
	} else {
		d.decodeGuide(top, g)
	}
	top.finish()
	g.Positions = site.NewPositions(doc.File, doc.Lines, d.extraLines)
	return g, d.diags
}

// decodeGuide reads the keys of a guide (a file without `kind`).
func (d *decoder) decodeGuide(top *table, g *site.Guide) {
	d.decodeTop(top, g)
	d.decodeNational(top, g)
	if t := top.subtable("service"); t != nil {
		decodeService(t, &g.Service)
	}
	if t := top.subtable("time"); t != nil {
		decodeTime(t, &g.Time)
	}
	if t := top.subtable("fee"); t != nil {
		g.Fee.Charged = t.optBoolean("charged")
		g.Fee.Standard = t.shared("standard")
		g.Fee.Basis = t.shared("basis")
		t.finish()
	}
	if t := top.subtable("result"); t != nil {
		g.Result = decodeResult(t)
	}
	g.Materials = decodeEach(top.tables("materials"), decodeMaterial)
	g.Steps = decodeEach(top.tables("steps"), decodeStep)
	g.Locations = decodeEach(top.tables("locations"), decodeLocation)
	g.Situations = decodeEach(top.tables("situations"), decodeSituation)
	g.FAQ = decodeEach(top.tables("faq"), decodeFAQ)
	if t := top.subtable("contact"); t != nil {
		decodeContact(t, &g.Contact)
	}
}

// decodeBundle reads the keys of a bundle (一件事, a file with `kind`):
// its own top-level keys, a smaller [service] and [time], and the tables
// it shares with guides. A key only guides have is unknown here.
func (d *decoder) decodeBundle(top *table, g *site.Guide) {
	g.Kind = top.enum("kind", kindValues)
	d.decodeCommon(top, g)
	g.Items = top.strings("items")
	g.Lead = top.shared("lead")
	g.Stage = top.shared("stage")
	if _, _, ok := top.get("extends"); ok {
		d.errorf(rules.R19, "extends", "一件事不使用 extends：它的办理地点、电话和材料要写在本文件里。请删去 extends，把要继承的内容直接写上")
	}
	if t := top.subtable("service"); t != nil {
		g.Service.Visits = t.integer("visits", 0, noMax, 0)
		g.Service.OnlineURL = t.str("online_url")
		g.Service.Mobile = t.boolean("mobile")
		g.Service.Delivery = t.boolean("delivery")
		t.finish()
	}
	if t := top.subtable("time"); t != nil {
		g.Time.PromisedDays = t.optInteger("promised_days", 0, noMax)
		t.finish()
	}
	g.Materials = decodeEach(top.tables("materials"), decodeMaterial)
	g.Locations = decodeEach(top.tables("locations"), decodeLocation)
	if t := top.subtable("contact"); t != nil {
		decodeContact(t, &g.Contact)
	}
}

// decodeContact reads the [contact] table into c.
func decodeContact(t *table, c *site.Contact) {
	c.Consult = t.strings("consult")
	c.Complain = t.sharedStrings("complain")
	t.finish()
}

// The listed values of the version-2 enumerations (rule 15), in the
// contract's order; messages list them as what to write instead.
var (
	kindValues       = []string{site.BundleKind}
	levelValues      = []string{"国家级", "省级", "市级", "县级", "乡镇级", "村级"}
	scopeValues      = []string{"全国", "跨省", "跨市", "跨县"}
	crossModeValues  = []string{"全程网办", "异地代收代办", "多地联办"}
	statusValues     = []string{site.StatusActive, site.StatusSuspended, site.StatusCancelled}
	unitValues       = []string{"工作日", "自然日"}
	resultTypeValues = []string{"证照", "批文", "证明", "其他"}
	deliveryValues   = []string{"窗口领取", "快递送达", "自助打印", "网上下载"}
)

// decodeNational reads the top-level keys of version 2 (the national
// elements and the lifecycle).
func (d *decoder) decodeNational(top *table, g *site.Guide) {
	g.BasicCode = top.code("basic_code", 10, "基本编码")
	g.ImplCode = top.code("impl_code", 24, "实施编码")
	g.Level = top.enum("level", levelValues)
	g.Scope = top.enum("scope", scopeValues)
	g.CrossModes = top.enums("cross_modes", crossModeValues)
	g.Limit = top.shared("limit")
	g.Intermediary = top.sharedStrings("intermediary")
	g.Status = top.enum("status", statusValues)
	g.Effective = top.date("effective")
	g.ReplacedBy = top.str("replaced_by")
	g.EvaluateURL = top.str("evaluate_url")
}

// decodeTime reads the [time] table into tm.
func decodeTime(t *table, tm *site.Time) {
	tm.LegalDays = t.optInteger("legal_days", 0, noMax)
	tm.PromisedDays = t.optInteger("promised_days", 0, noMax)
	tm.Unit = t.enum("unit", unitValues)
	tm.Note = t.shared("note")
	tm.Special = decodeEach(t.tables("special"), decodeSpecial)
	t.finish()
}

// decodeSpecial reads one [[time.special]] table.
func decodeSpecial(t *table) site.SpecialProcedure {
	return site.SpecialProcedure{
		Name: t.shared("name"),
		Days: t.optInteger("days", 0, noMax),
		Note: t.shared("note"),
	}
}

// decodeResult reads the [result] table.
func decodeResult(t *table) *site.Result {
	r := &site.Result{
		Name:     t.shared("name"),
		Type:     t.enum("type", resultTypeValues),
		Sample:   t.shared("sample"),
		Validity: t.shared("validity"),
		ELicense: t.boolean("e_license"),
		Delivery: t.enums("delivery", deliveryValues),
	}
	t.finish()
	return r
}

// decodeSituation reads one [[situations]] table.
func decodeSituation(t *table) site.Situation {
	return site.Situation{
		Name:     t.shared("name"),
		Question: t.shared("question"),
		Note:     t.shared("note"),
	}
}

// decodeFAQ reads one [[faq]] table.
func decodeFAQ(t *table) site.FAQ {
	return site.FAQ{Q: t.str("q"), A: t.str("a")}
}

// decodeCommon reads the top-level keys guides and bundles share: code,
// title, region, audience, keywords, the dates and draft.
func (d *decoder) decodeCommon(top *table, g *site.Guide) {
	g.Code = top.str("code")
	d.checkCode(g.Code)
	g.Title = top.shared("title")
	g.Region = top.shared("region")
	g.Audience = top.sharedStrings("audience")
	g.Keywords = top.sharedStrings("keywords")
	g.Published = top.date("published")
	g.Updated = top.date("updated")
	g.Draft = top.boolean("draft")
}

// decodeTop reads the top-level keys that are not tables into g, in the
// order of the format's reference.
func (d *decoder) decodeTop(top *table, g *site.Guide) {
	d.decodeCommon(top, g)
	g.Department = top.shared("department")
	g.Type = top.shared("type")
	g.Topics = top.sharedStrings("topics")
	g.Batch = top.integer("batch", 1, noMax, 0)
	g.Extends = top.str("extends")
	g.Basis = top.sharedStrings("basis")
	g.JointDepartments = top.sharedStrings("joint_departments")
}

// decodeService reads the [service] table into s.
func decodeService(t *table, s *site.Service) {
	s.Star = t.integer("star", 1, 5, 0)
	s.Visits = t.integer("visits", 0, noMax, 0)
	s.Mode = t.shared("mode")
	s.OnlineURL = t.str("online_url")
	s.Mobile = t.boolean("mobile")
	s.Delivery = t.boolean("delivery")
	s.Appointment = t.boolean("appointment")
	s.Immediate = t.boolean("immediate")
	s.Agent = t.boolean("agent")
	s.NegativeReason = t.shared("negative_reason")
	s.PayOnline = t.boolean("pay_online")
	s.SelfService = t.boolean("self_service")
	t.finish()
}

// decodeEach reads an array of tables with read, one element a table,
// and reports each table's unknown keys; nil when there are none.
func decodeEach[T any](tables []*table, read func(*table) T) []T {
	if len(tables) == 0 {
		return nil
	}
	out := make([]T, 0, len(tables))
	for _, t := range tables {
		out = append(out, read(t))
		t.finish()
	}
	return out
}

// decodeMaterial reads one [[materials]] table.
func decodeMaterial(t *table) site.Material {
	m := site.Material{Required: true}
	m.Name = t.shared("name")
	if b := t.optBoolean("required"); b != nil {
		m.Required = *b
	}
	m.Source = t.shared("source")
	m.Copies = t.integer("copies", 1, noMax, 0)
	m.Original = t.optBoolean("original")
	m.Electronic = t.boolean("electronic")
	m.Shared = t.boolean("shared")
	m.Note = t.shared("note")
	m.Template = t.shared("template")
	m.Sample = t.shared("sample")
	m.Issuer = t.shared("issuer")
	m.Freshness = t.shared("freshness")
	m.ELicense = t.shared("e_license")
	m.Commitment = t.boolean("commitment")
	m.When = t.sharedStrings("when")
	return m
}

// decodeStep reads one [[steps]] table.
func decodeStep(t *table) site.Step {
	return site.Step{
		Name:   t.shared("name"),
		Days:   t.optInteger("days", 0, noMax),
		Detail: t.shared("detail"),
	}
}

// decodeLocation reads one [[locations]] table.
func decodeLocation(t *table) site.Location {
	return site.Location{
		Name:    t.shared("name"),
		Address: t.str("address"),
		Window:  t.shared("window"),
		Hours:   t.shared("hours"),
		Phone:   t.str("phone"),
		Region:  t.shared("region"),
	}
}

// checkCode reports a code that cannot be the segment <code> of the
// guide's URL /guide/<code>/ (slug.Check): characters other than ASCII
// letters, digits, -, _ and .; "." or ".."; more than slug.MaxLen
// characters. An empty code is left to the check of required keys.
func (d *decoder) checkCode(code string) {
	switch slug.Check(code) {
	case slug.BadChar:
		d.errorf(rules.R1, "code", "事项编码 code 只能包含英文字母、数字、-、_ 和 .，现在是 %q：请去掉空格、中文等其他字符", code)
	case slug.Dots:
		d.errorf(rules.R1, "code", "事项编码不能是 . 或 ..（现在是 %q）：编码是网址 /guide/编码/ 的一段，. 和 .. 在网址和文件夹里表示当前和上一级；"+
			"请写上正式的事项编码，例如 330000-SF-XK-0001", code)
	case slug.OK:
		if len(code) > slug.MaxLen {
			d.errorf(rules.R1, "code", "事项编码最长 %d 个字符，现在有 %d 个：编码是网址 /guide/编码/ 的一段，太长的网址印不进二维码；"+
				"请写上正式的事项编码（例如 330000-SF-XK-0001），事项名称写在 title 里", slug.MaxLen, len(code))
		}
	}
}

const noMax = -1

type decoder struct {
	doc   *site.Document
	guide *site.Guide
	diags []site.Diagnostic
	// extraLines are the positions the guide needs beyond doc.Lines: the
	// body's, and those of written keys the line indexer did not place.
	extraLines map[string]int
}

// line returns the line of a key path in the document.
func (d *decoder) line(path string) int { return d.doc.Line(path) }

func (d *decoder) errorf(rule *rules.Rule, path, format string, args ...any) {
	d.diags = append(d.diags, rule.Atf(d.doc.File, d.line(path), format, args...))
}

// table reads the keys of one TOML table, remembering which keys it was
// asked for so that finish can report the others as unknown.
type table struct {
	d     *decoder
	path  string
	m     map[string]any
	asked []string
}

func (d *decoder) table(path string, m map[string]any) *table {
	return &table{d: d, path: path, m: m, asked: make([]string, 0, 16)}
}

// get returns the value of key, if the table has it, and its path. It
// makes sure a written key has a position even where the line indexer
// found none.
func (t *table) get(key string) (any, string, bool) {
	t.asked = append(t.asked, key)
	v, ok := t.m[key]
	if !ok {
		return nil, "", false
	}
	path := key
	if t.path != "" {
		path = t.path + "." + key
	}
	if _, has := t.d.doc.Lines[path]; !has {
		t.d.extraLines[path] = t.d.line(path)
	}
	return v, path, true
}

// finish reports every key of the table that no reader asked for.
func (t *table) finish() {
	var unknown []string
	for k := range t.m {
		if !slices.Contains(t.asked, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		path := k
		where := "前置信息"
		if t.path != "" {
			path = t.path + "." + k
			where = "[" + site.TableName(t.path) + "]"
		}
		suggestion := ""
		if near := hint.Nearest(k, t.asked); near != "" {
			suggestion = fmt.Sprintf("你是不是想写 `%s`？", near)
		}
		t.d.errorf(rules.R1, path, "%s里有不认识的键 `%s`：%s拼错的键会被忽略，请改正或删除它", where, k, suggestion)
	}
}

// wrongType reports a value of the wrong type, with a fix that fits what
// was written.
func (t *table) wrongType(path string, v any, want, example string) {
	fix := "请改为" + example
	if s, ok := v.(string); ok {
		if _, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil && strings.Contains(want, "整数") {
			fix = "请去掉引号"
		} else if s == "true" || s == "false" {
			fix = "请去掉引号"
		}
	}
	t.d.errorf(rules.R1, path, "`%s` 应当是%s，现在是%s：%s", path, want, hint.Describe(v), fix)
}

func (t *table) str(key string) string {
	v, path, ok := t.get(key)
	if !ok {
		return ""
	}
	s, isString := v.(string)
	if !isString {
		t.wrongType(path, v, "字符串", fmt.Sprintf(`%s = "…"（用英文双引号括起来）`, key))
	}
	return s
}

func (t *table) integer(key string, lo, hi, def int) int {
	if p := t.optInteger(key, lo, hi); p != nil {
		return *p
	}
	return def
}

// optInteger returns nil when the key is not written or not an integer. An
// integer out of range is reported and returned as written.
func (t *table) optInteger(key string, lo, hi int) *int {
	v, path, ok := t.get(key)
	if !ok {
		return nil
	}
	n64, isInt := v.(int64)
	if !isInt {
		t.wrongType(path, v, "整数", key+" = 1（不带引号和小数点）")
		return nil
	}
	n := int(n64)
	switch {
	case hi != noMax && (n64 < int64(lo) || n64 > int64(hi)):
		t.d.errorf(rules.R1, path, "`%s` 必须是 %d 到 %d 之间的整数，现在是 %d：请改正", path, lo, hi, n64)
	case n64 < int64(lo) && lo == 0:
		t.d.errorf(rules.R1, path, "`%s` 不能是负数，现在是 %d：请改为 0 或更大的整数", path, n64)
	case n64 < int64(lo):
		t.d.errorf(rules.R1, path, "`%s` 至少是 %d，现在是 %d：请改正", path, lo, n64)
	}
	return &n
}

func (t *table) boolean(key string) bool {
	b := t.optBoolean(key)
	return b != nil && *b
}

func (t *table) optBoolean(key string) *bool {
	v, path, ok := t.get(key)
	if !ok {
		return nil
	}
	b, isBool := v.(bool)
	if !isBool {
		t.wrongType(path, v, "布尔值", key+" = true 或 "+key+" = false（不带引号）")
		return nil
	}
	return &b
}

// date reads a TOML date or date-time. A string is rule 12: dates are
// written without quotes.
func (t *table) date(key string) time.Time {
	v, path, ok := t.get(key)
	if !ok {
		return time.Time{}
	}
	switch x := v.(type) {
	case time.Time:
		if x.Location().String() != "time-local" {
			return x
		}
	case string:
		if s := strings.TrimSpace(x); looksLikeDate(s) {
			t.d.errorf(rules.R12, path, "`%s` 是日期，不能写成字符串：请去掉引号，写成 %s = %s", path, key, s[:10])
		} else {
			t.d.errorf(rules.R12, path, "`%s` 应当是日期，现在是字符串 %q：请写成 %s = 2017-03-01 这样不带引号的日期", path, x, key)
		}
		return time.Time{}
	}
	t.d.errorf(rules.R12, path, "`%s` 应当是日期，现在是%s：请写成 %s = 2017-03-01 这样不带引号的日期", path, hint.Describe(v), key)
	return time.Time{}
}

// enum reads a string that must be one of allowed (rule 15); a value
// outside the list is reported with the values to write instead and
// returned as written.
func (t *table) enum(key string, allowed []string) string {
	s := t.shared(key)
	if s != "" && !slices.Contains(allowed, s) {
		t.notListed(key, s, allowed)
	}
	return s
}

// enums reads an array of strings each of which must be one of allowed
// (rule 15).
func (t *table) enums(key string, allowed []string) []string {
	out := t.sharedStrings(key)
	for _, s := range out {
		if !slices.Contains(allowed, s) {
			t.notListed(key, s, allowed)
		}
	}
	return out
}

// notListed reports rule 15 for value s of key.
func (t *table) notListed(key, s string, allowed []string) {
	path := key
	if t.path != "" {
		path = t.path + "." + key
	}
	t.d.errorf(rules.R15, path, "`%s` 不能是 %q：只能写 %s 中的一个", path, s, quoteAll(allowed))
}

// quoteAll writes values as "a"、"b"、"c" for messages.
func quoteAll(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, "、")
}

// code reads a national code (basic_code, impl_code): ASCII letters and
// digits only, at most max characters (rule 1).
func (t *table) code(key string, max int, what string) string {
	s := t.str(key)
	if s == "" {
		return s
	}
	path := key
	if t.path != "" {
		path = t.path + "." + key
	}
	ok := len(s) <= max
	for i := 0; ok && i < len(s); i++ {
		c := s[i]
		ok = c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
	}
	if !ok {
		t.d.errorf(rules.R1, path, "`%s`（%s）只能由英文字母和数字组成，最多 %d 个字符，现在是 %q：请照国家事项目录抄写", path, what, max, s)
	}
	return s
}

// looksLikeDate reports whether s starts with YYYY-MM-DD.
func looksLikeDate(s string) bool {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for _, i := range []int{0, 1, 2, 3, 5, 6, 8, 9} {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// shared reads a string that many guides write alike (a department, a
// region, office hours, a material's name, a step's description) and
// returns the one copy the whole process shares (package unique), so that
// a site of 100,000 guides holds each such value once rather than once a
// guide. Values that are mostly unique (codes, URLs, addresses, phone
// numbers) use str: interning them would cost more than it saves.
func (t *table) shared(key string) string { return intern(t.str(key)) }

// sharedStrings is strings with each element interned, as shared does.
func (t *table) sharedStrings(key string) []string {
	out := t.strings(key)
	for i, s := range out {
		out[i] = intern(s)
	}
	return out
}

func intern(s string) string {
	if s == "" {
		return s
	}
	return unique.Make(s).Value()
}

// strings reads an array of strings.
func (t *table) strings(key string) []string {
	v, path, ok := t.get(key)
	if !ok {
		return nil
	}
	arr, isArray := v.([]any)
	if !isArray {
		if s, isString := v.(string); isString {
			t.d.errorf(rules.R1, path, "`%s` 应当是字符串数组，现在是字符串 %q：请加上方括号，写成 %s = [%q]", path, s, key, s)
		} else {
			t.wrongType(path, v, "字符串数组", key+` = ["…", "…"]`)
		}
		return nil
	}
	out := make([]string, 0, len(arr))
	for i, e := range arr {
		s, isString := e.(string)
		if !isString {
			t.wrongType(path+"."+strconv.Itoa(i), e, "字符串", `"…"（用英文双引号括起来）`)
			continue
		}
		out = append(out, s)
	}
	return out
}

// subtable reads a table such as [service]; nil when it is not written or
// is not a table.
func (t *table) subtable(key string) *table {
	v, path, ok := t.get(key)
	if !ok {
		return nil
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		if _, isArray := v.([]map[string]any); isArray {
			t.d.errorf(rules.R1, path, "`%s` 是一张表，只能写一次 [%s]，不能写成 [[%s]]：请改为 [%s]", path, key, key, key)
		} else {
			t.wrongType(path, v, "表", "["+key+"] 开头的一段")
		}
		return nil
	}
	return t.d.table(path, m)
}

// tables reads an array of tables such as [[materials]]; inline arrays of
// inline tables are accepted too.
func (t *table) tables(key string) []*table {
	v, path, ok := t.get(key)
	if !ok {
		return nil
	}
	var maps []map[string]any
	switch x := v.(type) {
	case []map[string]any:
		maps = x
	case []any:
		for i, e := range x {
			m, isMap := e.(map[string]any)
			if !isMap {
				t.wrongType(path+"."+strconv.Itoa(i), e, "表", "{ name = \"…\" }")
				return nil
			}
			maps = append(maps, m)
		}
	case map[string]any:
		t.d.errorf(rules.R1, path, "`%s` 可以有多项，每一项都要用 [[%s]]（两层方括号）开头，不能写成 [%s]：请改为 [[%s]]", path, key, key, key)
		return nil
	default:
		t.wrongType(path, v, "表的数组", "每一项用 [["+key+"]] 开头")
		return nil
	}
	out := make([]*table, len(maps))
	for i, m := range maps {
		out[i] = t.d.table(path+"."+strconv.Itoa(i), m)
	}
	return out
}

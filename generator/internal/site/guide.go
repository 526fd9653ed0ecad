package site

import "time"

// Document is one content file as the loader read it: front matter decoded
// into TOML values, the line of every key, and the Markdown body. It has not
// been judged yet: keys may be unknown and values of the wrong type.
type Document struct {
	// File is the path relative to the site's source folder, with forward
	// slashes, e.g. "content/sfj/lawyer.md".
	File string
	// Front is the decoded TOML front matter: strings, int64, float64,
	// bool, time.Time, []any and map[string]any, as BurntSushi/toml
	// produces them. Arrays of tables are []map[string]any.
	Front map[string]any
	// Lines maps a key path to the line of its value in the file (counting
	// the opening +++ as line 1). Paths join keys with dots and index
	// arrays of tables from 0: "code", "service", "service.visits",
	// "materials.0", "materials.0.name". The path of a table or of an
	// element of an array of tables is the line of its header.
	Lines map[string]int
	// Body is the Markdown after the closing +++, with CRLF turned into LF.
	Body string
	// BodyLine is the line on which Body starts.
	BodyLine int
}

// Line returns the line of a key path, falling back to the line of the
// nearest enclosing table that has one, then to line 1 (the opening +++).
// Use it for the line of a missing key: the line of its table header.
func (d *Document) Line(path string) int {
	for {
		if l, ok := d.Lines[path]; ok {
			return l
		}
		i := lastDot(path)
		if i < 0 {
			return 1
		}
		path = path[:i]
	}
}

func lastDot(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return i
		}
	}
	return -1
}

// Pos is where a value was written: a file and a line. After inheritance a
// value may come from the base guide's file.
type Pos struct {
	File string
	Line int
}

// Guide is one service item (事项) with typed fields. Fields the editor did
// not write hold their zero value; Positions tells where each value was
// written, which diagnostics need, and Defines which top-level keys the
// guide's own file wrote, which inheritance needs.
type Guide struct {
	Code             string
	Title            string
	Department       string
	Region           string
	Type             string
	Audience         []string
	Topics           []string
	Keywords         []string
	Batch            int
	Published        time.Time // zero when not set
	Updated          time.Time // zero when not set
	Draft            bool
	Extends          string
	Basis            []string
	JointDepartments []string

	// Version 2 (guide-format.md, "Version 2"): the national elements.
	// Each is empty or nil when the guide does not say.
	BasicCode    string   // basic_code, 基本编码
	ImplCode     string   // impl_code, 实施编码
	Level        string   // level, 行使层级
	Scope        string   // scope, 通办范围
	CrossModes   []string // cross_modes, 通办方式
	Limit        string   // limit, 数量限制
	Intermediary []string // intermediary, 中介服务
	// Status is 在用 (also when not written: see Lifecycle), 暂停 or 取消.
	Status      string
	Effective   time.Time // effective, zero when not set
	ReplacedBy  string    // replaced_by: the code of the replacing item
	EvaluateURL string    // evaluate_url, 好差评
	Result      *Result   // [result]; nil when the table is absent
	Situations  []Situation
	FAQ         []FAQ

	// Kind is "" for a guide and BundleKind for a bundle (一件事); the
	// keys below are a bundle's own.
	Kind  string
	Items []string // member item codes, in the order they are handled
	Lead  string   // 牵头部门
	Stage string   // life stage (出生, 开办 …)

	Service   Service
	Time      Time
	Fee       Fee
	Materials []Material
	Steps     []Step
	Locations []Location
	Contact   Contact

	// Body is the Markdown body (after inheritance: the base's body when the
	// guide's own is empty).
	Body string

	// File is the guide's own file; Positions are key paths (as in
	// Document.Lines, plus "body" when the body is not blank) mapped to
	// where their value was written, including values inherited from a
	// base. A build drops them once validation is over.
	File      string
	Positions Positions
}

// Defines reports whether the guide's own file sets a top-level key
// ("code", "service", "materials", …, or "body" for a body that is not
// blank), as opposed to leaving it out or inheriting it.
func (g *Guide) Defines(key string) bool {
	p, ok := g.Positions.Lookup(key)
	return ok && p.File == g.File
}

// Pos returns where a key path was written, falling back to the enclosing
// table, then to line 1 of the guide's own file.
func (g *Guide) Pos(path string) Pos {
	for {
		if p, ok := g.Positions.Lookup(path); ok {
			return p
		}
		i := lastDot(path)
		if i < 0 {
			return Pos{File: g.File, Line: 1}
		}
		path = path[:i]
	}
}

// Service is [service] (办理方式).
type Service struct {
	Star           int
	Visits         int
	Mode           string
	OnlineURL      string
	Mobile         bool
	Delivery       bool
	Appointment    bool
	Immediate      bool
	Agent          bool
	NegativeReason string
	PayOnline      bool // pay_online, 网上支付 (version 2)
	SelfService    bool // self_service, 自助终端办理 (version 2)
}

// Time is [time] (办理时限, working days). Nil means not set.
type Time struct {
	LegalDays    *int
	PromisedDays *int
	// Unit is the unit of the days (version 2): 工作日 or 自然日; empty
	// means 工作日.
	Unit string
	// Note is 时限说明 (version 2).
	Note string
	// Special are the special procedures ([[time.special]], 特别程序) not
	// counted in the promised time (version 2).
	Special []SpecialProcedure
}

// SpecialProcedure is one [[time.special]] table (特别程序: 听证、检验 …).
type SpecialProcedure struct {
	Name string
	Days *int
	Note string
}

// Result is [result] (办理结果, version 2).
type Result struct {
	Name     string
	Type     string // 证照, 批文, 证明, 其他
	Sample   string // path under static/
	Validity string
	ELicense bool // also issued as an electronic licence
	Delivery []string
}

// Situation is one [[situations]] table (情形, version 2): a yes/no
// question about the citizen's case that materials name in `when`.
type Situation struct {
	Name     string
	Question string
	Note     string
}

// FAQ is one [[faq]] table (常见问题, version 2).
type FAQ struct {
	Q string
	A string
}

// Fee is [fee] (收费). Charged is nil when the guide says nothing about fees.
type Fee struct {
	Charged  *bool
	Standard string
	Basis    string
}

// Material is one [[materials]] table (申请材料).
type Material struct {
	Name       string
	Required   bool // default true
	Source     string
	Copies     int   // 0 when not set; show 1
	Original   *bool // nil when not said; true 原件, false 复印件
	Electronic bool
	Shared     bool
	Note       string
	Template   string // path under static/
	Sample     string // path under static/
	// Version 2.
	Issuer     string   // 出具单位
	Freshness  string   // 时效要求
	ELicense   string   // electronic licence accepted instead (免证办)
	Commitment bool     // a signed commitment replaces it (告知承诺)
	When       []string // needed only in these situations; nil: always
}

// Step is one [[steps]] table (办理流程).
type Step struct {
	Name   string
	Days   *int
	Detail string
}

// Location is one [[locations]] table (办理地点).
type Location struct {
	Name    string
	Address string
	Window  string
	Hours   string
	Phone   string
	Region  string
}

// Contact is [contact].
type Contact struct {
	Consult  []string
	Complain []string
}

// VisitClass names the three lists (三张清单) an item can be on.
type VisitClass string

const (
	// ZeroVisit is 零上门: visits = 0.
	ZeroVisit VisitClass = "zero-visit"
	// OneVisit is 跑一次 (the list 跑一次事项): visits = 1.
	OneVisit VisitClass = "one-visit"
	// Negative is the 负面清单: visits > 1.
	Negative VisitClass = "negative"
)

// Class returns which of the three lists the guide is on. Note that the
// "at most one visit" figure counts ZeroVisit and OneVisit together.
func (g *Guide) Class() VisitClass {
	switch {
	case g.Service.Visits <= 0:
		return ZeroVisit
	case g.Service.Visits == 1:
		return OneVisit
	default:
		return Negative
	}
}

// BundleKind is the `kind` of a bundle file (一件事).
const BundleKind = "一件事"

// IsBundle reports whether the file is a bundle (一件事) rather than a guide.
func (g *Guide) IsBundle() bool { return g.Kind == BundleKind }

// The values of `status` (事项状态, version 2).
const (
	StatusActive    = "在用"
	StatusSuspended = "暂停"
	StatusCancelled = "取消"
)

// Cancelled reports whether the item is cancelled (status = "取消"): its
// page stays at its URL, but it leaves lists, browsing, search, the
// sitemap and the figures.
func (g *Guide) Cancelled() bool { return g.Status == StatusCancelled }

// Suspended reports whether the item is suspended (status = "暂停").
func (g *Guide) Suspended() bool { return g.Status == StatusSuspended }

// InForceOn reports whether the item applies on day: it has no
// `effective` date or one not later than day. An item not yet in force
// keeps its page but does not count in the figures before that day.
func (g *Guide) InForceOn(day time.Time) bool {
	if g.Effective.IsZero() {
		return true
	}
	y, m, d := day.Date()
	return !g.Effective.After(time.Date(y, m, d, 0, 0, 0, 0, g.Effective.Location()))
}

// Placeholder is the text `generator new` writes where the editor must
// fill something in; `generator check` reports every value still holding
// it (C-placeholder).
const Placeholder = "待填写"

package analysis

import (
	"strconv"

	"zhinan/generator/internal/site"
)

// Field is one scored field of the index and its boost.
type Field struct {
	Name  string
	Boost float64
}

// ScoredFields are the fields a query's terms are looked up in, in clause
// order. Title and keywords weigh most, then code, materials and
// department, then topics, region and the body. The order is part of the
// ranking contract with search.js.
var ScoredFields = []Field{
	{"title", 6}, {"keywords", 4}, {"code", 4}, {"materials", 2},
	{"department", 2}, {"topics", 1.5}, {"region", 1}, {"body", 1}, {"py", 3},
}

// ExactFields hold a guide's whole title, whole keywords, department and
// whole material names as one ExactKey term each, so that a query that is
// exactly a title comes first, one that names a department finds its
// items, and one that names a material puts every guide requiring it
// first; and (xphrase) the phrases of its name-like values (PhraseKeys),
// so that a query found contiguously in a title, keyword, material name
// or FAQ question ranks above scattered bigram matches.
//
// xmat weighs most: a query that is a whole material name (营业执照,
// 居民身份证) must put the guides requiring it above guides whose title or
// keywords merely contain the words (居民身份证补领, 办营业执照), which match
// many more bigram clauses. At 40, as xtitle, those won (material recall@5
// 0.886); at 400 every guide requiring the material comes first on the
// sample's material queries.
//
// xmat weighs VariantMaterialBoost instead when the exact key comes from a
// synonym's variant rather than from the query as typed: 身份证 (its
// preferred form 居民身份证 a material name) must still find 居民身份证换领
// first; only 居民身份证 typed as such puts the guides requiring it first.
var ExactFields = []Field{{"xtitle", 40}, {"xkw", 15}, {"xdept", 15}, {"xmat", 400}, {"xphrase", 12}}

// VariantMaterialBoost is xmat's weight for the exact key of a synonym
// variant (Plan.Exact after the first), meta.json's variantMatBoost.
const VariantMaterialBoost = 40

// FacetKeys are the filterable facets, in display order; each is indexed
// as keyword field "f_<key>".
var FacetKeys = []string{"department", "region", "star", "list", "audience", "type", "topic"}

// IndexedFields are the fields of the export, in field-id order: the
// scored fields, then the exact fields.
var IndexedFields = append(append([]Field(nil), ScoredFields...), ExactFields...)

// The numbers of scored and exact fields, as array sizes; init checks
// them against the lists.
const (
	NumScored  = 9
	NumExact   = 5
	NumIndexed = NumScored + NumExact
)

func init() {
	if len(ScoredFields) != NumScored || len(ExactFields) != NumExact {
		panic("search: NumScored/NumExact do not match the field lists")
	}
}

// FacetValues returns the values of facet key (one of FacetKeys) of a
// guide, to be read only.
func FacetValues(p *site.Page, key string) []string {
	return AppendFacetValues(nil, p, key)
}

// AppendFacetValues appends the values of facet key (one of FacetKeys) of
// a guide to dst: FacetValues without an allocation when dst has room.
func AppendFacetValues(dst []string, p *site.Page, key string) []string {
	switch key {
	case "department":
		return append(dst, p.Department)
	case "region":
		return append(dst, p.Region)
	case "star":
		if p.IsBundle() {
			return dst // a bundle (一件事) has no star rating
		}
		return append(dst, strconv.Itoa(p.Service.Star))
	case "list":
		return append(dst, string(p.Class()))
	case "audience":
		return append(dst, p.Audience...)
	case "topic":
		return append(dst, p.Topics...)
	case "type":
		if p.Type != "" {
			return append(dst, p.Type)
		}
	}
	return dst
}

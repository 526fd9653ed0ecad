package search

import (
	"strconv"
	"strings"
	"unsafe"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"zhinan/generator/internal/site"
)

// This file analyses each guide once. The result feeds both the bleve
// index (as a document whose fields are already analysed, so bleve does
// not analyse again) and the static export (term frequencies and field
// lengths, which the export used to read back out of the index). The
// fields and their options are exactly those newMapping declares, so the
// index is the one bleve would build from indexDoc through the mapping.

// indexedFields are the fields of the export, in field-id order: the
// scored fields, then the exact fields.
var indexedFields = append(append([]field(nil), scoredFields...), exactFields...)

// The numbers of scored and exact fields, as array sizes; init checks
// them against the lists.
const (
	numScored  = 8
	numExact   = 3
	numIndexed = numScored + numExact
)

func init() {
	if len(scoredFields) != numScored || len(exactFields) != numExact {
		panic("search: numScored/numExact do not match the field lists")
	}
}

// Field options, as newMapping's FieldMapping.Options() gives them.
const (
	textOptions   = index.IndexField
	facetOptions  = index.IndexField | index.DocValues
	storedOptions = index.StoreField
)

// guideDoc is one guide analysed: the bleve document, and for each field
// of indexedFields its term frequencies and length.
type guideDoc struct {
	ord    int
	page   *site.Page
	doc    *document.Document
	fields [numIndexed]analysedField
	// snippet is the text the guide's snippet is cut from.
	snippet string
}

// analysedField is one field's analysis as bleve stores it: the number of
// tokens (its length, summed over the values of an array field) and each
// distinct term's frequency.
type analysedField struct {
	length int
	freqs  index.TokenFrequencies
	// chunks hold the values of freqs, in the order the terms first
	// occur; the export walks them in memory order, not through the map.
	chunks [][]index.TokenFreq
}

// newTerm returns a new TokenFreq for term, kept in af's chunks.
func (af *analysedField) newTerm(term []byte) *index.TokenFreq {
	last := len(af.chunks) - 1
	if last < 0 || len(af.chunks[last]) == cap(af.chunks[last]) {
		size := 8
		if last >= 0 {
			size = min(2*cap(af.chunks[last]), 256)
		}
		af.chunks = append(af.chunks, make([]index.TokenFreq, 0, size))
		last++
	}
	af.chunks[last] = append(af.chunks[last], index.TokenFreq{Term: term})
	return &af.chunks[last][len(af.chunks[last])-1]
}

// analyseGuide analyses a guide (number ord in the export order) once.
func analyseGuide(p *site.Page, ord int) *guideDoc {
	g := &guideDoc{ord: ord, page: p, doc: document.NewDocument(p.Code)}
	body := plainText(p.Body)
	g.snippet = snippetSourceFrom(p, body)

	mats := make([]string, len(p.Materials))
	for i, m := range p.Materials {
		mats[i] = m.Name
	}
	scored := [numScored]string{
		p.Title, strings.Join(p.Keywords, " "), p.Code, strings.Join(mats, " "),
		p.Department, strings.Join(p.Topics, " "), p.Region, body,
	}
	for i, text := range scored {
		g.fields[i] = analyseText(text)
		g.doc.AddField(&analysedTextField{name: scoredFields[i].Name, value: text, f: &g.fields[i]})
	}

	var kw []string
	for _, k := range p.Keywords {
		if key := ExactKey(k); key != "" {
			kw = append(kw, key)
		}
	}
	exact := [numExact][]string{{ExactKey(p.Title)}, kw, {ExactKey(p.Department)}}
	for i, values := range exact {
		fi := len(scoredFields) + i
		g.fields[fi] = g.addKeywordField(exactFields[i].Name, values, textOptions)
	}

	fv := facetValues(p)
	for _, k := range facetKeys {
		g.addKeywordField("f_"+k, fv[k], facetOptions)
	}

	stored := [...][2]string{
		{"s_title", p.Title}, {"s_url", p.URL}, {"s_department", p.Department},
		{"s_region", p.Region}, {"s_star", strconv.Itoa(p.Service.Star)},
		{"s_visits", strconv.Itoa(p.Service.Visits)}, {"s_snip", g.snippet},
		{"s_ord", strconv.Itoa(ord)},
	}
	for _, kv := range stored {
		g.doc.AddField(document.NewTextFieldCustom(kv[0], nil, []byte(kv[1]), storedOptions, nil))
	}
	return g
}

// addKeywordField adds a field of whole values (bleve's keyword analyzer:
// each value is one term, the empty string included) and returns its
// analysis. The mapping makes one bleve field per value of an array; zap
// sums their lengths and merges their terms, so one field holding the sums
// indexes the same.
func (g *guideDoc) addKeywordField(name string, values []string, opts index.FieldIndexingOptions) analysedField {
	af := analysedField{length: len(values), freqs: make(index.TokenFrequencies, len(values))}
	for _, v := range values {
		tf := af.freqs[v]
		if tf == nil {
			tf = af.newTerm([]byte(v))
			af.freqs[v] = tf
		}
		tf.SetFrequency(tf.Frequency() + 1)
	}
	if len(values) > 0 {
		g.doc.AddField(&analysedTextField{name: name, opts: opts, f: &af})
	}
	return af
}

// analyseText counts the terms of a text as the Chinese analyzer produces
// them (AnalyzeIndex).
func analyseText(text string) analysedField {
	s := normalizeText(text)
	sb := unsafe.Slice(unsafe.StringData(s), len(s)) // never written
	af := analysedField{freqs: make(index.TokenFrequencies, len(s)/4)}
	visitIndexTerms(s, func(b, e int) {
		af.length++
		t := cut(s[b:e])
		tf := af.freqs[t]
		if tf == nil {
			tf = af.newTerm(sb[b : b+len(t)])
			af.freqs[t] = tf
		}
		tf.SetFrequency(tf.Frequency() + 1)
	})
	return af
}

// analysedTextField is a bleve text field whose analysis is already done.
// It implements document.Field; Analyze does nothing.
type analysedTextField struct {
	name  string
	value string                     // stored fields only
	opts  index.FieldIndexingOptions // textOptions when zero
	f     *analysedField
}

func (t *analysedTextField) Name() string             { return t.name }
func (t *analysedTextField) ArrayPositions() []uint64 { return nil }
func (t *analysedTextField) Options() index.FieldIndexingOptions {
	if t.opts == 0 {
		return textOptions
	}
	return t.opts
}
func (t *analysedTextField) Analyze()                  {}
func (t *analysedTextField) Value() []byte             { return []byte(t.value) }
func (t *analysedTextField) NumPlainTextBytes() uint64 { return uint64(len(t.value)) }
func (t *analysedTextField) EncodedFieldType() byte    { return 't' }
func (t *analysedTextField) AnalyzedLength() int       { return t.f.length }
func (t *analysedTextField) AnalyzedTokenFrequencies() index.TokenFrequencies {
	return t.f.freqs
}
func (t *analysedTextField) Size() int {
	return 64 + len(t.name) + len(t.value) + t.f.freqs.Size()
}

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
	// terms hold the values of freqs, in the order the terms first occur;
	// the export walks them in memory order, not through the map.
	terms []index.TokenFreq
}

// termCounter counts the distinct terms of one text at a time. Each
// analysing goroutine has its own and reuses it, so that the maps it
// counts with are allocated once; the result is then allocated at its
// exact size.
type termCounter struct {
	short  map[uint64]int32 // terms of up to 7 bytes, packed
	long   map[string]int32
	spans  [][2]int32 // byte span of each distinct term, in order of first occurrence
	counts []int32
}

func newTermCounter() *termCounter {
	return &termCounter{short: map[uint64]int32{}, long: map[string]int32{}}
}

// analyse counts the terms of a text as the Chinese analyzer produces them
// (AnalyzeIndex).
func (tc *termCounter) analyse(text string) analysedField {
	s := normalizeText(text)
	clear(tc.short)
	clear(tc.long)
	tc.spans, tc.counts = tc.spans[:0], tc.counts[:0]
	length := 0
	visitIndexTerms(s, func(b, e int) {
		length++
		e = b + len(cut(s[b:e]))
		var id int32
		var ok bool
		if e-b <= 7 {
			key := uint64(e - b)
			for i := b; i < e; i++ {
				key = key<<8 | uint64(s[i])
			}
			if id, ok = tc.short[key]; !ok {
				id = int32(len(tc.spans))
				tc.short[key] = id
			}
		} else if id, ok = tc.long[s[b:e]]; !ok {
			id = int32(len(tc.spans))
			tc.long[s[b:e]] = id
		}
		if !ok {
			tc.spans = append(tc.spans, [2]int32{int32(b), int32(e)})
			tc.counts = append(tc.counts, 0)
		}
		tc.counts[id]++
	})
	af := analysedField{length: length, freqs: make(index.TokenFrequencies, len(tc.spans)),
		terms: make([]index.TokenFreq, len(tc.spans))}
	sb := unsafe.Slice(unsafe.StringData(s), len(s)) // never written
	for i, sp := range tc.spans {
		tf := &af.terms[i]
		tf.Term = sb[sp[0]:sp[1]]
		tf.SetFrequency(int(tc.counts[i]))
		af.freqs[s[sp[0]:sp[1]]] = tf
	}
	return af
}

// analyseGuide analyses a guide (number ord in the export order) once.
func (tc *termCounter) analyseGuide(p *site.Page, ord int) *guideDoc {
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
		g.fields[i] = tc.analyse(text)
		g.doc.AddField(&analysedTextField{name: scoredFields[i].Name, f: &g.fields[i]})
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
	af := analysedField{length: len(values), freqs: make(index.TokenFrequencies, len(values)),
		terms: make([]index.TokenFreq, 0, len(values))}
	for _, v := range values {
		tf := af.freqs[v]
		if tf == nil {
			af.terms = append(af.terms, index.TokenFreq{Term: []byte(v)})
			tf = &af.terms[len(af.terms)-1]
			af.freqs[v] = tf
		}
		tf.SetFrequency(tf.Frequency() + 1)
	}
	if len(values) > 0 {
		g.doc.AddField(&analysedTextField{name: name, opts: opts, f: &af})
	}
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

package analysis

import (
	"encoding/binary"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"zhinan/generator/internal/site"
	"zhinan/generator/internal/slug"
)

// This file analyses each guide once. The result feeds both the bleve
// index (as a document whose fields are already analysed, so bleve does
// not analyse again) and the static export (term frequencies and field
// lengths, which the export used to read back out of the index). The
// fields, their options and their terms are those newMapping gives a
// guide, so queries see the index bleve would build through the mapping;
// only the mapping's empty _all field (no field is included in it) and the
// array positions of unstored fields are left out.

// Field options, as newMapping's FieldMapping.Options() gives them.
const (
	textOptions   = index.IndexField
	facetOptions  = index.IndexField | index.DocValues
	storedOptions = index.StoreField
)

// GuideDoc is one guide analysed: the bleve document, and for each field
// of indexedFields its term frequencies and length.
type GuideDoc struct {
	Ord  int
	Page *site.Page
	Doc  *document.Document
	// fields may be shared with other guides whose field has the same text
	// (see Analyser); never nil.
	Fields [NumIndexed]*AnalysedField
	// Snippet is the text the guide's snippet is cut from.
	Snippet string
}

// AnalysedField is one field's analysis as bleve stores it: the number of
// tokens (its length, summed over the values of an array field) and each
// distinct term's frequency. It is read-only once made: bleve and the
// export read it from different goroutines, and equal fields of several
// guides share one. (zap would only write to it when a document had two
// fields of one name, which these documents never have.)
type AnalysedField struct {
	Length int
	freqs  index.TokenFrequencies // nil when no bleve index is made
	// Terms hold the values of freqs, in the order the terms first occur;
	// the export walks them, not the map.
	Terms []*index.TokenFreq
	// Shared is set when other guides may hold this very field.
	Shared bool
}

var emptyField = &AnalysedField{}

// freqMaps keeps the term maps of fields that were not shared, handed
// back once bleve has read them (ReleaseFreqs), for the next ones. New
// maps were 10 GB of the 169 GB a clean build allocated at 1,000,000
// guides, the largest single source.
var freqMaps sync.Pool

// newFreqs returns an empty term map for n terms: a released one when
// the field will not be shared (only those are ever released).
func newFreqs(n int, share bool) index.TokenFrequencies {
	if !share {
		if m, ok := freqMaps.Get().(index.TokenFrequencies); ok {
			return m
		}
	}
	return make(index.TokenFrequencies, n)
}

// ReleaseFreqs hands the term maps of the guides' own fields (not
// shared with other guides) back for reuse. Call it once nothing reads
// the guides' bleve documents any more (their segment is made); the
// export's Terms stay valid.
func ReleaseFreqs(docs []*GuideDoc) {
	for _, g := range docs {
		for i, f := range g.Fields {
			if f.Shared || f.freqs == nil || slices.Contains(g.Fields[:i], f) {
				continue
			}
			m := f.freqs
			f.freqs = nil
			clear(m)
			freqMaps.Put(m)
		}
	}
}

// Analyser analyses guides on one goroutine. It reuses its counting maps
// from text to text, and it shares what repeats between guides: the
// analysis of a field whose text it has seen (titles, departments,
// regions, materials and facet values repeat across the implementations
// of one item), and term-frequency pairs, which bleve only reads. Sharing
// saves most of the allocations and keeps what bleve reads in cache.
type Analyser struct {
	// Readings read the Han characters of the pinyin field (the site's
	// pinyin_overrides over the phrase table); the zero value uses the
	// phrase table alone. Set it before the first guide: the pinyin an
	// Analyser has read is kept (pinyinCache).
	Readings slug.Readings
	short    map[uint64]int32 // terms of up to 7 bytes, packed (PackTerm)
	long     map[string]int32
	spans    [][2]int32 // byte span of each distinct term, in order of first occurrence
	counts   []int32

	tokens      map[uint64]*index.TokenFreq // by tokenKey
	fields      map[fieldKey]*analysedTextField
	sharedTerms int // terms of the fields in fields

	// noBleve: make no bleve documents, only what the export needs
	noBleve bool

	plain  plainTextScratch
	pinyin pinyinCache
}

// tokenKey packs a term of up to 6 bytes (PackTerm) and a frequency below
// 256 into one map key; ok is false for other terms, which are not
// shared.
func tokenKey(term string, freq int) (key uint64, ok bool) {
	if len(term) > 6 || freq >= 256 {
		return 0, false
	}
	return PackTerm(term) | uint64(freq)<<56, true
}

type fieldKey struct{ name, text string }

// Bounds on what an Analyser keeps for sharing; past them it starts over.
// maxSharedTerms bounds the fields kept by their terms as well as by their
// number: fields that are all different and long (a guide's many material
// names and their pinyin) would otherwise keep tens of kB each, for
// maxSharedFields fields an Analyser.
const (
	maxSharedTokens = 1 << 16
	maxSharedFields = 1 << 14
	maxSharedTerms  = 1 << 19
)

func NewAnalyser(noBleve bool) *Analyser {
	return &Analyser{noBleve: noBleve, short: map[uint64]int32{}, long: map[string]int32{},
		tokens: map[uint64]*index.TokenFreq{}, fields: map[fieldKey]*analysedTextField{}}
}

// PackTerm packs a term of up to 7 bytes, with its length, into a uint64.
func PackTerm[T string | []byte](t T) uint64 {
	key := uint64(len(t))
	for i := 0; i < len(t); i++ {
		key = key<<8 | uint64(t[i])
	}
	return key
}

// text returns the analysed field name for a text, as the Chinese
// analyzer produces its terms (AnalyzeIndex). With share, a field of the
// same name and text analysed before is returned instead.
func (a *Analyser) text(name, text string, share bool) *analysedTextField {
	if share {
		if f := a.fields[fieldKey{name, text}]; f != nil {
			return f
		}
	}
	s := NormalizeText(text)
	clear(a.short)
	clear(a.long)
	a.spans, a.counts = a.spans[:0], a.counts[:0]
	length := 0
	VisitIndexTerms(s, func(b, e int) {
		length++
		e = b + len(Cut(s[b:e]))
		var id int32
		var ok bool
		if e-b <= 7 {
			key := PackTerm(s[b:e])
			if id, ok = a.short[key]; !ok {
				id = int32(len(a.spans))
				a.short[key] = id
			}
		} else if id, ok = a.long[s[b:e]]; !ok {
			id = int32(len(a.spans))
			a.long[s[b:e]] = id
		}
		if !ok {
			a.spans = append(a.spans, [2]int32{int32(b), int32(e)})
			a.counts = append(a.counts, 0)
		}
		a.counts[id]++
	})
	af := &AnalysedField{Length: length, Terms: make([]*index.TokenFreq, len(a.spans))}
	if !a.noBleve { // only bleve reads the map
		af.freqs = newFreqs(len(a.spans), share)
	}
	var own []index.TokenFreq // tokens that are not shared
	for i, sp := range a.spans {
		term := s[sp[0]:sp[1]]
		tf := a.token(term, int(a.counts[i]))
		if tf == nil {
			if len(own) == 0 {
				own = make([]index.TokenFreq, len(a.spans)-i)
			}
			tf = &own[0]
			own = own[1:]
			tf.Term = []byte(term)
			tf.SetFrequency(int(a.counts[i]))
		}
		af.Terms[i] = tf
		if af.freqs != nil {
			af.freqs[term] = tf
		}
	}
	f := &analysedTextField{name: name, opts: textOptions, f: af}
	if share {
		af.Shared = true
		a.share(fieldKey{name, text}, f)
	}
	return f
}

// token returns the shared TokenFreq of a short term with a frequency,
// or nil for a term or frequency too large to share (see tokenKey).
func (a *Analyser) token(term string, freq int) *index.TokenFreq {
	key, ok := tokenKey(term, freq)
	if !ok {
		return nil
	}
	if tf := a.tokens[key]; tf != nil {
		return tf
	}
	if len(a.tokens) >= maxSharedTokens {
		clear(a.tokens)
	}
	tf := &index.TokenFreq{Term: []byte(term)}
	tf.SetFrequency(freq)
	a.tokens[key] = tf
	return tf
}

func (a *Analyser) share(key fieldKey, f *analysedTextField) {
	terms := len(f.f.Terms)
	if len(a.fields) >= maxSharedFields || a.sharedTerms+terms > maxSharedTerms {
		clear(a.fields)
		a.sharedTerms = 0
	}
	a.fields[key] = f
	a.sharedTerms += terms
}

// keywords returns the analysed field name of whole values (bleve's
// keyword analyzer: each value is one term, the empty string included),
// or nil when there are no values. The mapping makes one bleve field per
// value of an array; zap sums their lengths and merges their terms, so one
// field holding the sums indexes the same.
func (a *Analyser) keywords(name string, values []string, opts index.FieldIndexingOptions) *analysedTextField {
	if len(values) == 0 {
		return nil
	}
	key := fieldKey{name, strings.Join(values, "\x00")}
	if f := a.fields[key]; f != nil {
		return f
	}
	af := &AnalysedField{Length: len(values), freqs: make(index.TokenFrequencies, len(values)), Shared: true}
	for _, v := range values {
		tf := af.freqs[v]
		if tf == nil {
			tf = &index.TokenFreq{Term: []byte(v)}
			af.freqs[v] = tf
			af.Terms = append(af.Terms, tf)
		}
		tf.SetFrequency(tf.Frequency() + 1)
	}
	f := &analysedTextField{name: name, opts: opts, f: af}
	a.share(key, f)
	return f
}

// AnalyseGuide analyses a guide (number ord in the export order) once.
// Without bleve, g.Doc is nil.
func (a *Analyser) AnalyseGuide(p *site.Page, ord int) *GuideDoc {
	g := &GuideDoc{Ord: ord, Page: p}
	if !a.noBleve {
		g.Doc = document.NewDocument(p.Code)
	}
	body := a.plain.plainText(p.Body)
	g.Snippet = snippetSourceFrom(p, body)

	mats := make([]string, len(p.Materials))
	for i, m := range p.Materials {
		mats[i] = m.Name
	}
	names := append(append([]string{p.Title}, p.Keywords...), mats...)
	scored := [NumScored]string{
		p.Title, strings.Join(p.Keywords, " "), p.Code, strings.Join(mats, " "),
		p.Department, strings.Join(p.Topics, " "), p.Region, body,
		a.pinyin.text(append(names, p.Department, p.Region), a.Readings),
	}
	for i, text := range scored {
		// codes and bodies are nearly all different: not worth sharing
		share := ScoredFields[i].Name != "code" && ScoredFields[i].Name != "body"
		f := a.text(ScoredFields[i].Name, text, share)
		g.Fields[i] = f.f
		if g.Doc != nil {
			g.Doc.AddField(f)
		}
	}

	var kw []string
	for _, k := range p.Keywords {
		if key := ExactKey(k); key != "" {
			kw = append(kw, key)
		}
	}
	var matKeys []string
	for _, m := range mats {
		if key := ExactKey(m); key != "" {
			matKeys = append(matKeys, key)
		}
	}
	exact := [NumExact][]string{{ExactKey(p.Title)}, kw, {ExactKey(p.Department)}, matKeys,
		PhraseKeys(phraseSources(p))}
	for i, values := range exact {
		g.Fields[NumScored+i] = emptyField
		if f := a.keywords(ExactFields[i].Name, values, textOptions); f != nil {
			g.Fields[NumScored+i] = f.f
			if g.Doc != nil {
				g.Doc.AddField(f)
			}
		}
	}
	if g.Doc == nil {
		return g
	}

	for _, k := range FacetKeys {
		if f := a.keywords("f_"+k, FacetValues(p, k), facetOptions); f != nil {
			g.Doc.AddField(f)
		}
	}

	g.Doc.AddField(document.NewTextFieldCustom(StoredField, nil, EncodeStored(
		p.Title, p.URL, p.Department, p.Region, strconv.Itoa(p.Service.Star),
		strconv.Itoa(p.Service.Visits), g.Snippet, strconv.Itoa(ord)), storedOptions, nil))
	return g
}

// phraseSources are the name-like values of a guide whose phrases are
// indexed (PhraseKeys): title, keywords and FAQ questions. Material
// names are matched whole (xmat); their phrases would make the postings
// shards a fifth larger for little gain.
func phraseSources(p *site.Page) []string {
	src := append([]string{p.Title}, p.Keywords...)
	for _, f := range p.FAQ {
		src = append(src, f.Q)
	}
	return src
}

// StoredField is the one stored field of a guide: what a hit shows
// (StoredValues), encoded by EncodeStored. One field instead of one per
// value saves bleve work per guide when it writes and merges segments.
const StoredField = "s"

// StoredValues name the values of StoredField, in order.
var StoredValues = [...]string{"title", "url", "department", "region", "star", "visits", "snippet", "ord"}

// EncodeStored joins values, each preceded by its length as a uvarint.
func EncodeStored(values ...string) []byte {
	n := 0
	for _, v := range values {
		n += binary.MaxVarintLen64 + len(v)
	}
	b := make([]byte, 0, n)
	for _, v := range values {
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	return b
}

// DecodeStored splits what EncodeStored joined; a damaged value gives
// empty strings from there on.
func DecodeStored(s string) (values [len(StoredValues)]string) {
	for i := range values {
		n, k := binary.Uvarint([]byte(s))
		if k <= 0 || n > uint64(len(s)-k) {
			return values
		}
		values[i], s = s[k:k+int(n)], s[k+int(n):]
	}
	return values
}

// analysedTextField is a bleve text field whose analysis is already done.
// It implements document.Field; Analyze does nothing.
// Only indexed fields are made this way (stored ones are bleve's own), so
// it has no value. Guides with equal fields share one.
type analysedTextField struct {
	name string
	opts index.FieldIndexingOptions
	f    *AnalysedField
}

func (t *analysedTextField) Name() string                        { return t.name }
func (t *analysedTextField) ArrayPositions() []uint64            { return nil }
func (t *analysedTextField) Options() index.FieldIndexingOptions { return t.opts }
func (t *analysedTextField) Analyze()                            {}
func (t *analysedTextField) Value() []byte                       { return nil }
func (t *analysedTextField) NumPlainTextBytes() uint64           { return 0 }
func (t *analysedTextField) EncodedFieldType() byte              { return 't' }
func (t *analysedTextField) AnalyzedLength() int                 { return t.f.Length }
func (t *analysedTextField) AnalyzedTokenFrequencies() index.TokenFrequencies {
	return t.f.freqs
}
func (t *analysedTextField) Size() int {
	return 64 + len(t.name) + t.f.freqs.Size()
}

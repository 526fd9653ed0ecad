package search

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"hash"
	"sort"

	"zhinan/generator/internal/guidecodec"
	"zhinan/generator/internal/par"
	"zhinan/generator/internal/search/analysis"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/version"
)

// searchFormat numbers the layout of the search folder and of its
// manifest (manifest.go). Bump it when what a build writes for the same
// input changes without the generator's executable changing (it always
// changes with it: inputDigest hashes the executable too).
const searchFormat = 1

// inputs are what the search files of a build are made from: the
// format, the executable, the options, the synonyms and pinyin overrides
// of config.toml, and every document of the search in export order
// (docDigests). They hash more than search reads (every field of every
// guide), so that no field search reads can be forgotten: a change search
// does not see only costs a rebuild.
type inputs struct {
	exe       string
	noBleve   bool
	synonyms  [][]string
	overrides [][2]string
	docs      [][32]byte
}

func inputsOf(s *site.Site, order []*site.Page, opts Options) (*inputs, error) {
	exe := version.Executable()
	if exe == "" {
		return nil, errors.New("无法读取生成器程序本身")
	}
	sum := opts.ContentSum
	if sum == nil {
		sum = guidecodec.ContentSum
	}
	docs, err := docDigests(order, sum)
	if err != nil {
		return nil, err
	}
	return &inputs{exe: exe, noBleve: opts.NoBleve, synonyms: analysis.NormalizeSynonyms(s.Config.Synonyms),
		overrides: sortedOverrides(s.Config.PinyinOverrides), docs: docs}, nil
}

// digest is the SHA-256 of all the inputs. Two builds with the same
// digest write the same bytes; Update reuses a previous build whole only
// when its digest is this one.
func (in *inputs) digest() string {
	h := sha256.New()
	writeJSON(h, struct {
		Format    int
		Exe       string
		NoBleve   bool
		Synonyms  [][]string
		Overrides [][2]string
		Docs      int
	}{searchFormat, in.exe, in.noBleve, in.synonyms, in.overrides, len(in.docs)})
	for _, d := range in.docs {
		h.Write(d[:])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// batchKey is the SHA-256 of what the analysis of the documents
// [lo, hi) of the export order is made from: the format, the executable,
// the options, the pinyin overrides, the batch's place (its documents'
// numbers are in what it stores) and its documents. The synonyms are
// not: they only change queries.
func (in *inputs) batchKey(lo, hi int) string {
	h := sha256.New()
	writeJSON(h, struct {
		Format    int
		Exe       string
		NoBleve   bool
		Overrides [][2]string
		Lo, Hi    int
	}{searchFormat, in.exe, in.noBleve, in.overrides, lo, hi})
	for _, d := range in.docs[lo:hi] {
		h.Write(d[:])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// writeJSON writes v's JSON to h, preceded by its length.
func writeJSON(h hash.Hash, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // strings, numbers and slices of them always encode
	}
	h.Write(binary.AppendUvarint(nil, uint64(len(data))))
	h.Write(data)
}

// sortedOverrides lists the pinyin overrides as (text, reading) pairs in
// text order, so that the map's order does not show in the digest.
func sortedOverrides(m map[string]string) [][2]string {
	out := make([][2]string, 0, len(m))
	for k, v := range m {
		out = append(out, [2]string{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// docDigests hashes each document of the search (a guide, or a bundle as
// SearchPage makes it): its Guide's values without the source file's name
// and the positions validation kept (they say where a value was written,
// not what it is), which is guidecodec.ContentSum, here sum, and its URL.
// On every CPU.
func docDigests(order []*site.Page, sum func(*site.Guide) [32]byte) ([][32]byte, error) {
	out := make([][32]byte, len(order))
	err := par.Each(context.Background(), len(order), par.Workers(1), func(i int) error {
		content := sum(order[i].Guide)
		var buf [128]byte // enough for most URLs, on the stack
		b := append(buf[:0], content[:]...)
		b = binary.AppendUvarint(b, uint64(len(order[i].URL)))
		b = append(b, order[i].URL...)
		out[i] = sha256.Sum256(b)
		return nil
	})
	return out, err
}

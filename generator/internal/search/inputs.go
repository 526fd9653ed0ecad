package search

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"sort"
	"sync"

	"zhinan/generator/internal/par"
	"zhinan/generator/internal/search/analysis"
	"zhinan/generator/internal/site"
)

// searchFormat numbers the layout of the search folder and of its
// manifest (manifest.go). Bump it when what a build writes for the same
// input changes without the generator's executable changing (it always
// changes with it: inputDigest hashes the executable too).
const searchFormat = 1

// inputDigest is the SHA-256 of everything the search files of a build
// are made from: the format, the executable, the options, the synonyms
// and pinyin overrides of config.toml, and every document of the search
// in export order (docDigest). Two builds with the same digest write the
// same bytes; Update reuses a previous build's files only when its
// digest is this one. It hashes more than search reads (every field of
// every guide), so that no field search reads can be forgotten: a change
// search does not see only costs a rebuild.
func inputDigest(s *site.Site, order []*site.Page, opts Options) (string, error) {
	exe, err := executableDigest()
	if err != nil {
		return "", err
	}
	docs, err := docDigests(order)
	if err != nil {
		return "", err
	}
	head, err := json.Marshal(struct {
		Format    int
		Exe       string
		NoBleve   bool
		Synonyms  [][]string
		Overrides [][2]string
		Docs      int
	}{searchFormat, exe, opts.NoBleve, analysis.NormalizeSynonyms(s.Config.Synonyms),
		sortedOverrides(s.Config.PinyinOverrides), len(order)})
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write(binary.AppendUvarint(nil, uint64(len(head))))
	h.Write(head)
	for _, d := range docs {
		h.Write(d[:])
	}
	return hex.EncodeToString(h.Sum(nil)), nil
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
// SearchPage makes it): the JSON of its Guide, without the source file's
// name and the positions validation kept (they say where a value was
// written, not what it is), and its URL. On every CPU.
func docDigests(order []*site.Page) ([][32]byte, error) {
	out := make([][32]byte, len(order))
	err := par.Each(context.Background(), len(order), par.Workers(1), func(i int) error {
		g := *order[i].Guide
		g.File, g.Positions = "", site.Positions{}
		data, err := json.Marshal(struct {
			G   *site.Guide
			URL string
		}{&g, order[i].URL})
		out[i] = sha256.Sum256(data)
		return err
	})
	return out, err
}

// executableDigest is the SHA-256 of the running executable, read once:
// a generator built from other code may write other bytes for the same
// input, so its builds are never reused.
var executableDigest = sync.OnceValues(func() (string, error) {
	path, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
})

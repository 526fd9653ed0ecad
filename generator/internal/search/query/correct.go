package query

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"zhinan/generator/internal/search/analysis"
	"zhinan/generator/internal/search/export"
)

// homophones is the export's homophone data as read so far: each
// character's readings (from y/chars.json) and the bigrams of the reading
// keys of the shards read.
type homophones struct {
	readings map[rune][]string
	shards   map[int]map[string][]string
}

// Correct returns the query text with its pinyin-keyboard slips
// corrected (身分证 → 身份证), or "" when it finds none. Going left to
// right over the normalized query, a CJK bigram that no name-like field
// holds gets one character replaced so that it becomes the first bigram of
// the same toneless reading that one does, provided the new character also
// forms name-like bigrams with its other neighbour (养犬登记 is not turned
// into 养权登记 for the sake of 权登). Keys are tried in the order of the
// characters' readings. search.js corrects alike.
func (ex *Export) Correct(text string) (string, error) {
	rs := []rune(analysis.Normalize(analysis.TruncateRunes(text, analysis.MaxQueryRunes)))
	changed := false
	ex.mu.Lock()
	defer ex.mu.Unlock()
	h, err := ex.homophoneData()
	if err != nil || h == nil {
		return "", err
	}
	for i := 0; i+1 < len(rs); i++ {
		if !analysis.IsCJK(rs[i]) || !analysis.IsCJK(rs[i+1]) {
			continue
		}
		ok, err := ex.replace(h, rs, i)
		if err != nil {
			return "", err
		}
		changed = changed || ok
	}
	if !changed {
		return "", nil
	}
	return string(rs), nil
}

// replace corrects the bigram rs[i:i+2] in place when it is not a
// name-like bigram and a homophone fits (see Correct); it reports whether
// it did.
func (ex *Export) replace(h *homophones, rs []rune, i int) (bool, error) {
	a, b := rs[i], rs[i+1]
	if ok, err := ex.isName(h, a, b); ok || err != nil {
		return false, err
	}
	for _, k := range h.keys(a, b) {
		ts, err := ex.homophoneKey(h, k)
		if err != nil {
			return false, err
		}
		for _, t := range ts {
			tr := []rune(t)
			if (tr[0] == a) == (tr[1] == b) {
				continue // the same bigram, or two characters changed
			}
			ok := true
			if tr[0] != a && i > 0 && analysis.IsCJK(rs[i-1]) {
				ok, err = ex.isName(h, rs[i-1], tr[0])
			} else if tr[1] != b && i+2 < len(rs) && analysis.IsCJK(rs[i+2]) {
				ok, err = ex.isName(h, tr[1], rs[i+2])
			}
			if err != nil {
				return false, err
			}
			if ok {
				rs[i], rs[i+1] = tr[0], tr[1]
				return true, nil
			}
		}
	}
	return false, nil
}

// keys returns the reading keys of the bigram ab: every pair of the
// readings of its characters, in reading order.
func (h *homophones) keys(a, b rune) []string {
	var keys []string
	for _, x := range h.readings[a] {
		for _, y := range h.readings[b] {
			keys = append(keys, x+" "+y)
		}
	}
	return keys
}

// isName reports whether ab is a bigram of a name-like field.
func (ex *Export) isName(h *homophones, a, b rune) (bool, error) {
	want := string([]rune{a, b})
	for _, k := range h.keys(a, b) {
		ts, err := ex.homophoneKey(h, k)
		if err != nil {
			return false, err
		}
		for _, t := range ts {
			if t == want {
				return true, nil
			}
		}
	}
	return false, nil
}

// homophoneData returns the character readings, read once; nil for an
// export without homophone files.
func (ex *Export) homophoneData() (*homophones, error) {
	if ex.homo != nil || ex.meta.HomophoneShards == 0 {
		return ex.homo, nil
	}
	data, err := os.ReadFile(filepath.Join(ex.dir, "y", "chars.json"))
	if err != nil {
		return nil, fmt.Errorf("读取搜索数据失败：%w", err)
	}
	var byReading map[string]string
	if err := json.Unmarshal(data, &byReading); err != nil {
		return nil, fmt.Errorf("搜索数据 y/chars.json 损坏：%w", err)
	}
	h := &homophones{readings: map[rune][]string{}, shards: map[int]map[string][]string{}}
	for _, p := range sortedKeys(byReading) {
		for _, r := range byReading[p] {
			h.readings[r] = append(h.readings[r], p)
		}
	}
	ex.homo = h
	return h, nil
}

// homophoneKey returns the bigrams of reading key k, reading its shard
// once.
func (ex *Export) homophoneKey(h *homophones, k string) ([]string, error) {
	n := export.HomophoneShard(k, ex.meta.HomophoneShards)
	m, ok := h.shards[n]
	if !ok {
		if err := ex.readShard("y", n, &m); err != nil {
			return nil, err
		}
		h.shards[n] = m
	}
	return m[k], nil
}

// sortedKeys returns the keys of m in byte order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

package export

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"sort"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/encoding/simplifiedchinese"

	"zhinan/generator/internal/search/analysis"
)

// The homophone files let a query with a pinyin-keyboard slip (身分证 for
// 身份证) be retried with the words the guides use (query.Export.Correct,
// search.js correct). They are read only when a Han query finds nothing
// good, so they cost the first query nothing:
//
//	<id>/y/chars.json  toneless pinyin → the common characters read so
//	                   (GB2312 and every character of a name-like
//	                   bigram), so the browser needs no pinyin dictionary
//	<id>/y/<n>.json    "shen fen" → the bigrams of name-like fields
//	                   (title, keywords, materials, department, topics,
//	                   region) read so, most frequent first; a key goes to
//	                   shard HomophoneShard(key, meta.HomophoneShards)

// targetHomophoneBytes is the raw size homophone shards are aimed at.
const targetHomophoneBytes = 8 << 10

// nameBigrams returns the CJK bigrams of the name-like fields with their
// summed document frequency.
func (pc *Collector) nameBigrams() map[string]int {
	out := map[string]int{}
	names := map[int]bool{}
	for _, n := range NameFields {
		names[fieldID(n)] = true
	}
	for i := range pc.lists {
		pl := &pc.lists[i]
		if !names[int(pl.fid)] || utf8.RuneCountInString(pl.term) != 2 {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(pl.term); analysis.IsCJK(r) {
			out[pl.term] += int(pl.df)
		}
	}
	return out
}

// readings returns the toneless pinyin readings of r (all of them, for
// heteronyms), without repeats.
func readings(r rune) []string {
	args := pinyin.NewArgs()
	args.Heteronym = true
	var out []string
	for _, p := range pinyin.SinglePinyin(r, args) {
		if !contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// gb2312 returns the characters of GB2312 (levels 1 and 2), the common
// characters a slip can produce.
func gb2312() []rune {
	dec := simplifiedchinese.GBK.NewDecoder()
	var out []rune
	for hi := 0xB0; hi <= 0xF7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			s, err := dec.String(string([]byte{byte(hi), byte(lo)}))
			if r, _ := utf8.DecodeRuneInString(s); err == nil && analysis.IsCJK(r) {
				out = append(out, r)
			}
		}
	}
	return out
}

// HomophoneShard returns the shard of a reading key: FNV-1a of its bytes
// modulo the shard count (search.js hashMod).
func HomophoneShard(key string, shards int) int {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32() % uint32(shards))
}

// homophoneData is what writeHomophones writes: the character table and
// the bigrams of each reading key.
type homophoneData struct {
	chars map[string]string
	keys  map[string][]string
}

// homophones builds the character table and the reading keys of the
// name-like bigrams.
func (pc *Collector) homophones() homophoneData {
	bigrams := pc.nameBigrams()
	chars := map[rune]bool{}
	for _, r := range gb2312() {
		chars[r] = true
	}
	d := homophoneData{chars: map[string]string{}, keys: map[string][]string{}}
	for t := range bigrams {
		for _, r := range t {
			chars[r] = true
		}
		for _, k := range bigramKeys(t) {
			d.keys[k] = append(d.keys[k], t)
		}
	}
	byReading := map[string][]rune{}
	for r := range chars {
		for _, p := range readings(r) {
			byReading[p] = append(byReading[p], r)
		}
	}
	for p, rs := range byReading {
		sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
		d.chars[p] = string(rs)
	}
	for _, ts := range d.keys {
		sort.Slice(ts, func(i, j int) bool {
			if bigrams[ts[i]] != bigrams[ts[j]] {
				return bigrams[ts[i]] > bigrams[ts[j]]
			}
			return ts[i] < ts[j]
		})
	}
	return d
}

// bigramKeys returns the reading keys of a bigram ("shen fen"): every
// pair of the readings of its two characters.
func bigramKeys(t string) []string {
	rs := []rune(t)
	var out []string
	for _, a := range readings(rs[0]) {
		for _, b := range readings(rs[1]) {
			out = append(out, a+" "+b)
		}
	}
	return out
}

// writeHomophones writes y/chars.json and the homophone shards with w and
// returns the shard count.
func (pc *Collector) writeHomophones(w *dataWriter) (int, error) {
	d := pc.homophones()
	data, err := json.Marshal(d.chars) // encoding/json sorts map keys
	if err != nil {
		return 0, err
	}
	if err := w.write("y/chars.json", data); err != nil {
		return 0, err
	}
	total := 0
	for k, ts := range d.keys {
		total += len(k) + 8*len(ts)
	}
	count := min(total/targetHomophoneBytes+1, 256)
	shards := make([]map[string][]string, count)
	for i := range shards {
		shards[i] = map[string][]string{}
	}
	for k, ts := range d.keys {
		shards[HomophoneShard(k, count)][k] = ts
	}
	for i, m := range shards {
		data, err := json.Marshal(m)
		if err != nil {
			return 0, err
		}
		if err := w.write(fmt.Sprintf("y/%d.json", i), data); err != nil {
			return 0, err
		}
	}
	return count, nil
}

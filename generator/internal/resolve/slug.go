package resolve

import (
	"crypto/sha1"
	"encoding/hex"
	"sort"
)

// slugWith returns the readable slug of one name, before collisions are settled
// (AssignSlugsWith settles them).
//
// Why slugs look the way they do: a slug is the URL segment of a browsing page (/department/<slug>/,
// /region/<slug>/, /topic/<slug>/). Those URLs are printed on notification
// sheets, turned into QR codes and bookmarked by citizens, so a slug must be
//
//   - stable: the same name gives the same slug in every build, whatever
//     folder the guides live in and whatever other names the site has. It
//     depends on the name alone (and on config the editor wrote on purpose:
//     an explicit `slug`, a region `code`), never on file order or on a
//     counter;
//   - readable: 省司法厅 becomes sheng-si-fa-ting, so a person reading a
//     printed link can tell what it points to;
//   - ASCII: lower-case letters, digits and "-" only, so every static host,
//     every QR code reader and every mail client keeps the link intact
//     without percent-encoding.
//
// Two different names can share their pinyin (homophones such as 公示 and
// 工事, both gong-shi). Then every one of the colliding names gets "-" and
// the first 6 hex digits of the SHA-1 of its name appended. Suffixing all of
// them, rather than "the second one", means no slug depends on which name
// was seen first or on the order of files.
//
// The scheme: Chinese characters become their pinyin without tones, runs of ASCII
// letters and digits are kept (lower-cased), and everything else separates
// words; words are joined by "-". A name with nothing usable (only
// punctuation, say) gets the 6-hex-digit hash of the name instead.
// spell turns a name into its readable slug (slug.ASCII with a site's
// readings, or slug.Legacy).
func slugWith(name string, spell func(string) string) string {
	if s := spell(name); s != "" {
		return s
	}
	return nameHash(name)
}

// AssignSlugsWith gives every name of one kind (departments, regions or topics)
// its slug. fixed holds slugs the editor chose in config (an explicit slug,
// or a region's code); they win as written. The other names get slugWith(name, spell).
// Whenever two or more different names would share a slug, every one of
// them that was not fixed gets the hash suffix described above; if fixed
// slugs themselves collide, they are suffixed too, so the result is always
// one-to-one. spell makes the readable slug of a
// name (a site's slug.Readings.ASCII, or slug.Legacy for the slugs of
// builds before heteronyms were read by phrase).
func AssignSlugsWith(names []string, fixed map[string]string, spell func(string) string) map[string]string {
	unique := make([]string, 0, len(names))
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			unique = append(unique, n)
		}
	}
	sort.Strings(unique)

	out := make(map[string]string, len(unique))
	byFixed := make(map[string][]string)
	byDerived := make(map[string][]string)
	for _, n := range unique {
		if s := fixed[n]; s != "" {
			out[n] = s
			byFixed[s] = append(byFixed[s], n)
		} else {
			s := slugWith(n, spell)
			out[n] = s
			byDerived[s] = append(byDerived[s], n)
		}
	}
	for s, ns := range byDerived {
		if len(ns) > 1 || len(byFixed[s]) > 0 {
			for _, n := range ns {
				out[n] = s + "-" + nameHash(n)
			}
		}
	}
	for s, ns := range byFixed {
		if len(ns) > 1 {
			for _, n := range ns {
				out[n] = s + "-" + nameHash(n)
			}
		}
	}
	// A suffixed slug could in theory equal another name's plain slug
	// (a name that is literally "gong-an-ju-1a2b3c"). Settle such leftovers
	// with the full hash, which depends on the name alone.
	owner := make(map[string]string, len(out))
	var clash []string
	for _, n := range unique {
		s := out[n]
		if other, ok := owner[s]; ok {
			clash = append(clash, other, n)
			continue
		}
		owner[s] = n
	}
	for _, n := range clash {
		h := sha1.Sum([]byte(n))
		out[n] = slugWith(n, spell) + "-" + hex.EncodeToString(h[:])
	}
	return out
}

// nameHash is the first 6 hex digits of the SHA-1 of name.
func nameHash(name string) string {
	h := sha1.Sum([]byte(name))
	return hex.EncodeToString(h[:3])
}

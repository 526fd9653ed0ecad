package slug

// A segment is one part of a URL and of an output path: the <code> of
// /guide/<code>/, the <slug> of /department/<slug>/. This file holds the
// one definition of a safe segment, used to check what editors write
// (guide codes in validate, slugs and region codes in load's config
// checks, the code of `generator new`) and, as a last defence, by render
// before it turns codes and slugs into paths.

// MaxLen is the longest code or slug an editor may write, in bytes (all
// of them ASCII, see Check). A national service-item code is some 30
// characters, a local one such as 330000-SF-XK-0001 17, so 64 leaves
// room and keeps URLs short enough to print and to fit a QR code; it also
// keeps every output path far below the 255-byte limit of a file name.
// Slugs derived from long names are not held to it.
const MaxLen = 64

// Fault says why a string is not a safe segment.
type Fault int

const (
	// OK: the string is a safe segment.
	OK Fault = iota
	// Empty: the string is empty.
	Empty
	// Dots: the string is "." or "..", which mean this folder and the
	// folder above in every path and URL.
	Dots
	// BadChar: the string holds a character other than ASCII letters,
	// digits, "-", "_" and ".", which a path would split ("/", "\"), a
	// URL would percent-encode (spaces, Chinese), or a host or mail client
	// might mangle.
	BadChar
)

// Check tells whether s can be used as it is as one segment of a URL and
// of an output path: not empty, not "." or "..", and only ASCII letters,
// digits, "-", "_" and ".". Every non-empty slug that ASCII returns
// passes. The length is not checked here: see MaxLen.
func Check(s string) Fault {
	switch s {
	case "":
		return Empty
	case ".", "..":
		return Dots
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return BadChar
		}
	}
	return OK
}

// Safe reports whether Check finds nothing wrong with s.
func Safe(s string) bool { return Check(s) == OK }

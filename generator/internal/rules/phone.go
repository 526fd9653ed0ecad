package rules

import (
	"net/url"
	"strings"
)

// ValidPhone reports whether s is a Chinese phone number written the way
// guide-format.md allows:
//
//   - a landline with its area code: 0 and 2–3 more digits, then 7–8
//     digits, joined by "-", a space or nothing, or with the area code in
//     brackets, ASCII or full-width ("0571-87654321", "0580 2281234",
//     "(0571)87654321", "010-12345678"), optionally followed by an
//     extension "转123" or "-123";
//   - a mobile: 11 digits starting with 1 ("13800138000");
//   - a service hotline: 5 digits starting with 12 ("12345");
//   - a 400/800 number: "400-123-4567" or "4001234567".
//
// Spaces around the whole number are ignored.
func ValidPhone(s string) bool {
	s = strings.TrimSpace(s)
	switch {
	case len(s) == 5 && allDigits(s) && strings.HasPrefix(s, "12"):
		return true
	case len(s) == 11 && allDigits(s) && s[0] == '1':
		return true
	case isFreephone(s):
		return true
	}
	return isLandline(s)
}

// isFreephone accepts 400/800 numbers: ten digits, or grouped 3-3-4 with
// hyphens or spaces.
func isFreephone(s string) bool {
	if len(s) == 12 && s[3] == s[7] && (s[3] == '-' || s[3] == ' ') {
		s = s[:3] + s[4:7] + s[8:]
	}
	return len(s) == 10 && allDigits(s) && (strings.HasPrefix(s, "400") || strings.HasPrefix(s, "800"))
}

func isLandline(s string) bool {
	var area, rest string
	if open, close, ok := bracketed(s); ok {
		end := strings.Index(s, close)
		if end < 0 {
			return false
		}
		area = s[len(open):end]
		rest = strings.TrimPrefix(s[end+len(close):], " ")
	} else {
		n := leadingDigits(s)
		if n < len(s) && (s[n] == '-' || s[n] == ' ') {
			area, rest = s[:n], s[n+1:]
		} else {
			// No separator: the digits hold area code and number together.
			digits, ext := s[:n], s[n:]
			for _, alen := range []int{3, 4} {
				if l := n - alen; l >= 7 && l <= 8 && validArea(digits[:alen]) && validExtension(ext) {
					return true
				}
			}
			return false
		}
	}
	if !validArea(area) {
		return false
	}
	n := leadingDigits(rest)
	return n >= 7 && n <= 8 && validExtension(rest[n:])
}

// bracketed tells whether s opens with a bracket, and which closing bracket
// goes with it.
func bracketed(s string) (open, close string, ok bool) {
	switch {
	case strings.HasPrefix(s, "("):
		return "(", ")", true
	case strings.HasPrefix(s, "（"):
		return "（", "）", true
	}
	return "", "", false
}

// validArea accepts an area code: 0 and 2–3 more digits.
func validArea(a string) bool {
	return (len(a) == 3 || len(a) == 4) && a[0] == '0' && allDigits(a)
}

// validExtension accepts "", "-123" or "转123" (spaces around 转 allowed),
// with 1–6 digits.
func validExtension(e string) bool {
	if e == "" {
		return true
	}
	switch {
	case strings.HasPrefix(e, "-"):
		e = e[1:]
	case strings.HasPrefix(strings.TrimLeft(e, " "), "转"):
		e = strings.TrimLeft(strings.TrimPrefix(strings.TrimLeft(e, " "), "转"), " ")
	default:
		return false
	}
	return len(e) >= 1 && len(e) <= 6 && allDigits(e)
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

func allDigits(s string) bool {
	return s != "" && leadingDigits(s) == len(s)
}

// ValidURL reports whether s is an absolute http or https URL with a host
// and without spaces.
func ValidURL(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t\n") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.Hostname() != ""
}

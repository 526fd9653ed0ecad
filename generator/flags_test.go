package main

import (
	"strings"
	"testing"
	"time"
)

// TestParseToday is the contract of --today: a YYYY-MM-DD date, or the
// local date of the clock when empty, always as a date alone (midnight
// UTC); anything else is an error that says how to write it.
func TestParseToday(t *testing.T) {
	// 23:30 on 31 December in Shanghai is already the 31st there, but
	// 15:30 UTC: the local date is what counts.
	shanghai := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 12, 31, 23, 30, 0, 0, shanghai)
	for _, c := range []struct {
		value string
		want  string // YYYY-MM-DD, or "" for an error
	}{
		{"", "2026-12-31"},
		{"  ", "2026-12-31"},
		{"2027-01-01", "2027-01-01"},
		{" 2027-01-01 ", "2027-01-01"},
		{"2024-02-29", "2024-02-29"},
		{"2023-02-29", ""},
		{"2027-13-01", ""},
		{"2027-1-1", ""},
		{"2027/01/01", ""},
		{"20270101", ""},
		{"2027-01-01T08:00:00Z", ""},
		{"明天", ""},
	} {
		got, err := parseToday(c.value, now)
		if c.want == "" {
			if err == nil {
				t.Errorf("parseToday(%q) = %v, want an error", c.value, got)
			} else if msg := err.Error(); !strings.Contains(msg, "YYYY-MM-DD") || !strings.Contains(msg, c.value) {
				t.Errorf("parseToday(%q): message %q should name the value and the form YYYY-MM-DD", c.value, msg)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseToday(%q): %v", c.value, err)
			continue
		}
		if got.Format(dayLayout) != c.want || got.Location() != time.UTC || got.Hour() != 0 || got.Minute() != 0 {
			t.Errorf("parseToday(%q) = %v, want %s at midnight UTC", c.value, got, c.want)
		}
	}
}

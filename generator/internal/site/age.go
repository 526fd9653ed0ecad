package site

import "time"

// DefaultStaleAfterDays is how old `updated` may be before a guide is
// stale, when config.toml does not say (stale_after_days).
const DefaultStaleAfterDays = 365

// DaysBetween counts calendar days from a to b, each read as a date in its
// own location (TOML local dates carry no zone).
func DaysBetween(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// StaleDays is how many days before today a guide's `updated` date is,
// when that is more than staleAfterDays (≤ 0 means
// DefaultStaleAfterDays); 0 when the guide is not stale, has no
// `updated`, or today is zero (no build day given: nothing is judged).
// `check` (F-stale) and the guide page's notice both judge by it.
func StaleDays(updated, today time.Time, staleAfterDays int) int {
	if updated.IsZero() || today.IsZero() {
		return 0
	}
	if staleAfterDays <= 0 {
		staleAfterDays = DefaultStaleAfterDays
	}
	if d := DaysBetween(updated, today); d > staleAfterDays {
		return d
	}
	return 0
}

package validate

import "zhinan/generator/internal/rules"

// ValidPhone reports whether s is a phone number in one of the forms
// guide-format.md allows (rules.ValidPhone, rule 8).
func ValidPhone(s string) bool { return rules.ValidPhone(s) }

// ValidURL reports whether s is an http or https URL (rules.ValidURL,
// rule 8).
func ValidURL(s string) bool { return rules.ValidURL(s) }

// Package validate holds the rules of guide-format.md as pure functions:
// Decode turns a loaded document into a typed guide and reports problems of
// form (unknown keys, wrong types, dates written as strings); Guides runs
// the rules on guides after inheritance and adds warnings about whatever
// would leave a citizen guessing. Nothing here reads files or changes its
// input; every finding is a site.Diagnostic with the line the editor must
// change and a message in plain Chinese that says what to do.
//
// Rule ids (Diagnostic.Rule) are stable, for tests and CI to match on:
// R1–R14 are the numbered rules of guide-format.md (R2 lives in package
// resolve, R14 in package load); warnings are named W-….
package validate

// Rule ids of errors found by this package.
const (
	// RuleForm (R1): a required key is missing, a value has the wrong type
	// or is out of range, a key is unknown, a code has bad characters, is
	// "." or "..", or is longer than slug.MaxLen.
	RuleForm = "R1"
	// RuleFiveStar (R3): star 5 needs visits = 0 and online_url.
	RuleFiveStar = "R3"
	// RuleOneVisit (R4): star 3 or 4 needs visits ≤ 1.
	RuleOneVisit = "R4"
	// RuleNegativeReason (R5): visits > 1 needs negative_reason.
	RuleNegativeReason = "R5"
	// RuleDays (R6): promised_days ≤ legal_days; immediate means
	// promised_days = 0.
	RuleDays = "R6"
	// RuleLocations (R7): visits ≥ 1 needs at least one location.
	RuleLocations = "R7"
	// RulePhoneURL (R8): phone numbers and URLs are valid.
	RulePhoneURL = "R8"
	// RuleFiles (R9): template and sample files exist under static/.
	RuleFiles = "R9"
	// RuleFee (R10): a charged item says its fee standard.
	RuleFee = "R10"
	// RuleBlankReason (R11): a required negative_reason is not blank.
	RuleBlankReason = "R11"
	// RuleDate (R12): dates are TOML dates, not strings.
	RuleDate = "R12"
	// RuleDeclared (R13): departments and regions (of the guide and of its
	// locations) are declared in config.toml when config declares any.
	RuleDeclared = "R13"
)

// Warning ids: printed, the build goes on unless --strict is given.
const (
	// WarnUpdated: the guide has no `updated` date.
	WarnUpdated = "W-updated"
	// WarnDates: `updated` is earlier than `published`.
	WarnDates = "W-dates"
	// WarnSource: a material does not say where it comes from (source).
	WarnSource = "W-source"
	// WarnTime: no time limit at all (neither legal_days nor promised_days).
	WarnTime = "W-time"
	// WarnFee: the guide does not say whether it costs money (fee.charged).
	WarnFee = "W-fee"
	// WarnHours: a location does not say when it is open (hours).
	WarnHours = "W-hours"
	// WarnOnline: a 3- or 4-star item (applied for or pre-checked online)
	// gives no online_url.
	WarnOnline = "W-online"
	// WarnValue: type, audience or a material's source holds a value
	// outside the lists of guide-format.md.
	WarnValue = "W-value"
)

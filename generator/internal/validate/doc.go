// Package validate runs the rules of guide-format.md, as pure functions:
// Decode turns a loaded document into a typed guide and reports problems of
// form (R1: unknown keys, wrong types; R12: dates written as strings);
// Guides runs the rules on guides after inheritance (the checks themselves
// are listed, with every other rule, in package rules). Nothing here reads
// files or changes its input; every finding is a site.Diagnostic with the
// line the editor must change and a message in plain Chinese that says
// what to do.
package validate

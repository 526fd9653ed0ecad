package search

import (
	"zhinan/generator/internal/search/analysis"
	"zhinan/generator/internal/search/query"
)

// The facade keeps the package's API for its callers: the types of a
// search and its answer are package query's, the query plan and the
// analysis package analysis's.
type (
	Query      = query.Query
	Hit        = query.Hit
	FacetValue = query.FacetValue
	Result     = query.Result
	Segment    = query.Segment
	Plan       = analysis.Plan
	Token      = analysis.Token
)

// MakePlan expands a query with the site's synonym groups and analyses it
// (analysis.MakePlan).
func MakePlan(text string, synonyms [][]string) Plan { return analysis.MakePlan(text, synonyms) }

// Segments splits a snippet source into marked and unmarked pieces
// (query.Segments).
func Segments(src string, plan Plan) []Segment { return query.Segments(src, plan) }

// SnippetHTML renders a snippet as escaped HTML with <mark> around matches
// (query.SnippetHTML).
func SnippetHTML(src string, plan Plan) string { return query.SnippetHTML(src, plan) }

// Normalize folds full-width forms and upper-case ASCII (analysis.Normalize).
func Normalize(s string) string { return analysis.Normalize(s) }

// AnalyzeIndex returns the tokens indexed for a text (analysis.AnalyzeIndex).
func AnalyzeIndex(text string) []Token { return analysis.AnalyzeIndex(text) }

// AnalyzeQuery returns the terms a query looks up (analysis.AnalyzeQuery).
func AnalyzeQuery(text string) []string { return analysis.AnalyzeQuery(text) }

// ExactKey is the form of a whole title or keyword for the exact-match
// boost (analysis.ExactKey).
func ExactKey(text string) string { return analysis.ExactKey(text) }

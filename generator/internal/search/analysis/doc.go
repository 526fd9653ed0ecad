// Package analysis is the Chinese analysis the search index, its static
// export and the Go query path share, and that js/search.js (in package
// export) ports line by line: folding, CJK unigrams and bigrams, word and
// item-code parts (analyze.go); the fields, their boosts and the facets
// (fields.go); a query's plan after synonym expansion and the clauses it
// looks up (plan.go); and the analyser that turns a guide once into the
// bleve document and the term frequencies the export writes (guide.go,
// plaintext.go).
package analysis

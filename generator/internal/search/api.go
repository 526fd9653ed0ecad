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

// Package query holds what a search returns (Query, Hit, Result), the
// ordering every path shares (RoundScore, SortHits, SortFacet, Page), the
// snippet marking, and Export: the Go reader of the static export, which
// ranks exactly as search.js does, in four steps (rank.go): score, filter,
// facets, page.
package query

// Package search builds and answers the site's search: a bleve v2 index of
// every published guide (BM25, a Chinese analyzer indexing CJK unigrams and
// bigrams), a static export of that index that the browser script
// (js/search.js) queries without a server, and the Go query path the
// command line and the HTTP API use.
//
// One ranking: the Go path asks bleve; the browser computes bleve's BM25
// from exported postings (term frequency and field length as bleve stores
// them, bleve's document count and average field lengths, the same query
// norm and coordination factor). Both order results by the score rounded
// to nine decimals, then by code, so they return the same results in the
// same order.
//
// Entry points: Build (during generator build), Open and Index.Search,
// Handler (GET /api/search), and RunCLI (generator search).
package search

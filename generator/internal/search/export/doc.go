// Package export writes the static export of the search index that the
// browser script (js/search.js, embedded here) queries without a server:
// the postings of every (term, field) with bleve's term frequencies and
// field lengths, collected in a block arena (postings.go, arena.go) and
// laid out in shards; the facet columns; the document blocks; meta.json;
// and search.js with meta.json inlined (export.go). Its format (Meta,
// ShardOf) is what package query reads back.
package export

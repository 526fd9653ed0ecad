// Package search builds and answers the site's search: a bleve v2 index of
// every published guide, a static export of that index that the browser
// script (export/js/search.js) queries without a server, and the Go query path
// that the command line and the HTTP API use.
//
// # Packages
//
// This package is the facade: Build, Open, Index.Search, Handler and
// RunCLI, with the bleve mapping and the bleve query path. The rest is in
// sub-packages, each importing only those before it:
//
//	analysis  Chinese analysis, fields, query plans, the guide analyser
//	export    the static export writer and js/search.js
//	query     Query/Result, the shared ordering, the Go reader of the export
//
// # Analysis
//
// analysis/analyze.go holds the Chinese analysis, ported line by line to search.js.
// Text is folded (full-width to half-width, ASCII to lower case). CJK runs
// are indexed as unigrams and bigrams; words and item codes are indexed as
// their parts and every run of adjacent parts (330000-SF-XK-0001 is found
// whole, as SF-XK-0001, or as 0001). A query looks a lone character up as a
// unigram (税, 婚, 证) and a longer run as covering bigrams. Synonym groups
// from config.toml expand a query with the group's preferred word; each
// guide's keywords are a field of their own, weighted like the title.
//
// # One ranking
//
// The Go path asks bleve (BM25, a disjunction of term clauses: each query
// term in each scored field, plus exact-title, exact-keyword and
// exact-department clauses). The browser computes the same BM25 from the
// exported postings: term frequency and field length as bleve stores them,
// bleve's document count and average field lengths, the query norm and
// the coordination factor. Both order by the score rounded to nine
// decimals, then by export order, so they return the same results in the
// same order; TestBrowserMatchesBleve checks it in node for every query of
// testdata/search/queries.toml.
//
// # Building
//
// Build (build.go) analyses each guide once, on every CPU, in chunks in
// export order (analysis/guide.go). The same analysis feeds bleve's offline
// index builder as pre-analysed fields, one segment per 512 guides and
// one merged segment in the end (so the statistics BM25 scores with do not
// depend on timing), and, at the same time, the collector of the export's
// postings (export/postings.go, kept in a block arena, export/arena.go), which writes
// its shards while bleve merges. Build then checks that bleve's document
// count and field statistics are the ones the export scores with.
//
// # Incremental builds
//
// A build ends with build.json (manifest.go): the SHA-256 of its inputs
// (inputs.go: the executable, the options, the synonyms and pinyin
// overrides, every document) and each file's size and CRC-32C. Update
// (update.go) writes what BuildContext writes, byte for byte, and links
// the previous build's files instead when build.json proves they were
// made from the same inputs and are intact. With Options.Cache
// (batches.go) a build keeps, per batch of builderBatch documents in
// export order, the bleve segment and the export postings (an
// export.Collector fragment) of the batch, named by a hash of its
// inputs; the next build analyses only the batches it does not find and
// merges the segments as scorch's offline builder does (segments.go).
// TestUpdateEqualsClean checks both against clean builds over random
// edits.
//
// # Without bleve
//
// The export holds everything a query needs, so query.Export answers
// queries from it in Go exactly as search.js does, and as bleve does
// (TestExportIndexMatchesBleve compares every hit field and facet count).
// BuildWith(s, dir, Options{NoBleve: true}) writes the same export and no
// bleve index; Open then answers from the export. That build takes about
// a third of the CPU and a fifth of the allocated bytes of one with bleve.
//
// # Entry points
//
//	Build(site, dir)       during generator build, dir = <output>/search
//	BuildWith(site, dir, Options{NoBleve: true})  the export alone
//	Open(dir), ix.Search   answer a Query from a built index (bleve, or the export)
//	Update(ctx, site, prev, dir, opts)  the same files, reusing the previous build
//	Handler(ix)            GET /api/search for generator serve
//	RunCLI(dir, CLIOptions{…}, …)  generator search, its flags parsed by the command
//
// # Measuring
//
//	go test ./generator/internal/search -run 'TestQuality|TestAnalysisVariants' -v
//	ZHINAN_SEARCH_BENCH=10000 go test ./generator/internal/search -run TestDownloadBudget -v
//	go test ./generator/internal/search -run '^$' -bench Build -benchtime 3x
//
// The second builds a synthetic site with the corpus package and reports,
// from the real search.js running in node, the gzip bytes and requests of
// a first query (median over a query set), the compute time and the build
// time. The third times Build with and without bleve at 1,000 and 10,000
// guides (and at ZHINAN_SEARCH_BENCH guides, or on the site folder
// ZHINAN_SEARCH_SITE, when set): wall, CPU and user ms and peak heap.
//
//	go test ./generator/internal/search -run '^$' -bench Update -benchtime 1x
//
// times Update with a batch cache after 1, 10 and 1,000 edited guides
// against a clean build (BenchmarkUpdate).
package search

// Package browsertest checks the built sample site in a real browser:
// Debian's headless Chromium (/usr/bin/chromium, or $ZHINAN_CHROMIUM),
// axe-core, the Nu Html Checker and the PDF printer. It holds only tests; this file exists for
// the package comment.
//
// What the tests do: TestMain builds the generator once (go build), builds
// the sample site at the repository root into a temporary folder, serves
// it with net/http on 127.0.0.1, and starts one Chromium whose tabs the
// tests share. They check, on every page type (home, guide, list,
// department, region, topic, search with results, stats, 404):
//
//   - axe-core finds no WCAG 2.1 A/AA violation;
//   - the Nu Html Checker reports no error on the built HTML files;
//   - nothing is written to the console as an error;
//   - nothing scrolls sideways at 360 px;
//   - the first Tab reaches a skip link, and focus is visible;
//   - search and its filters work with the URL and Back;
//   - a guide page's HTML plus CSS stays within 14 kB gzip.
//
// How to run them: on Debian, `apt-get install -y chromium fonts-noto-cjk
// default-jre-headless` (Java runs vnu-jar); at the repository root,
// `npm ci` (axe-core, vnu-jar); then `go test ./generator/internal/browsertest/`.
// When one of these is missing the browser tests fail under CI=true and
// skip elsewhere, naming what is missing (package testdeps); the size test
// still runs.
package browsertest

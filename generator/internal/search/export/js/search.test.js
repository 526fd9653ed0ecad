// Runs the real search.js against the real exported files of a built site
// and compares every query's top 10 (and total) with bleve's answers.
// Driven by the Go test TestBrowserMatchesBleve, which sets
// ZHINAN_SEARCH_DIR (the exported search/ folder) and ZHINAN_SEARCH_EXPECT
// (a JSON file of bleve's results).
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const dir = process.env.ZHINAN_SEARCH_DIR;
// the exported search.js (meta inlined), as a browser would load it
const ZS = require(dir ? path.join(dir, 'search.js') : './search.js');
const expectFile = process.env.ZHINAN_SEARCH_EXPECT;

// snippetHTML renders a hit's segments as Go's query.SnippetHTML does
// (html.EscapeString, <mark> around matches), so snippets compare as text.
function snippetHTML(segments) {
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;')
    .replace(/>/g, '&gt;').replace(/"/g, '&#34;');
  return segments.map((s) => s.marked ? '<mark>' + esc(s.text) + '</mark>' : esc(s.text)).join('');
}

function localFetch(url, kind) {
  return fs.promises.readFile(url.replace(/\?.*$/, '')).then((b) => kind === 'bin'
    ? b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)
    : JSON.parse(b.toString('utf8')));
}

test('analysis matches the Go analyzer', { skip: !expectFile }, () => {
  const expect = JSON.parse(fs.readFileSync(expectFile, 'utf8'));
  for (const a of expect.analysis) {
    assert.deepStrictEqual(ZS.makePlan(a.text, expect.synonyms, expect.filler), a.plan, 'plan of ' + JSON.stringify(a.text));
  }
});

test('browser ranking equals bleve ranking', { skip: !dir || !expectFile }, async () => {
  const expect = JSON.parse(fs.readFileSync(expectFile, 'utf8'));
  const engine = ZS.create(dir + path.sep, localFetch, globalThis.ZHINAN_SEARCH_META);
  const failures = [];
  const check = (fn) => { try { fn(); } catch (e) { failures.push(e.message); } };
  for (const q of expect.queries) {
    const res = await engine.search({ text: q.text, filters: q.filters || {}, size: 10, facets: true });
    const label = JSON.stringify(q.text.slice(0, 40)) + ' ' + JSON.stringify(q.filters || {});
    check(() => assert.strictEqual(res.total, q.total, 'total of ' + label));
    check(() => assert.strictEqual(res.weak, q.weak, 'weak of ' + label));
    check(() => assert.strictEqual(res.corrected || '', q.corrected || '', 'correction of ' + label));
    check(() => assert.deepStrictEqual(res.hits.map((h) => h.code), q.codes, 'top 10 of ' + label));
    check(() => assert.deepStrictEqual(res.hits.map((h) => h.score), q.scores, 'scores of ' + label));
    check(() => assert.deepStrictEqual(res.hits.map((h) => snippetHTML(h.segments)), q.snippets, 'snippets of ' + label));
    check(() => assert.deepStrictEqual(res.facets, q.facets, 'facets of ' + label));
  }
  assert.deepStrictEqual(failures, [], failures.length + ' of ' + expect.queries.length + ' queries differ');
});

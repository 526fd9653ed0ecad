// Measures what search.js downloads for each query of a query set against
// an exported search folder, as a static host would serve it (gzip level 6).
// Usage: node measure.js SEARCH_DIR QUERIES.json
// Prints JSON: per query the bytes and requests of a first query on a fresh
// page (search.js with its inlined meta included; facet data only when the
// filters are opened, reported separately), of the same query with facet
// counts, and of queries later in a session (cache reuse), plus medians and
// compute time.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const [dir, queriesFile] = process.argv.slice(2);
const ZS = require(path.resolve(dir, 'search.js'));
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
const gz = new Map();
function gzSize(file) {
  if (!gz.has(file)) gz.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 6 }).length);
  return gz.get(file);
}
function engine(counter) {
  return ZS.create(dir + path.sep, (url, kind) => {
    const file = url.replace(/\?.*$/, '');
    counter.requests++;
    counter.bytes += gzSize(file);
    counter.files.push(path.relative(dir, file));
    const b = fs.readFileSync(file);
    return Promise.resolve(kind === 'bin' ? b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) : JSON.parse(b.toString('utf8')));
  }, globalThis.ZHINAN_SEARCH_META);
}
function median(a) {
  const s = a.slice().sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
(async () => {
  const script = gzSize(path.join(dir, 'search.js'));
  const first = [];
  for (const q of queries) {
    const c = { requests: 1, bytes: script, files: ['search.js'] };
    const e = engine(c);
    const res = await e.search({ text: q.text, filters: q.filters || {}, size: 10 });
    // compute time with every file cached: what the user waits after data arrives
    const t0 = process.hrtime.bigint();
    await e.search({ text: q.text, filters: q.filters || {}, size: 10 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const cf = { requests: 1, bytes: script, files: ['search.js'] };
    await engine(cf).search({ text: q.text, filters: q.filters || {}, size: 10, facets: true });
    first.push({ text: q.text, kind: q.kind, total: res.total, bytes: c.bytes, requests: c.requests, ms, files: c.files,
      facetBytes: cf.bytes, facetRequests: cf.requests });
  }
  // a session: the queries one after another on one page
  const sc = { requests: 1, bytes: script, files: [] };
  const se = engine(sc);
  const later = [];
  for (const q of queries) {
    const b0 = sc.bytes, r0 = sc.requests;
    await se.search({ text: q.text, filters: q.filters || {}, size: 10 });
    later.push({ bytes: sc.bytes - b0, requests: sc.requests - r0 });
  }
  console.log(JSON.stringify({
    scriptGzip: script,
    medianBytes: median(first.map((x) => x.bytes)),
    medianRequests: median(first.map((x) => x.requests)),
    maxBytes: Math.max(...first.map((x) => x.bytes)),
    medianBytesWithFacets: median(first.map((x) => x.facetBytes)),
    medianRequestsWithFacets: median(first.map((x) => x.facetRequests)),
    medianComputeMs: median(first.map((x) => x.ms)),
    maxComputeMs: Math.max(...first.map((x) => x.ms)),
    sessionMedianBytes: median(later.slice(1).map((x) => x.bytes)),
    sessionMedianRequests: median(later.slice(1).map((x) => x.requests)),
    queries: first,
  }));
})().catch((e) => { console.error(e); process.exit(1); });

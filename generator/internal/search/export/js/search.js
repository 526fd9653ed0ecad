/* Search without a server: reads the files generator build exports under
   /search/ and ranks exactly as the bleve index does (see the Go package
   zhinan/generator/internal/search: analyze.go, query.go, export.go).
   Results are built from DOM nodes and textContent only, never innerHTML. */
(function (root) {
  'use strict';

  var MAX_QUERY = 200, MAX_TERM = 64, MAX_TERMS = 32, MAX_VARIANTS = 6;
  var WORD_RE = /[\p{L}\p{Nd}]/u;

  // ---- analysis (analyze.go) ----
  function foldCP(c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    else if (c === 0x3000) c = 32;
    if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD; // unpaired surrogate
    if (c >= 65 && c <= 90) c += 32;
    return c;
  }
  function chars(s) { return Array.from(s); }
  function normalize(s) {
    var out = '';
    for (var ch of s) out += String.fromCodePoint(foldCP(ch.codePointAt(0)));
    return out;
  }
  function truncate(s, n) { var a = chars(s); return a.length <= n ? s : a.slice(0, n).join(''); }
  function isCJK(c) {
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
      (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) ||
      (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF);
  }
  function isWord(ch) {
    var c = ch.codePointAt(0);
    if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (c === 0xFFFD || isCJK(c)) return false;
    return WORD_RE.test(ch);
  }
  function isJoiner(ch) { return ch === '-' || ch === '_' || ch === '.'; }
  function cut(t) { return truncate(t, MAX_TERM); }

  // analyzeQuery: a lone CJK character as itself, a CJK run as every one
  // of its bigrams, a word or code whole.
  function analyzeQuery(text) {
    var a = chars(normalize(truncate(text, MAX_QUERY)));
    var out = [], seen = Object.create(null);
    function add(t) { t = cut(t); if (!seen[t]) { seen[t] = true; out.push(t); } }
    var i = 0;
    while (i < a.length) {
      var c = a[i].codePointAt(0);
      if (isCJK(c)) {
        var j = i;
        while (j < a.length && isCJK(a[j].codePointAt(0))) j++;
        if (j - i === 1) add(a[i]);
        else for (var k = i; k + 1 < j; k++) add(a[k] + a[k + 1]);
        i = j;
      } else if (isWord(a[i])) {
        var s = i;
        for (;;) {
          while (i < a.length && isWord(a[i])) i++;
          if (i + 1 < a.length && isJoiner(a[i]) && isWord(a[i + 1])) { i++; continue; }
          break;
        }
        add(a.slice(s, i).join(''));
      } else i++;
    }
    return out;
  }
  function exactKey(text) {
    var out = '';
    for (var ch of normalize(text)) if (isCJK(ch.codePointAt(0)) || isWord(ch)) out += ch;
    return cut(out);
  }

  // ---- plan (plan.go Lexicon.Plan) ----
  // filler: the learned filler terms (meta.filler), left out of the lookup
  // unless the query has nothing else
  function makePlan(text, synonyms, filler) {
    var q = normalize(truncate(text, MAX_QUERY));
    var variants = [q], fill = Object.create(null), dropped = [];
    (filler || []).forEach(function (t) { fill[t] = true; });
    for (var g = 0; g < synonyms.length; g++) {
      if (variants.length >= MAX_VARIANTS) break;
      var grp = synonyms[g];
      if (q.indexOf(grp[0]) >= 0) continue;
      for (var w = 1; w < grp.length; w++) {
        if (q.indexOf(grp[w]) >= 0) { variants.push(q.split(grp[w]).join(grp[0])); break; }
      }
    }
    var p = { variants: variants, terms: [], exact: [] }, st = Object.create(null), sx = Object.create(null);
    variants.forEach(function (v) {
      analyzeQuery(v).forEach(function (t) {
        if (st[t]) return;
        st[t] = true;
        (fill[t] ? dropped : p.terms).push(t);
      });
      var k = exactKey(v);
      if (k !== '' && !sx[k]) { sx[k] = true; p.exact.push(k); }
    });
    if (!p.terms.length) p.terms = dropped;
    // content (plan.go content): the terms without a filler character
    p.content = p.terms.filter(function (t) { return !chars(t).some(function (c) { return fill[c]; }); });
    if (!p.content.length) p.content = p.terms;
    return p;
  }

  // ---- weak-result signal (assess.go) ----
  var NAME_FIELDS = { title: 1, keywords: 1, code: 1, materials: 1, department: 1, topics: 1, region: 1, py: 1 };
  function has(list, d) {
    var lo = 0, hi = list.docs.length;
    while (lo < hi) { var m = (lo + hi) >> 1; if (list.docs[m] < d) lo = m + 1; else hi = m; }
    return lo < list.docs.length && list.docs[lo] === d;
  }
  // weak: the best guide d matched no exact clause and holds fewer than
  // half of the content terms (or just half) in its name-like fields
  function weak(meta, plan, clauses, cl, d) {
    var name = Object.create(null), exact = false, n = 0;
    clauses.forEach(function (c, i) {
      var hit = !!cl[i].list && has(cl[i].list, d), f = meta.fields[c.field].name;
      if (c.field >= meta.scored) exact = exact || hit;
      else if (hit && NAME_FIELDS[f]) name[c.term] = true;
    });
    plan.content.forEach(function (t) { if (name[t]) n++; });
    return !exact && 2 * n <= plan.content.length;
  }

  // ---- snippet (snippet.go PickPassage, Segments) ----
  // pickPassage: the passage (separated by "\n": materials, FAQ entries,
  // the body's start) holding the most distinct query terms, the earliest
  // on a tie, else the last
  function pickPassage(src, plan) {
    var ps = src.split('\n'), best = ps.length - 1, bestN = 0;
    ps.forEach(function (p, i) {
      var norm = normalize(p), n = 0;
      plan.terms.forEach(function (t) { if (t && norm.indexOf(t) >= 0) n++; });
      if (n > bestN) { best = i; bestN = n; }
    });
    return ps[best];
  }
  function segments(src, plan) {
    var orig = chars(src), norm = chars(normalize(src)), marks = new Array(orig.length).fill(false);
    plan.terms.forEach(function (t) {
      var tr = chars(t), n = tr.length;
      if (!n) return;
      for (var i = 0; i + n <= norm.length; i++) {
        var ok = true;
        for (var k = 0; k < n; k++) if (norm[i + k] !== tr[k]) { ok = false; break; }
        if (ok) for (k = 0; k < n; k++) marks[i + k] = true;
      }
    });
    var out = [];
    for (var i = 0; i < orig.length;) {
      var j = i;
      while (j < orig.length && marks[j] === marks[i]) j++;
      out.push({ text: orig.slice(i, j).join(''), marked: marks[i] });
      i = j;
    }
    return out;
  }

  // ---- data access ----
  // shardKey (export.go): a CJK term by its first two characters, any
  // other by its leading word with joiners removed.
  function shardKey(term) {
    var a = chars(term);
    if (a.length && isCJK(a[0].codePointAt(0))) return a.slice(0, 2).join('');
    var k = '';
    for (var i = 0; i < a.length; i++) {
      if (isJoiner(a[i])) continue;
      if (!isWord(a[i])) break;
      k += a[i];
    }
    return k || term;
  }
  // hashMod: FNV-1a of the UTF-8 bytes of s, modulo n
  function hashMod(s, n) {
    var bytes = new TextEncoder().encode(s), h = 2166136261;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 16777619) >>> 0; }
    return h % n;
  }
  function shardOf(term, shards) { return hashMod(shardKey(term), shards); }
  function parseShard(buf) {
    var d = new Uint8Array(buf), i = 0, m = new Map(), dec = new TextDecoder();
    function next() {
      var v = 0, mul = 1, b;
      do { b = d[i++]; v += (b & 127) * mul; mul *= 128; } while (b & 128);
      return v;
    }
    while (i < d.length) {
      var l = next(), term = dec.decode(d.subarray(i, i + l)); i += l;
      var field = next(), df = next();
      var docs = new Int32Array(df), freq = new Int32Array(df), len = new Int32Array(df), doc = 0;
      for (var k = 0; k < df; k++) { doc += next(); docs[k] = doc; freq[k] = next(); len[k] = next(); }
      var arr = m.get(term);
      if (!arr) m.set(term, arr = []);
      arr.push({ field: field, docs: docs, freq: freq, len: len });
    }
    return m;
  }
  // decodeFacets reads facets.bin: per facet key, one set index per guide
  // in meta.facetWidth[key] little-endian bytes.
  function decodeFacets(buf, meta) {
    var d = new Uint8Array(buf), off = 0, cols = {};
    meta.facetKeys.forEach(function (k) {
      var w = meta.facetWidth[k], col = new Int32Array(meta.n);
      for (var i = 0; i < meta.n; i++) {
        var v = 0;
        for (var b = 0; b < w; b++) v |= d[off++] << (8 * b);
        col[i] = v;
      }
      cols[k] = { sets: meta.facetSets[k], col: col };
    });
    return cols;
  }

  // create returns a searcher over the files under base (the URL of the
  // search/ folder, ending in "/"). fetchFn(url, kind) resolves to an
  // ArrayBuffer ("bin") or parsed JSON. meta is the inlined meta.json of
  // the exported search.js; without it meta.json is fetched.
  function create(base, fetchFn, meta) {
    var cache = new Map();
    var metaP = meta ? Promise.resolve(meta) : fetchFn(base + 'meta.json', 'json');
    function get(path, kind) {
      if (!cache.has(path)) {
        var p = metaP.then(function (m) { return fetchFn(base + m.id + '/' + path, kind); });
        p.catch(function () { cache.delete(path); });
        cache.set(path, p);
      }
      return cache.get(path);
    }
    var facetsP = null, homoP = null;

    // ---- homophone slips (correct.go) ----
    // readings: each character's toneless readings, from y/chars.json
    function readings() {
      return homoP = homoP || get('y/chars.json', 'json').then(function (byReading) {
        var r = new Map();
        Object.keys(byReading).sort().forEach(function (p) {
          for (var ch of byReading[p]) { if (!r.has(ch)) r.set(ch, []); r.get(ch).push(p); }
        });
        return r;
      });
    }
    function homoKey(meta, k) {
      return get('y/' + hashMod(k, meta.homophoneShards) + '.json', 'json').then(function (m) { return m[k] || []; });
    }
    // correct: the query with its slips corrected, or '' (Export.Correct)
    async function correct(meta, text) {
      if (!meta.homophoneShards) return '';
      var R = await readings(), rs = chars(normalize(truncate(text, MAX_QUERY))), changed = false;
      var cjk = function (ch) { return isCJK(ch.codePointAt(0)); };
      var keys = function (a, b) {
        var out = [];
        (R.get(a) || []).forEach(function (x) { (R.get(b) || []).forEach(function (y) { out.push(x + ' ' + y); }); });
        return out;
      };
      var isName = async function (a, b) {
        for (var k of keys(a, b)) if ((await homoKey(meta, k)).indexOf(a + b) >= 0) return true;
        return false;
      };
      for (var i = 0; i + 1 < rs.length; i++) {
        var a = rs[i], b = rs[i + 1];
        if (!cjk(a) || !cjk(b) || await isName(a, b)) continue;
        found: for (var k of keys(a, b)) {
          for (var t of await homoKey(meta, k)) {
            var tr = chars(t), ok = true;
            if ((tr[0] === a) === (tr[1] === b)) continue;
            if (tr[0] !== a && i > 0 && cjk(rs[i - 1])) ok = await isName(rs[i - 1], tr[0]);
            else if (tr[1] !== b && i + 2 < rs.length && cjk(rs[i + 2])) ok = await isName(tr[1], rs[i + 2]);
            if (ok) { rs[i] = tr[0]; rs[i + 1] = tr[1]; changed = true; break found; }
          }
        }
      }
      return changed ? rs.join('') : '';
    }

    // search answers q; when nothing matches well and the homophone
    // correction finds something better, it answers the corrected text
    // (res.corrected, res.original), as Index.search does
    function search(q) {
      return searchText(q).then(function (res) {
        if (!res.weak || q.exact) return res;
        return metaP.then(function (meta) { return correct(meta, q.text || ''); }).then(function (text) {
          if (!text) return res;
          return searchText(Object.assign({}, q, { text: text })).then(function (better) {
            if (better.weak && (res.total > 0 || better.total === 0)) return res;
            better.corrected = text;
            better.original = q.text;
            return better;
          });
        });
      });
    }

    function searchText(q) {
      return metaP.then(function (meta) {
        var plan = makePlan(q.text || '', meta.synonyms, meta.filler);
        var size = q.size > 0 ? q.size : 10, from = q.from > 0 ? q.from : 0;
        var clauses = [], fieldID = {};
        meta.fields.forEach(function (f, i) { fieldID[f.name] = i; });
        plan.terms.slice(0, MAX_TERMS).forEach(function (t) {
          for (var f = 0; f < meta.scored; f++) clauses.push({ field: f, term: t });
        });
        // xmat weighs less for a synonym's variant (Plan.Clauses)
        plan.exact.forEach(function (x, i) {
          for (var f = meta.scored; f < meta.fields.length; f++) {
            var b = i > 0 && meta.fields[f].name === 'xmat' ? meta.variantMatBoost : meta.fields[f].boost;
            clauses.push({ field: f, term: x, boost: b });
          }
        });
        var empty = { total: 0, weak: true, hits: [], facets: q.facets ? {} : null, plan: plan };
        if (q.facets) meta.facetKeys.forEach(function (k) { empty.facets[k] = []; });
        if (!clauses.length) return empty;
        // facet data is needed to filter and to count; a query without
        // filters that does not ask for counts never downloads it
        var filters = q.filters || {}, needFacets = !!q.facets;
        Object.keys(filters).forEach(function (k) { if (filters[k] && filters[k].length) needFacets = true; });
        if (needFacets) facetsP = facetsP || get('facets.bin', 'bin').then(function (b) { return decodeFacets(b, meta); });
        var shardIDs = [];
        clauses.forEach(function (c) {
          var s = shardOf(c.term, meta.shards);
          if (shardIDs.indexOf(s) < 0) shardIDs.push(s);
        });
        return Promise.all([needFacets ? facetsP : null].concat(shardIDs.map(function (s) {
          var path = 'p/' + s + '.bin';
          if (!cache.has('parsed:' + path)) cache.set('parsed:' + path, get(path, 'bin').then(parseShard));
          return cache.get('parsed:' + path);
        }))).then(function (parts) {
          var shards = {};
          shardIDs.forEach(function (s, i) { shards[s] = parts[i + 1]; });
          return rank(meta, parts[0], plan, clauses, shards, filters, from, size, !!q.facets);
        });
      });
    }

    function rank(meta, fc, plan, clauses, shards, filters, from, size, withCounts) {
      var n = meta.n, N = meta.docCount, k1 = meta.k1, b = meta.b;
      var sums = new Float64Array(n), matched = new Int32Array(n), sumsq = 0;
      var cl = clauses.map(function (c) {
        var list = null, arr = shards[shardOf(c.term, meta.shards)].get(c.term) || [];
        for (var i = 0; i < arr.length; i++) if (arr[i].field === c.field) list = arr[i];
        var df = list ? list.docs.length : 0;
        var idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
        var boost = c.boost !== undefined ? c.boost : meta.fields[c.field].boost, w = boost * idf;
        sumsq += w * w;
        return { list: list, idf: idf, boost: boost, avg: meta.fields[c.field].avg };
      });
      var qnorm = 1 / Math.sqrt(sumsq);
      cl.forEach(function (c) {
        if (!c.list) return;
        var qw = c.boost * c.idf * qnorm, L = c.list;
        for (var i = 0; i < L.docs.length; i++) {
          var tf = Math.sqrt(L.freq[i]);
          var norm = Math.fround(1 / Math.sqrt(L.len[i]));
          var fl = 1 / (norm * norm);
          var s = c.idf * (tf * k1) / (tf + k1 * (1 - b + (b * fl / c.avg)));
          if (qw !== 1) s = s * qw;
          sums[L.docs[i]] += s;
          matched[L.docs[i]]++;
        }
      });
      // filters: values of a key are alternatives, keys must all hold
      var tests = [];
      Object.keys(filters).forEach(function (k) {
        var vals = filters[k];
        if (!vals || !vals.length || !fc || !fc[k]) return;
        var names = meta.facetValues[k], want = {};
        vals.forEach(function (v) { var ix = names.indexOf(v); if (ix >= 0) want[ix] = true; });
        var okSet = fc[k].sets.map(function (set) { return set.some(function (v) { return want[v]; }); });
        tests.push(function (d) { return okSet[fc[k].col[d]]; });
      });
      var docs = [], total = clauses.length;
      for (var d = 0; d < n; d++) {
        if (!matched[d]) continue;
        var ok = true;
        for (var t = 0; t < tests.length && ok; t++) ok = tests[t](d);
        if (!ok) continue;
        sums[d] = Math.round(sums[d] * (matched[d] / total) * 1e9) / 1e9;
        docs.push(d);
      }
      var facets = withCounts ? {} : null;
      if (withCounts) meta.facetKeys.forEach(function (k) {
        var counts = new Map(), col = fc[k];
        docs.forEach(function (d) {
          col.sets[col.col[d]].forEach(function (v) { counts.set(v, (counts.get(v) || 0) + 1); });
        });
        var list = [];
        counts.forEach(function (c, v) { list.push({ value: meta.facetValues[k][v], count: c }); });
        // SortFacet: star levels 5 → 1, other values by count, then value
        list.sort(function (x, y) {
          if (k === 'star') return x.value < y.value ? 1 : x.value > y.value ? -1 : 0;
          return y.count - x.count || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0);
        });
        facets[k] = list;
      });
      docs.sort(function (x, y) { return sums[y] - sums[x] || x - y; });
      var isWeak = !docs.length || weak(meta, plan, clauses, cl, docs[0]);
      var page = docs.slice(from, from + size);
      var blocks = [];
      page.forEach(function (d) {
        var bl = Math.floor(d / meta.block);
        if (blocks.indexOf(bl) < 0) blocks.push(bl);
      });
      return Promise.all(blocks.map(function (bl) { return get('d/' + bl + '.json', 'json'); })).then(function (rows) {
        var hits = page.map(function (d) {
          var r = rows[blocks.indexOf(Math.floor(d / meta.block))][d % meta.block];
          return {
            code: r[0], title: r[1], url: r[2] || '/guide/' + r[0] + '/', score: sums[d],
            department: meta.facetValues.department[r[3]], region: meta.facetValues.region[r[4]],
            star: r[5], visits: r[6], segments: segments(pickPassage(r[7], plan), plan)
          };
        });
        return { total: docs.length, weak: isWeak, hits: hits, facets: facets, plan: plan };
      });
    }
    return { search: search };
  }

  var api = {
    normalize: normalize, analyzeQuery: analyzeQuery, exactKey: exactKey,
    makePlan: makePlan, segments: segments, pickPassage: pickPassage, shardOf: shardOf, hashMod: hashMod, create: create
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  root.ZhinanSearch = api;

  // ---- the /search/ page ----
  if (typeof document === 'undefined') return;
  var WEAK_HITS = 3; // results a weak answer offers (assess.go WeakHits)
  var CARE_RE = /关怀版|长辈版|大字版|老年版/;
  var FACET_NAMES = { department: '实施机关', region: '行政区划', star: '星级', list: '清单', audience: '服务对象', type: '事项类型', topic: '主题' };
  var LIST_NAMES = { 'zero-visit': '零上门事项', 'one-visit': '跑一次事项', negative: '负面清单' };
  // The one vocabulary of a guide's level, as every page writes it
  // (generator/internal/site/words.go): ★★★★☆ 四星级 · 跑一次.
  var STAR_WORDS = ['零', '一', '二', '三', '四', '五'];
  function starsOf(n) { n = Math.max(0, Math.min(5, n)); return '★'.repeat(n) + '☆'.repeat(5 - n); }
  function starWords(n) { return STAR_WORDS[Math.max(0, Math.min(5, n))] + '星'; }
  function visitWords(v) { return v <= 0 ? '零上门' : v === 1 ? '跑一次' : '需跑 ' + v + ' 次'; }
  var script = document.currentScript;
  function start() {
    var out = document.getElementById('search-results');
    if (!out || !script) return;
    var base = script.src.replace(/[^\/]*$/, '');
    var site = (script.getAttribute('data-root') || '').replace(/\/+$/, '');
    var engine = create(base, function (url, kind) {
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return kind === 'bin' ? r.arrayBuffer() : r.json();
      });
    }, root.ZHINAN_SEARCH_META);
    var input = document.getElementById('q');
    var form = input && input.form;
    var seq = 0, filtersOpen = false, FACET_SHOWN = 12;
    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text != null) e.textContent = text;
      return e;
    }
    // A hit's level, written as every page writes it.
    function levelLine(h) {
      var meta = el('span', 'meta');
      var stars = el('span', 'stars', starsOf(h.star));
      stars.setAttribute('role', 'img');
      stars.setAttribute('aria-label', starWords(h.star) + '（满分五星）');
      meta.appendChild(stars);
      meta.appendChild(document.createTextNode(' '));
      meta.appendChild(el('span', 'rating-words', starWords(h.star) + '级'));
      meta.appendChild(document.createTextNode(' · '));
      meta.appendChild(el('strong', 'visits-words', visitWords(h.visits)));
      meta.appendChild(document.createTextNode(' · ' + h.department + ' · ' + h.region + ' · ' + h.code));
      return meta;
    }
    function state() {
      var sp = new URLSearchParams(location.search), f = {};
      Object.keys(FACET_NAMES).forEach(function (k) { var v = sp.getAll(k); if (v.length) f[k] = v; });
      return { text: sp.get('q') || '', filters: f, exact: sp.get('exact') === '1' };
    }
    function urlFor(st) {
      var sp = new URLSearchParams();
      if (st.text) sp.set('q', st.text);
      Object.keys(st.filters).forEach(function (k) { st.filters[k].forEach(function (v) { sp.append(k, v); }); });
      if (st.exact) sp.set('exact', '1');
      var s = sp.toString();
      return location.pathname + (s ? '?' + s : '');
    }
    function go(st) { history.pushState(null, '', urlFor(st)); run(); }
    function run() {
      var st = state(), my = ++seq;
      if (input) input.value = st.text;
      if (!st.text.trim()) { out.replaceChildren(el('p', 'lead', '请输入要办的事，例如：身份证、开饭店、律所。')); return; }
      out.replaceChildren(el('p', 'lead', '正在搜索……'));
      var counts = filtersOpen || Object.keys(st.filters).length > 0;
      engine.search({ text: st.text, filters: st.filters, exact: st.exact, size: 20, facets: counts }).then(function (res) {
        if (my === seq) render(st, res);
      }, function () {
        if (my === seq) out.replaceChildren(el('p', 'lead', '搜索数据加载失败：网站可能刚刚更新，请刷新页面后重试。'));
      });
    }
    function render(st, res) {
      var frag = document.createDocumentFragment();
      var hits = res.weak ? res.hits.slice(0, WEAK_HITS) : res.hits;
      frag.appendChild(el('p', 'lead', !res.total ? '没有找到相关事项，换个说法试试，例如把“开饭店”换成“食品经营”。'
        : res.weak ? '没有找到完全匹配的事项。' : '找到 ' + res.total + ' 个事项'));
      if (res.corrected) frag.appendChild(correctedLine(st, res));
      if (CARE_RE.test(st.text)) frag.appendChild(careLine());
      // the filters sit in a <details>: their counts need the facet data,
      // which is fetched only once somebody opens them (or a filter is set)
      var details = el('details', 'search-filters');
      details.appendChild(el('summary', null, '筛选：实施机关、行政区划、星级、清单……'));
      var nav = el('div', 'search-facets');
      details.appendChild(nav);
      if (res.facets) details.open = true;
      else nav.appendChild(el('p', 'lead', '正在加载筛选条件……'));
      details.addEventListener('toggle', function () {
        filtersOpen = details.open;
        if (details.open && !res.facets) run();
      });
      if (res.facets) Object.keys(FACET_NAMES).forEach(function (k) {
        var vals = res.facets[k] || [], chosen = st.filters[k] || [];
        if (!vals.length && !chosen.length) return;
        var box = el('div', 'facet');
        box.appendChild(el('h2', null, FACET_NAMES[k]));
        var ul = el('ul', 'chips');
        var shown = vals.slice(0, FACET_SHOWN);
        chosen.forEach(function (v) {
          if (shown.some(function (x) { return x.value === v; })) return;
          var fv = vals.filter(function (x) { return x.value === v; })[0];
          shown.push(fv || { value: v, count: 0 });
        });
        if (vals.length > FACET_SHOWN) {
          var more = el('button', 'facet-more', '显示全部 ' + vals.length + ' 项');
          more.type = 'button';
          more.addEventListener('click', function () {
            FACET_SHOWN = 100000;
            render(st, res);
          });
        }
        shown.forEach(function (fv) {
          var li = el('li'), a = el('a'), on = chosen.indexOf(fv.value) >= 0;
          var nf = JSON.parse(JSON.stringify(st.filters));
          if (on) { nf[k] = chosen.filter(function (v) { return v !== fv.value; }); if (!nf[k].length) delete nf[k]; }
          else nf[k] = chosen.concat([fv.value]);
          a.href = urlFor({ text: st.text, filters: nf });
          if (on) a.setAttribute('aria-current', 'true');
          a.appendChild(document.createTextNode((on ? '✓ ' : '') + (k === 'star' ? starWords(+fv.value) + '级' : k === 'list' ? (LIST_NAMES[fv.value] || fv.value) : fv.value)));
          a.appendChild(el('span', 'count', String(fv.count)));
          a.addEventListener('click', function (e) { e.preventDefault(); go({ text: st.text, filters: nf }); });
          li.appendChild(a);
          ul.appendChild(li);
        });
        box.appendChild(ul);
        if (more) box.appendChild(more);
        nav.appendChild(box);
      });
      if ((res.total && !res.weak) || Object.keys(st.filters).length) frag.appendChild(details);
      if (res.weak && hits.length) frag.appendChild(el('h2', 'search-maybe', '可能相关'));
      var list = el('ul', 'guide-list guide-cards');
      hits.forEach(function (h) {
        var li = el('li');
        var a = el('a', 'title', h.title);
        a.href = site + h.url;
        li.appendChild(a);
        li.appendChild(levelLine(h));
        var p = el('p', 'snippet');
        h.segments.forEach(function (s) { p.appendChild(s.marked ? el('mark', null, s.text) : document.createTextNode(s.text)); });
        li.appendChild(p);
        list.appendChild(li);
      });
      frag.appendChild(list);
      if (res.weak) frag.appendChild(weakHelp());
      out.replaceChildren(frag);
    }
    // correctedLine: the homophone correction the results are for, with a
    // link that searches the query as typed
    function correctedLine(st, res) {
      var p = el('p', 'search-corrected', '已按“' + res.corrected + '”搜索（您输入的是“' + res.original + '”）');
      var orig = { text: res.original, filters: st.filters, exact: true };
      var a = el('a', null, '仍按“' + res.original + '”搜索');
      a.href = urlFor(orig);
      a.addEventListener('click', function (e) { e.preventDefault(); go(orig); });
      p.append(' ', a);
      return p;
    }
    // careLine: a query for the large-print look (关怀版, 长辈版 …) leads
    // to the header's switch (site.js makes #care a toggle button)
    function careLine() {
      var p = el('p', 'search-care'), b = el('button', null, '切换大字关怀版');
      b.type = 'button';
      b.addEventListener('click', function () {
        var sw = document.getElementById('care');
        if (sw) sw.click();
        else location.hash = 'care';
      });
      p.append('本站每页右上角都有大字关怀版开关：', b);
      return p;
    }
    // weakHelp: where to turn when nothing matches well — the list of
    // departments on the home page and the 12345 hotline
    function weakHelp() {
      var p = el('p', 'search-help', '也可以');
      var a = el('a', null, '按实施机关查找');
      a.href = site + '/#departments';
      var tel = el('a', null, '12345');
      tel.href = 'tel:12345';
      p.append(a, '，或拨打政务服务便民热线 ', tel, ' 咨询。');
      return p;
    }
    if (form) form.addEventListener('submit', function (e) {
      e.preventDefault();
      var st = state();
      go({ text: input.value, filters: st.text === input.value ? st.filters : {} });
    });
    window.addEventListener('popstate', run);
    run();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})(typeof globalThis !== 'undefined' ? globalThis : this);

// Embedding and distribution, in headless Chromium: the <article-lens> element on a hostile third-party
// page, from a sub-path and from another origin (CORS); the module API (worker, cancellation, main
// thread); the single-file build from file:// with no network; the packed npm tarball installed into a
// scratch folder and imported by a page and by Node.
//
// Builds dist/ (bash scripts/dist.sh) when it is missing or older than www/; www/pkg must exist.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WWW = path.join(ROOT, 'www');
const DIST = path.join(ROOT, 'dist');
const SAMPLE = readFileSync(path.join(WWW, 'sample.txt'), 'utf8');
const OUT = path.join(ROOT, 'test-output');
mkdirSync(OUT, { recursive: true });

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---------- dist ----------

function newestMtime(dir) {
  let t = 0;
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    if (f.name === 'node_modules') continue;
    const p = path.join(dir, f.name);
    t = Math.max(t, f.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

function ensureDist() {
  assert.ok(existsSync(path.join(WWW, 'pkg', 'article_lens_bg.wasm')), 'www/pkg is missing: run ./build.sh first');
  const single = path.join(DIST, 'article-lens.html');
  const packaging = path.join(ROOT, 'packaging');
  const stale =
    !existsSync(single) ||
    statSync(single).mtimeMs < Math.max(newestMtime(WWW), newestMtime(packaging), statSync(path.join(ROOT, 'scripts/dist.sh')).mtimeMs);
  if (stale) execFileSync('bash', ['scripts/dist.sh'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

// ---------- a tiny static server ----------

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8',
};

/**
 * Serves `mounts` ({ '/prefix/': dir }) and `pages` ({ '/path': html }) on 127.0.0.1; `cors` adds
 * Access-Control-Allow-Origin: *. Records every request path.
 */
function serve({ mounts = {}, pages = {}, cors = false, wasmType = 'application/wasm' } = {}) {
  const hits = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    hits.push(url.pathname);
    const headers = { 'Cache-Control': 'no-store' };
    if (cors) headers['Access-Control-Allow-Origin'] = '*';
    const page = pages[url.pathname];
    if (page != null) {
      // A page is HTML text, or { type, body, headers }.
      const p = typeof page === 'string' ? { type: 'text/html; charset=utf-8', body: page } : page;
      res.writeHead(200, { ...headers, 'Content-Type': p.type, ...(p.headers || {}) });
      return res.end(p.body);
    }
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const rel = decodeURIComponent(url.pathname.slice(prefix.length));
      const file = path.join(dir, rel);
      if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) break;
      const ext = path.extname(file);
      res.writeHead(200, { ...headers, 'Content-Type': ext === '.wasm' ? wasmType : TYPES[ext] || 'application/octet-stream' });
      return res.end(readFileSync(file));
    }
    res.writeHead(404, headers);
    res.end('not found');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ origin: `http://127.0.0.1:${port}`, hits, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

// ---------- browser ----------

let browser;
const servers = [];

before(async () => {
  ensureDist();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  if (browser) await browser.close();
  await Promise.all(servers.map((s) => s.close()));
});

async function start(opts) {
  const s = await serve(opts);
  servers.push(s);
  return s;
}

/** A page that records requests, page errors, console errors and CSP violations. */
async function auditedPage() {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const audit = { requests: [], pageErrors: [], consoleErrors: [] };
  context.on('request', (r) => audit.requests.push(r.url()));
  await context.route((u) => !['127.0.0.1', ''].includes(u.hostname) && !u.protocol.startsWith('file'), (r) => r.abort());
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => audit.pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') audit.consoleErrors.push(m.text());
  });
  return { context, page, audit };
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function hostPage(componentUrl, { attrs = '' } = {}) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Third-party page</title><link rel="icon" href="data:,">
<style>
  * { color: red !important; font-size: 40px; }
  mark { display: none; }
  .root, .text, .summary, .chip { border: 0; padding: 0; background: none; }
</style>
<script>
  window.__events = [];
  document.addEventListener('analysis', (e) => window.__events.push({ detail: e.detail, target: e.target.id, composed: e.composed, bubbles: e.bubbles }));
</script>
<script type="module" src="${componentUrl}"></script>
</head><body>
<p id="host-p">The host's own paragraph.</p>
<mark id="host-mark">host mark</mark>
<div class="summary" id="host-summary">host summary</div>
<div class="text" id="host-text">host text</div>
<article-lens id="lens" ${attrs}>
${escapeHtml(SAMPLE)}
</article-lens>
</body></html>`;
}

async function waitForAnalysis(page) {
  await page.waitForFunction(() => window.__events && window.__events.length > 0, null, { timeout: 20000 });
  return page.evaluate(() => window.__events[0]);
}

/** Everything the hostile-CSS test checks about the rendered element and the host's own elements. */
async function inspect(page) {
  return page.evaluate(() => {
    const lens = document.getElementById('lens');
    const root = lens.shadowRoot;
    const marks = [...root.querySelectorAll('mark')];
    const box = (el) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return { w: r.width, h: r.height, display: cs.display, color: cs.color, bg: cs.backgroundColor, fontSize: cs.fontSize, visibility: cs.visibility };
    };
    const cs = (id) => {
      const s = getComputedStyle(document.getElementById(id));
      return { color: s.color, fontSize: s.fontSize, display: s.display, borderTopWidth: s.borderTopWidth };
    };
    return {
      markCount: marks.length,
      kinds: [...new Set(marks.map((m) => m.dataset.kind))],
      withEntity: marks.filter((m) => m.hasAttribute('data-entity')).length,
      marks: marks.slice(0, 40).map(box),
      text: box(root.querySelector('.text')),
      summary: root.querySelector('.summary') ? root.querySelector('.summary').textContent : null,
      renderedText: root.querySelector('.text').textContent,
      host: { p: cs('host-p'), mark: cs('host-mark'), summary: cs('host-summary'), text: cs('host-text') },
      csp: window.__csp,
    };
  });
}

function checkRendering(r) {
  assert.ok(r.markCount > 10, `marks rendered inside the element: ${r.markCount}`);
  for (const m of r.marks) {
    assert.notEqual(m.display, 'none', 'a mark is hidden by the host CSS');
    assert.ok(m.w > 0 && m.h > 0, `a mark has no size: ${JSON.stringify(m)}`);
    assert.notEqual(m.color, 'rgb(255, 0, 0)', 'the host colour reached a mark');
    assert.notEqual(m.fontSize, '40px', 'the host font size reached a mark');
    assert.notEqual(m.bg, 'rgba(0, 0, 0, 0)', `a mark has no highlight colour: ${JSON.stringify(m)}`);
  }
  assert.equal(r.text.fontSize, '16px');
  assert.notEqual(r.text.color, 'rgb(255, 0, 0)');
  // The host's own elements keep the host's styles: nothing of the element's CSS leaks out.
  assert.equal(r.host.p.color, 'rgb(255, 0, 0)');
  assert.equal(r.host.p.fontSize, '40px');
  assert.equal(r.host.mark.display, 'none');
  assert.equal(r.host.summary.borderTopWidth, '0px');
  assert.equal(r.host.text.color, 'rgb(255, 0, 0)');
  assert.equal(r.renderedText.trim(), SAMPLE.trim(), 'the rendered text is the article, unchanged');
}

function checkAnalysisEvent(ev) {
  assert.equal(ev.target, 'lens');
  assert.ok(ev.bubbles && ev.composed, 'analysis event bubbles and is composed');
  const a = ev.detail;
  assert.equal(a.offsets, 'utf-16');
  assert.ok(a.stats.words > 300 && a.stats.sentences > 10, `statistics: ${a.stats.words} words`);
  const quotes = a.spans.filter((s) => s.kind === 'quote');
  assert.ok(quotes.length >= 3, `quotes: ${quotes.length}`);
  assert.ok(a.spans.some((s) => s.kind === 'percent'), 'a percentage');
  assert.ok(a.spans.some((s) => s.kind === 'date'), 'a date');
}

// The name tagger lands separately; while src/ner is the empty stub, the names assertion is skipped.
const TAGGER_STUB = /pub fn tag\(_doc: &Doc\) -> Vec<Span> \{\s*Vec::new\(\)\s*\}/.test(
  readFileSync(path.join(ROOT, 'src/ner/mod.rs'), 'utf8'),
);

let hostileEvent = null;

test('<article-lens> on a hostile third-party page, served from a sub-path', async () => {
  const pageServer = await start({ mounts: { '/sub/dir/': DIST }, pages: { '/blog/post.html': hostPage('/sub/dir/article-lens.js') } });
  const { context, page, audit } = await auditedPage();
  await page.goto(`${pageServer.origin}/blog/post.html`);
  const ev = await waitForAnalysis(page);
  hostileEvent = ev;
  checkAnalysisEvent(ev);
  await page.waitForFunction(() => document.getElementById('lens').shadowRoot.querySelectorAll('mark').length > 0);
  const r = await inspect(page);
  checkRendering(r);
  assert.ok(r.kinds.includes('quote') && r.kinds.includes('percent'), `kinds shown: ${r.kinds}`);
  assert.match(r.summary, /words/);
  // The wasm came from the sub-path, next to the module, and the worker ran it.
  assert.ok(pageServer.hits.includes('/sub/dir/pkg/article_lens_bg.wasm'), pageServer.hits.join(' '));
  assert.ok(pageServer.hits.includes('/sub/dir/lens-worker.js'), 'the analysis ran in the worker');
  assert.deepEqual(audit.pageErrors, []);
  assert.deepEqual(audit.consoleErrors, []);
  await page.screenshot({ path: path.join(OUT, 'embed-hostile.png'), fullPage: false });
  await context.close();
});

test('<article-lens> names arrive in the analysis event (needs the name tagger)', { skip: TAGGER_STUB && 'the name tagger (src/ner) is still a stub in this build' }, async () => {
  assert.ok(hostileEvent, 'the hostile-page test ran first');
  const a = hostileEvent.detail;
  assert.ok(a.entities.length >= 3, `entities: ${a.entities.length}`);
  const people = a.entities.filter((e) => e.kind === 'person').map((e) => e.name);
  assert.ok(people.some((n) => /Mattis/.test(n)), `people: ${people}`);
  assert.ok(a.spans.some((s) => s.kind === 'person' && typeof s.entity === 'number'));
});

test('<article-lens> attributes: kinds, panels, theme, text property', async () => {
  const site = await start({
    mounts: { '/': DIST },
    pages: { '/p.html': hostPage('/article-lens.js', { attrs: 'kinds="percent quote" panels="none" theme="dark"' }) },
  });
  const { context, page } = await auditedPage();
  await page.goto(`${site.origin}/p.html`);
  await waitForAnalysis(page);
  const r = await page.evaluate(() => {
    const lens = document.getElementById('lens');
    const root = lens.shadowRoot;
    return {
      kinds: [...new Set([...root.querySelectorAll('mark')].map((m) => m.dataset.kind))].sort(),
      summary: !!root.querySelector('.summary'),
      bg: getComputedStyle(root.querySelector('.root')).backgroundColor,
    };
  });
  assert.deepEqual(r.kinds, ['percent', 'quote']);
  assert.equal(r.summary, false);
  assert.equal(r.bg, 'rgb(22, 25, 29)');
  // Attribute changes re-render without a new analysis; the text property replaces the content.
  const r2 = await page.evaluate(async () => {
    const lens = document.getElementById('lens');
    lens.setAttribute('panels', 'full');
    lens.setAttribute('theme', 'light');
    lens.setAttribute('kinds', 'all');
    const root = lens.shadowRoot;
    const full = { summary: root.querySelector('.summary').textContent, bg: getComputedStyle(root.querySelector('.root')).backgroundColor };
    const next = new Promise((r) => lens.addEventListener('analysis', (e) => r(e.detail), { once: true }));
    lens.text = 'Up to 40% of the 1,200 voters said "no" on 3 March 2021.';
    const a = await next;
    return { full, spans: a.spans.map((s) => s.kind), rendered: root.querySelector('.text').textContent, marks: root.querySelectorAll('mark').length };
  });
  assert.match(r2.full.summary, /Quotes/);
  assert.equal(r2.full.bg, 'rgb(255, 255, 255)');
  assert.equal(r2.rendered, 'Up to 40% of the 1,200 voters said "no" on 3 March 2021.');
  assert.ok(r2.spans.includes('percent') && r2.spans.includes('date'), r2.spans.join(' '));
  assert.ok(r2.marks >= 3);
  // User text is never parsed as HTML.
  const r3 = await page.evaluate(async () => {
    const lens = document.getElementById('lens');
    const next = new Promise((r) => lens.addEventListener('analysis', () => r(), { once: true }));
    lens.text = '<img src=x onerror="window.__xss=1"> 50% said "hi" <b>bold</b>';
    await next;
    return { xss: window.__xss === 1, imgs: lens.shadowRoot.querySelectorAll('img,b').length };
  });
  assert.deepEqual(r3, { xss: false, imgs: 0 });
  await context.close();
});

test('<article-lens> from a second origin (CORS), and not without the CORS header', async () => {
  const cdn = await start({ mounts: { '/article-lens/': DIST }, cors: true });
  const noCors = await start({ mounts: { '/article-lens/': DIST }, cors: false });
  const site = await start({
    pages: {
      '/cdn.html': hostPage(`${cdn.origin}/article-lens/article-lens.js`),
      '/nocors.html': hostPage(`${noCors.origin}/article-lens/article-lens.js`),
    },
  });
  const { context, page, audit } = await auditedPage();
  await page.goto(`${site.origin}/cdn.html`);
  const ev = await waitForAnalysis(page);
  checkAnalysisEvent(ev);
  checkRendering(await inspect(page));
  assert.ok(cdn.hits.includes('/article-lens/pkg/article_lens_bg.wasm'));
  assert.ok(cdn.hits.includes('/article-lens/lens-worker.js'), 'the worker was loaded from the CDN (through a blob: shim)');
  assert.deepEqual(audit.pageErrors, []);

  // Without Access-Control-Allow-Origin the browser refuses the module script: nothing is defined.
  const p2 = await context.newPage();
  await p2.goto(`${site.origin}/nocors.html`);
  await p2.waitForTimeout(800);
  assert.equal(await p2.evaluate(() => !!customElements.get('article-lens')), false);
  await context.close();
});

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

/** The hostile page without inline script, for a strict CSP: the event recorder is a file. */
function cspPages(componentUrl) {
  return {
    '/strict.html': {
      type: 'text/html; charset=utf-8',
      headers: { 'Content-Security-Policy': CSP },
      body: hostPage(componentUrl)
        .replace(/<script>[\s\S]*?<\/script>/, '<script src="/record.js"></script>')
        .replace(/<style>([\s\S]*?)<\/style>/, '<link rel="stylesheet" href="/hostile.css">'),
    },
    '/hostile.css': { type: 'text/css', body: hostPage('').match(/<style>([\s\S]*?)<\/style>/)[1] },
    '/record.js': {
      type: 'text/javascript',
      body: "window.__events = []; document.addEventListener('analysis', (e) => window.__events.push({ detail: e.detail, target: e.target.id, composed: e.composed, bubbles: e.bubbles }));",
    },
  };
}

test('<article-lens> under a strict CSP (script-src self wasm-unsafe-eval, style-src self)', async () => {
  const site = await start({ mounts: { '/al/': DIST }, pages: cspPages('/al/article-lens.js') });
  const { context, page, audit } = await auditedPage();
  await page.goto(`${site.origin}/strict.html`);
  checkAnalysisEvent(await waitForAnalysis(page));
  const r = await inspect(page);
  checkRendering(r);
  assert.deepEqual(r.csp, [], 'no CSP violation: constructed stylesheet, same-origin worker, wasm-unsafe-eval');
  assert.ok(site.hits.includes('/al/lens-worker.js'));
  assert.deepEqual(audit.pageErrors, []);
  await context.close();
});

test('<article-lens> from a CDN under a CSP without blob: workers falls back to the main thread', async () => {
  const cdn = await start({ mounts: { '/al/': DIST }, cors: true });
  const pages = cspPages(`${cdn.origin}/al/article-lens.js`);
  pages['/strict.html'].headers['Content-Security-Policy'] = CSP.replace("script-src 'self'", `script-src 'self' ${cdn.origin}`).replace("default-src 'self'", `default-src 'self' ${cdn.origin}`);
  const site = await start({ pages });
  const { context, page, audit } = await auditedPage();
  await page.goto(`${site.origin}/strict.html`);
  checkAnalysisEvent(await waitForAnalysis(page));
  const r = await inspect(page);
  checkRendering(r);
  assert.ok(cdn.hits.includes('/al/pkg/article_lens_bg.wasm'));
  assert.ok(r.csp.some((v) => /blob/.test(v)), `the blob: worker was refused: ${r.csp}`);
  assert.ok(!cdn.hits.includes('/al/lens-worker.js'), 'no worker ran');
  assert.deepEqual(audit.pageErrors, []);
  await context.close();
});

test('wasm served with the wrong MIME type still loads (ArrayBuffer fallback, with a warning)', async () => {
  const site = await start({
    mounts: { '/al/': DIST },
    wasmType: 'application/octet-stream',
    pages: { '/api.html': '<!doctype html><title>api</title><link rel="icon" href="data:,">' },
  });
  const { context, page, audit } = await auditedPage();
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page.goto(`${site.origin}/api.html`);
  const n = await page.evaluate(async () => {
    const { createAnalyzer } = await import('/al/lens.js');
    const a = await createAnalyzer({ worker: false }).analyze('Some 88% of 424 airstrikes since 2004.');
    return a.spans.length;
  });
  assert.ok(n >= 3, `spans: ${n}`);
  assert.ok(warnings.some((w) => /application\/wasm/.test(w)), `warnings: ${warnings}`);
  assert.deepEqual(audit.pageErrors, []);
  await context.close();
});

// ---------- module API ----------

test('module API: worker, cancellation, main thread, errors', async () => {
  const site = await start({ mounts: { '/lib/': DIST }, pages: { '/api.html': '<!doctype html><title>api</title><link rel="icon" href="data:,">' } });
  const { context, page, audit } = await auditedPage();
  await page.goto(`${site.origin}/api.html`);
  const r = await page.evaluate(async (sample) => {
    const lens = await import('/lib/lens.js');
    const out = {};
    const a = lens.createAnalyzer();
    const first = await a.analyze(sample);
    out.first = { spans: first.spans.length, words: first.stats.words, main: a.onMainThread };

    // An already-aborted signal rejects at once.
    const c0 = new AbortController();
    c0.abort();
    out.preAborted = await a.analyze(sample, undefined, { signal: c0.signal }).then(() => 'resolved', (e) => e.name);

    // A long in-flight run is cancelled: it rejects quickly, and the next call gets a fresh worker.
    const big = sample.repeat(400); // ~1.2 MB
    const c1 = new AbortController();
    const t0 = performance.now();
    const slow = a.analyze(big, undefined, { signal: c1.signal });
    // A queued call behind it, cancelled too, and one that is not.
    const c2 = new AbortController();
    const queued = a.analyze(sample, undefined, { signal: c2.signal });
    const survivor = a.analyze('Up to 40% said "no".');
    setTimeout(() => { c1.abort(); c2.abort(); }, 30);
    out.slow = await slow.then(() => 'resolved', (e) => `${e.name} ${e instanceof DOMException}`);
    out.cancelMs = performance.now() - t0;
    out.queued = await queued.then(() => 'resolved', (e) => e.name);
    const s = await survivor;
    out.survivor = s.spans.map((x) => x.kind);

    // Bad options reject with an Error; the analyzer keeps working.
    out.badOption = await a.analyze('x', { anchor_date: 'not a date' }).then(() => 'resolved', (e) => e.message);
    out.after = (await a.analyze('Prices rose 5% in 2020.')).spans.map((x) => x.kind);
    a.dispose();
    out.disposed = await a.analyze('x').then(() => 'resolved', (e) => e.message);

    // On the calling thread, and the low-level synchronous API.
    const m = lens.createAnalyzer({ worker: false });
    const mm = await m.analyze(sample);
    out.main = { spans: mm.spans.length, main: m.onMainThread };
    await lens.init();
    out.sync = lens.analyzeSync(sample).spans.length;
    out.version = lens.version();
    out.maxInputBytes = lens.maxInputBytes();
    return out;
  }, SAMPLE);
  assert.ok(r.first.spans > 20 && r.first.words > 300, JSON.stringify(r.first));
  assert.equal(r.first.main, false, 'ran in a worker');
  assert.equal(r.preAborted, 'AbortError');
  assert.equal(r.slow, 'AbortError true');
  assert.ok(r.cancelMs < 1000, `cancel took ${r.cancelMs} ms`);
  assert.equal(r.queued, 'AbortError');
  assert.ok(r.survivor.includes('percent') && r.survivor.includes('quote'), r.survivor.join(' '));
  assert.match(r.badOption, /anchor|option/i);
  assert.ok(r.after.includes('percent'));
  assert.match(r.disposed, /disposed/);
  assert.equal(r.main.main, true);
  assert.equal(r.main.spans, r.first.spans, 'same result on the main thread');
  assert.equal(r.sync, r.first.spans);
  assert.match(r.version, /^\d+\.\d+\.\d+/);
  assert.ok(r.maxInputBytes >= 1 << 20);
  // Two workers were started: the first one was terminated by the cancellation.
  const workerLoads = site.hits.filter((h) => h === '/lib/lens-worker.js').length;
  assert.ok(workerLoads >= 2, `lens-worker.js loaded ${workerLoads} times`);
  assert.deepEqual(audit.pageErrors, []);
  await context.close();
});

// ---------- single file ----------

test('single-file build works from file:// with no network request', async () => {
  const file = path.join(DIST, 'article-lens.html');
  const html = readFileSync(file, 'utf8');
  assert.doesNotMatch(html, /<script[^>]+\bsrc=/i, 'no external script');
  assert.doesNotMatch(html, /<link[^>]+rel=["']?stylesheet/i, 'no external stylesheet');
  // Open a copy in an empty folder: no other file can be reached.
  const dir = mkdtempSync(path.join(tmpdir(), 'al-single-'));
  const copy = path.join(dir, 'article-lens.html');
  writeFileSync(copy, html);
  const { context, page, audit } = await auditedPage();
  await page.goto(pathToFileURL(copy).href);
  const hasSample = await page.evaluate(() => !!document.getElementById('sample'));
  assert.ok(hasSample, 'the page has its Sample button');
  await page.click('#sample');
  await page.waitForFunction(() => document.body.dataset.analyzed, null, { timeout: 20000 });
  const r = await page.evaluate(() => {
    const all = (root) => [...root.querySelectorAll('mark')].concat(
      [...root.querySelectorAll('*')].filter((e) => e.shadowRoot).flatMap((e) => [...e.shadowRoot.querySelectorAll('mark')]),
    );
    return { input: document.getElementById('input').value, marks: all(document).length, csp: window.__csp };
  });
  assert.equal(r.input.trim(), SAMPLE.trim(), 'the sample came from the inlined copy');
  assert.ok(r.marks > 10, `highlights: ${r.marks}`);
  assert.deepEqual(r.csp, [], 'no CSP violation');
  assert.ok(page.workers().length >= 1, 'the analysis ran in a (blob:) worker');
  const foreign = audit.requests.filter((u) => !/^(file|data|blob):/.test(u));
  assert.deepEqual(foreign, [], 'only file:, data: and blob: loads');
  assert.deepEqual(audit.pageErrors, []);
  assert.deepEqual(audit.consoleErrors, []);
  await page.screenshot({ path: path.join(OUT, 'embed-single-file.png') });
  await context.close();

  // Where no worker can be created at all, the same worker code runs on the page's thread.
  const noWorkers = await auditedPage();
  await noWorkers.context.addInitScript(() => {
    window.Worker = function Worker() {
      throw new DOMException('workers are disabled here', 'SecurityError');
    };
  });
  await noWorkers.page.goto(pathToFileURL(copy).href);
  await noWorkers.page.click('#sample');
  await noWorkers.page.waitForFunction(() => document.body.dataset.analyzed, null, { timeout: 20000 });
  const marks = await noWorkers.page.evaluate(() => document.querySelectorAll('mark').length);
  assert.ok(marks > 10, `highlights without a worker: ${marks}`);
  assert.equal(noWorkers.page.workers().length, 0);
  assert.deepEqual(noWorkers.audit.requests.filter((u) => !/^(file|data|blob):/.test(u)), []);
  assert.deepEqual(noWorkers.audit.pageErrors, []);
  await noWorkers.context.close();
  rmSync(dir, { recursive: true, force: true });
});

// ---------- npm package ----------

test('npm pack: the tarball installs into a scratch folder and works in a page and in Node', async () => {
  const pkg = JSON.parse(readFileSync(path.join(DIST, 'package.json'), 'utf8'));
  const cargoVersion = readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m)[1];
  assert.equal(pkg.name, 'article-lens');
  assert.equal(pkg.version, cargoVersion);
  assert.equal(pkg.type, 'module');
  const scratch = mkdtempSync(path.join(tmpdir(), 'al-npm-'));
  const packed = execFileSync('npm', ['pack', DIST, '--pack-destination', scratch, '--json'], { cwd: scratch, encoding: 'utf8' });
  const info = JSON.parse(packed)[0];
  const tgz = path.join(scratch, info.filename);
  assert.ok(existsSync(tgz), tgz);
  const names = info.files.map((f) => f.path);
  for (const f of ['lens.js', 'article-lens.js', 'lens-worker.js', 'article-lens.d.ts', 'lens.d.ts', 'element.d.ts', 'pkg/article_lens.js', 'pkg/article_lens_bg.wasm', 'README.md', 'package.json']) {
    assert.ok(names.includes(f), `${f} in the tarball: ${names}`);
  }
  const app = path.join(scratch, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'scratch-app', private: true, type: 'module' }));
  execFileSync('npm', ['install', tgz, '--no-audit', '--no-fund', '--offline', '--loglevel=error'], { cwd: app, stdio: 'ignore' });
  const installed = path.join(app, 'node_modules', 'article-lens');
  assert.ok(existsSync(path.join(installed, 'pkg', 'article_lens_bg.wasm')));

  // TypeScript: the declarations compile under --strict and describe the API as used (types-usage.ts).
  const tsc = path.join(ROOT, 'packaging/tools/node_modules/typescript/bin/tsc');
  writeFileSync(path.join(app, 'check.ts'), readFileSync(path.join(ROOT, 'packaging/types-usage.ts')));
  writeFileSync(
    path.join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022', 'dom'], types: [] },
      files: ['check.ts'],
    }),
  );
  try {
    execFileSync(process.execPath, [tsc, '-p', app], { cwd: app, encoding: 'utf8' });
  } catch (e) {
    assert.fail(`tsc: ${e.stdout}${e.stderr}`);
  }

  // Node: the package's entry point, on the calling thread with the wasm bytes.
  const node = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { readFileSync } from 'node:fs';
       import { createRequire } from 'node:module';
       import { createAnalyzer, version } from 'article-lens';
       const wasm = readFileSync(new URL(import.meta.resolve('article-lens/pkg/article_lens_bg.wasm')));
       const a = createAnalyzer({ worker: false, wasm });
       const r = await a.analyze('Some 88% of 424 airstrikes since 2004, "he said".');
       console.log(JSON.stringify({ kinds: r.spans.map((s) => s.kind), version: version() }));`,
    ],
    { cwd: app, encoding: 'utf8' },
  );
  const nr = JSON.parse(node.trim().split('\n').pop());
  assert.ok(nr.kinds.includes('percent'), node);
  assert.equal(nr.version, cargoVersion);

  // A page served from the scratch folder imports the installed package by its bare name.
  const site = await start({
    mounts: { '/node_modules/': path.join(app, 'node_modules') },
    pages: {
      '/index.html': `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="importmap">{"imports":{"article-lens":"/node_modules/article-lens/lens.js","article-lens/element":"/node_modules/article-lens/article-lens.js"}}</script>
<script type="module">
  import { createAnalyzer } from 'article-lens';
  import 'article-lens/element';
  const a = createAnalyzer();
  window.__result = a.analyze(${JSON.stringify(SAMPLE)}).then((r) => ({ spans: r.spans.length, quotes: r.spans.filter((s) => s.kind === 'quote').length, el: !!customElements.get('article-lens') }));
</script>`,
    },
  });
  const { context, page, audit } = await auditedPage();
  await page.goto(`${site.origin}/index.html`);
  const r = await page.evaluate(() => window.__result);
  assert.ok(r.spans > 20 && r.quotes >= 3 && r.el, JSON.stringify(r));
  assert.ok(site.hits.includes('/node_modules/article-lens/lens-worker.js'));
  assert.deepEqual(audit.pageErrors, []);
  await context.close();
  rmSync(scratch, { recursive: true, force: true });
});

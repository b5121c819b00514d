// The page never executes, fetches or reorders what it is given. Every payload goes in three ways
// (pasted into the editor, opened from a share link, restored from localStorage) and must come out
// as exactly the same text: no script runs (canary global), no dialog opens, no request is made, no
// element other than the page's own highlight markup is created, bidi controls are shown visibly.
// Also: the served HTML has the full CSP and no inline script, handler or style attribute.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { startServer, launch, auditedContext, waitForAnalysis, SAMPLE, WWW } from './helpers.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const P = 'window.__pwned=1';
export const PAYLOADS = [
  `<script>${P}</script>`,
  `<img src=x onerror="${P}">`,
  `<img src="https://evil.example/x.png" onerror=alert(1)>`,
  `<svg onload=${P}>`,
  `<svg><script>${P}</script></svg>`,
  `<iframe srcdoc="<script>parent.${P}</script>"></iframe>`,
  `<iframe src="javascript:parent.${P}"></iframe>`,
  `<a href="javascript:${P}">click me</a>`,
  `javascript:${P}`,
  `</textarea><script>${P}</script>`,
  `</div></mark><script>${P}</script>`,
  '${' + P + '}',
  '`${' + P + '}`',
  '{{constructor.constructor("' + P + '")()}}',
  `&lt;script&gt;${P}&lt;/script&gt;`,
  `&#60;img src=x onerror=${P}&#62;`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${P}></style></mglyph></table></mtext></math>`,
  `<noscript><p title="</noscript><img src=x onerror=${P}>">`,
  `<svg></p><style><a id="</style><img src=1 onerror=${P}>">`,
  `<style>body{background:url(https://evil.example/bg.png)}*{display:none}</style>`,
  `<div style="background-image:url(//evil.example/s.png)">styled</div>`,
  `<meta http-equiv="refresh" content="0;url=https://evil.example/">`,
  `<base href="https://evil.example/">`,
  `<link rel=prefetch href=http://example.com>`,
  `<link rel=stylesheet href=https://evil.example/x.css>`,
  `<object data="https://evil.example/x.swf"></object><embed src="//evil.example/e">`,
  `<form action="https://evil.example/"><input name=q autofocus onfocus=${P}></form>`,
  `<details open ontoggle=${P}>`,
  `<video><source onerror="${P}"></video><audio src=x onerror=${P}>`,
  'Read more at https://evil.example/x.png and //evil.example/track or www.evil.example.',
  'data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+',
  `<img src="data:image/svg+xml,<svg onload=${P}>">`,
  'Trojan \u202Eevil\u202C source: access level "user\u202E \u2066// check if admin\u2069 \u2066" ) {',
  '\u2066isolate\u2069 \u2067rtl\u2069 \u2068first\u2069 \u202Aemb\u202C \u202Bemb\u202C \u202Dover\u202C \u200Fmark\u200E \u061Calm',
  'NUL\u0000in\u0000the\u0000middle <script>' + P + '</script>\u0000',
  'Lone surrogates: \uD800 and \uDFFF and \uDBFF\uDBFF x',
  'x'.repeat(200_000) + `<script>${P}</script>`,
  `"${'word '.repeat(20_000)}<img src=x onerror=${P}>"`,
  `“<img src=x onerror=alert(document.domain)>,” said John Smith, the mayor of <b>Springfield</b>, on 3 May 2020.`,
  `Dr. <script>${P}</script> Jones told Reuters 42% of <i>1,200</i> people paid $5 million.`,
  `\u0000article-lens:panic`,
  `'; alert(1); //\n"><svg/onload=alert(1)>\n--><script>${P}</script>`,
  `<!--<img src="--><img src=x onerror=${P}//">`,
  `<x onclick=${P} contenteditable>click</x>%3Cscript%3E${P}%3C/script%3E`,
  `\uFEFFBOM then <script>${P}</script> \u200B zero width \u2028 line sep \u2029 para sep`,
];

/** Bidi controls in the text, for checking the markers. */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** The text a share link carries: UTF-8, so a lone surrogate arrives as U+FFFD. */
const wellFormed = (s) => s.toWellFormed();

async function setupPage(t) {
  const { context, audit } = await auditedContext(browser);
  const dialogs = [];
  context.on('page', (p) => p.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  }));
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  return { context, audit, dialogs, page };
}

/** What must hold after a payload is shown. `expected` is the text as the page must show it. */
async function check(page, expected, where) {
  const r = await page.evaluate(() => {
    const reader = document.querySelector('#reader');
    const foreign = [...reader.querySelectorAll('*')].filter((el) => !el.matches('div.block, div.line, mark.hl, span.bidi')).map((el) => el.tagName);
    return {
      pwned: window.__pwned,
      text: reader.textContent,
      input: document.querySelector('#input').value,
      foreign,
      links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      bidi: [...reader.querySelectorAll('span.bidi')].map((s) => s.textContent),
      bidiOk: [...reader.querySelectorAll('span.bidi')].every(
        (s) => getComputedStyle(s).unicodeBidi === 'isolate' && getComputedStyle(s, '::before').content.includes(s.dataset.bidi),
      ),
      csp: window.__csp,
      title: document.title,
      base: document.baseURI,
    };
  });
  assert.equal(r.pwned, undefined, `${where}: canary set`);
  assert.ok(r.input === expected, `${where}: editor text differs`);
  assert.ok(r.text === expected, `${where}: reader text differs (${r.text.length} vs ${expected.length} chars)`);
  assert.deepEqual(r.foreign, [], `${where}: unexpected elements in the reader`);
  assert.deepEqual(r.links, ['#reader'], `${where}: only the skip link has an href`);
  assert.deepEqual(r.bidi, expected.match(BIDI) || [], `${where}: every bidi control is a visible marker`);
  assert.ok(r.bidiOk, `${where}: markers are isolated and labelled`);
  assert.deepEqual(r.csp, [], `${where}: CSP violations`);
  assert.equal(r.title, 'Article Lens');
  assert.ok(r.base.startsWith(server.url), `${where}: base URL ${r.base}`);
}

test(`hostile payloads (${PAYLOADS.length}) pasted into the editor: shown as text, nothing runs, no request`, async () => {
  assert.ok(PAYLOADS.length >= 40);
  const { context, audit, dialogs, page } = await setupPage();
  await page.goto(server.url);
  let n = await waitForAnalysis(page);
  const initial = audit.requests.length;
  for (const [i, p] of PAYLOADS.entries()) {
    // As a paste: the textarea's value changes and an input event fires (Playwright's typing drops NULs).
    await page.evaluate((t) => {
      const el = document.querySelector('#input');
      el.value = t;
      el.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste' }));
    }, p);
    await page.waitForFunction(
      (k) => Number(document.body.dataset.analyzed || 0) > k || document.querySelector('#status').dataset.kind === 'error',
      n,
      { timeout: 20_000 },
    );
    n = await page.evaluate(() => Number(document.body.dataset.analyzed || 0));
    await check(page, p, `editor #${i}`);
  }
  // Also every payload at once, in one document.
  const all = PAYLOADS.join('\n');
  await page.evaluate((t) => {
    const el = document.querySelector('#input');
    el.value = t;
    el.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste' }));
  }, all);
  n = await waitForAnalysis(page, n);
  await check(page, all, 'editor, all payloads');
  // Every panel too: turn every layer on, open the panels; still nothing foreign.
  await page.click('#settings-toggle');
  await page.click('#kinds-all');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(
    await page.$$eval('.panels img, .panels iframe, .panels script, .panels object, .panels embed, .panels a[href], #reader a, #reader img', (e) => e.length),
    0,
  );
  assert.deepEqual(audit.requests.slice(initial), [], 'no request at all after the initial load');
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.deepEqual(audit.pageErrors, []);
  await context.close();
});

test('hostile payloads opened from a share link (#t=…) and restored from localStorage', async () => {
  const { context, audit, dialogs, page } = await setupPage();
  await page.goto(server.url);
  await waitForAnalysis(page);
  // The page's own files: whatever a fresh load fetches. Later loads may fetch only these again.
  const own = new Set(audit.requests);
  for (const [i, p] of PAYLOADS.entries()) {
    const expected = wellFormed(p);
    const frag = `t=${deflateRawSync(Buffer.from(p, 'utf8')).toString('base64url')}`;
    // A fresh load from the link.
    await page.goto('about:blank');
    const mark = audit.requests.length;
    await page.goto(`${server.url}#${frag}`);
    await waitForAnalysis(page);
    await check(page, expected, `link #${i}`);
    for (const u of audit.requests.slice(mark)) assert.ok(own.has(u), `link #${i}: request for ${u}`);
    // The same link opened on the running page (hashchange).
    const m2 = audit.requests.length;
    const before = await page.evaluate(() => Number(document.body.dataset.analyzed));
    await page.evaluate((f) => { location.hash = f; }, frag);
    await page.waitForFunction((k) => Number(document.body.dataset.analyzed) > k, before).catch(() => {});
    await check(page, expected, `hashchange #${i}`);
    assert.deepEqual(audit.requests.slice(m2), [], `hashchange #${i}: no request`);

    // Restored from localStorage on reload (the raw string, not via the link).
    await page.evaluate((t) => localStorage.setItem('article-lens:text', t), p);
    const stored = await page.evaluate(() => localStorage.getItem('article-lens:text'));
    const m3 = audit.requests.length;
    await page.reload();
    await waitForAnalysis(page);
    await check(page, stored, `localStorage #${i}`);
    if (stored !== p) assert.equal(stored, expected, 'storage changes at most lone surrogates');
    for (const u of audit.requests.slice(m3)) assert.ok(own.has(u), `localStorage #${i}: request for ${u}`);
  }
  assert.deepEqual(dialogs, []);
  assert.deepEqual(audit.pageErrors, []);
  await context.close();
});

test('bidi controls are visible markers that do not shift the highlight offsets', async () => {
  const { context, page } = await setupPage();
  await page.goto(server.url);
  let n = await waitForAnalysis(page);
  const text = 'On 3 May 2020 \u202Ethe mayor\u202C said 42% of \u2066voters\u2069 agreed on February 11, 2017.\u200F';
  await page.evaluate((t) => {
    const el = document.querySelector('#input');
    el.value = t;
    el.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste' }));
  }, text);
  n = await waitForAnalysis(page, n);
  const r = await page.evaluate(() => ({
    text: document.querySelector('#reader').textContent,
    markers: [...document.querySelectorAll('#reader span.bidi')].map((s) => [s.dataset.bidi, s.title, s.textContent.codePointAt(0).toString(16), getComputedStyle(s, '::before').content]),
    marks: [...document.querySelectorAll('#reader mark.hl[data-kind="percent"], #reader mark.hl[data-kind="date"]')].map((m) => m.textContent),
  }));
  assert.equal(r.text, text);
  assert.deepEqual(r.markers.map((m) => m.slice(0, 3)), [
    ['RLO', 'U+202E RIGHT-TO-LEFT OVERRIDE (an invisible character that reorders text)', '202e'],
    ['PDF', 'U+202C POP DIRECTIONAL FORMATTING (an invisible character that reorders text)', '202c'],
    ['LRI', 'U+2066 LEFT-TO-RIGHT ISOLATE (an invisible character that reorders text)', '2066'],
    ['PDI', 'U+2069 POP DIRECTIONAL ISOLATE (an invisible character that reorders text)', '2069'],
    ['RLM', 'U+200F RIGHT-TO-LEFT MARK (an invisible character that reorders text)', '200f'],
  ]);
  assert.match(r.markers[0][3], /RLO/);
  // Highlights after the controls still cover exactly their words: the offsets did not shift.
  assert.deepEqual(r.marks.sort(), ['3 May 2020', '42%', 'February 11, 2017'].sort());
  // Visually, the RLO does not reverse what follows: "the mayor" still reads left to right.
  const order = await page.evaluate(() => {
    const reader = document.querySelector('#reader');
    const walker = document.createTreeWalker(reader, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const i = node.data.indexOf('the mayor');
      if (i < 0) continue;
      const rect = (k) => { const rg = document.createRange(); rg.setStart(node, i + k); rg.setEnd(node, i + k + 1); return rg.getBoundingClientRect().left; };
      return [rect(0), rect(8)];
    }
    return null;
  });
  assert.ok(order && order[0] < order[1], `"t" is left of "r": ${order}`);
  await context.close();
});

test('CSP: the served page has the full policy; no inline script, handler or style attribute; no violation on the seed article', async () => {
  const html = await (await fetch(server.url)).text();
  assert.equal(html, readFileSync(path.join(WWW, 'index.html'), 'utf8'));
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(csp, 'CSP meta present');
  for (const d of [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
  ]) {
    assert.ok(csp.split(';').map((s) => s.trim()).includes(d), `CSP has ${d}: ${csp}`);
  }
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'no inline script');
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline handler');
  assert.doesNotMatch(html, /\sstyle\s*=/i, 'no style attribute');
  assert.doesNotMatch(html, /<style[\s>]/i, 'no style element');
  // The app's own code never builds HTML from strings.
  for (const f of ['boot.js', 'app.js', 'render.js', 'dom.js', 'panels.js', 'worker.js']) {
    const src = readFileSync(path.join(WWW, f), 'utf8');
    assert.doesNotMatch(src, /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/, f);
  }

  const { context, audit, page } = await setupPage();
  await page.goto(server.url);
  let n = await waitForAnalysis(page);
  await page.evaluate((t) => {
    const el = document.querySelector('#input');
    el.value = t + ' ';
    el.dispatchEvent(new InputEvent('input'));
  }, SAMPLE);
  n = await waitForAnalysis(page, n);
  await page.click('#settings-toggle');
  await page.click('#kinds-all');
  await page.hover('mark.hl');
  assert.ok((await page.$$eval('mark.hl', (e) => e.length)) > 50);
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no securitypolicyviolation event');
  assert.deepEqual(audit.cspViolations, []);
  await context.close();
});

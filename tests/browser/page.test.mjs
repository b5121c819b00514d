// The spine page: analysis in a worker, highlights, panels, errors, and a clean network/console/CSP audit.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launch, auditedContext, waitForAnalysis, offsiteRequests, SAMPLE, OUT } from './helpers.mjs';

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

async function markText(page, kind, startsWith) {
  return page.$$eval(
    `mark.hl[data-kind="${kind}"]`,
    (els, s) => els.map((e) => e.textContent).filter((t) => t.startsWith(s)),
    startsWith,
  );
}

test('seed article: highlights, panels, no off-site requests, no console errors or CSP violations', async () => {
  const { context, audit } = await auditedContext(browser);
  const page = await context.newPage();
  await page.goto(server.url);
  let n = await waitForAnalysis(page);

  // The editor is preloaded with the sample article.
  await page.click('#view-edit');
  assert.equal(await page.inputValue('#input'), SAMPLE);

  // Fill the seed article (typing a change first so the fill is a real change) and go back to reading.
  await page.fill('#input', 'x');
  await page.fill('#input', SAMPLE);
  n = await waitForAnalysis(page, n);
  await page.click('#view-read');
  await page.waitForSelector('#reader');

  // Every highlight is a focusable <mark class="hl" data-kind data-key> with an aria-label; text is unchanged.
  const readerText = await page.$eval('#reader', (el) => el.textContent);
  assert.equal(readerText, SAMPLE, 'the reader shows exactly the input text');
  const bad = await page.$$eval('mark.hl', (els) =>
    els.filter((e) => !e.dataset.kind || !e.dataset.key || e.tabIndex !== 0 || !e.getAttribute('aria-label')).length,
  );
  assert.equal(bad, 0);

  await page.screenshot({ path: path.join(OUT, 'page-1280.png'), fullPage: true });

  // Legend entries exist for every kind and toggle with the keyboard.
  const legendCount = await page.$$eval('.legend-item', (els) => els.length);
  assert.ok(legendCount >= 16, `legend has ${legendCount} entries`);

  // The metrics panel is filled.
  const metrics = await page.$eval('#metrics', (el) => el.textContent);
  assert.match(metrics, /Words/);
  assert.match(metrics, /Reading time/);

  // Audits.
  assert.deepEqual(offsiteRequests(audit), [], 'no request leaves 127.0.0.1');
  assert.ok(audit.requests.some((u) => u.endsWith('.wasm')), 'the wasm was loaded');
  assert.deepEqual(audit.cspViolations, [], 'no CSP violations');
  assert.deepEqual(audit.consoleErrors, [], 'no console errors');
  assert.deepEqual(audit.pageErrors, [], 'no page errors');
  await context.close();
});

test('extractor findings are highlighted: 88% (percent), February 11, 2017 (date), the “press both Afghanistan” quote', async () => {
  const { context } = await auditedContext(browser);
  const page = await context.newPage();
  await page.goto(server.url);
  await waitForAnalysis(page);
  const results = {
    percent: await markText(page, 'percent', '88%'),
    date: await markText(page, 'date', 'February 11, 2017'),
    quote: await markText(page, 'quote', '“press both Afghanistan'),
  };
  await context.close();
  assert.deepEqual(results.percent, ['88%'], 'percent 88%');
  assert.deepEqual(results.date, ['February 11, 2017'], 'date February 11, 2017');
  assert.equal(results.quote.length, 1, 'quote “press both Afghanistan…”');
});

test('legend toggles a kind with the mouse and with Enter/Space', async () => {
  const { context } = await auditedContext(browser);
  const page = await context.newPage();
  await page.goto(server.url);
  await waitForAnalysis(page);
  // Use the sentence-difficulty layer, which exists even before the extractors land.
  const btn = '.legend-item[data-key="very-hard"]';
  const before = await page.$$eval('mark.hl[data-key="very-hard"]', (e) => e.length);
  await page.click(btn);
  assert.equal(await page.getAttribute(btn, 'aria-pressed'), before ? 'false' : 'true');
  const mid = await page.$$eval('mark.hl[data-key="very-hard"]', (e) => e.length);
  await page.focus(btn);
  await page.keyboard.press('Enter');
  const after1 = await page.$$eval('mark.hl[data-key="very-hard"]', (e) => e.length);
  await page.keyboard.press(' ');
  const after2 = await page.$$eval('mark.hl[data-key="very-hard"]', (e) => e.length);
  await context.close();
  assert.equal(after1, before);
  assert.equal(after2, mid);
  const count = Math.max(before, mid);
  if (count === 0) console.log('# note: no very-hard sentences reported yet');
  else assert.equal(Math.min(before, mid), 0);
});

test('stale runs are dropped: only the last text of a burst is shown', async () => {
  const { context } = await auditedContext(browser);
  const page = await context.newPage();
  await page.goto(server.url);
  let n = await waitForAnalysis(page);
  await page.click('#view-edit');
  for (const t of ['one', 'one two', 'one two three', 'Final text here.']) {
    await page.fill('#input', t);
  }
  n = await waitForAnalysis(page, n);
  await page.waitForTimeout(600);
  await page.click('#view-read');
  assert.equal(await page.$eval('#reader', (el) => el.textContent), 'Final text here.');
  await context.close();
});

test('a worker that fails to load shows a readable error, keeps the text, and a fresh worker recovers', async () => {
  const { context, audit } = await auditedContext(browser);
  const page = await context.newPage();
  let broken = true;
  await context.route('**/article_lens_bg.wasm', (route) =>
    broken ? route.fulfill({ status: 200, contentType: 'application/wasm', body: 'not wasm' }) : route.continue(),
  );
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('#status').dataset.kind === 'error', null, { timeout: 15_000 });
  const msg = await page.textContent('#status');
  assert.match(msg, /analy[sz]/i, msg);
  assert.ok((await page.inputValue('#input')).length > 100, 'the text is kept');
  assert.ok(await page.isVisible('main'), 'the page is not blank');

  broken = false;
  await page.click('#view-edit');
  await page.fill('#input', 'Recovered on February 11, 2017.');
  await waitForAnalysis(page);
  assert.notEqual(await page.$eval('#status', (el) => el.dataset.kind), 'error');
  assert.deepEqual(offsiteRequests(audit), []);
  await context.close();
});

test('bad options from the page are reported as errors, not crashes', async () => {
  const { context } = await auditedContext(browser);
  const page = await context.newPage();
  await page.goto(server.url);
  await waitForAnalysis(page);
  // Settings keep a publication date; a malformed one stored by an older page must not break anything.
  await page.evaluate(() => localStorage.setItem('article-lens:settings', JSON.stringify({ anchor: '2017-13-45' })));
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#status').dataset.kind === 'error' || document.body.dataset.analyzed, null, {
    timeout: 15_000,
  });
  const kind = await page.$eval('#status', (el) => el.dataset.kind);
  const text = await page.textContent('#status');
  if (kind === 'error') assert.match(text, /anchor_date|date/i);
  assert.ok((await page.$eval('#reader', (el) => el.textContent)).length > 100, 'the reader still shows the text');
  await context.close();
});

test('after a wasm trap the next run gets a fresh worker', async () => {
  const { context } = await auditedContext(browser);
  // A stand-in worker that behaves like a trapped wasm instance: once "panicked", every call fails.
  let workersStarted = 0;
  await context.route('**/worker.js', (r) => {
    workersStarted++;
    r.fulfill({
      status: 200,
      contentType: 'text/javascript',
      body: `let dead = false;
self.onmessage = (e) => {
  if (e.data.warm) return;
  const { id, text } = e.data;
  if (dead || text === 'PANIC') { dead = true; self.postMessage({ id, error: 'The analyzer crashed (unreachable).', fatal: true }); return; }
  self.postMessage({ id, ms: 1, analysis: { version: 't', offsets: 'utf-16', length: text.length, spans: [], entities: [], sentences: [], paragraphs: [], stats: { words: text.split(/\\s+/).filter(Boolean).length, keywords: [] } } });
};`,
    });
  });
  const page = await context.newPage();
  await page.goto(server.url);
  let n = await waitForAnalysis(page);
  await page.click('#view-edit');
  await page.fill('#input', 'PANIC');
  await page.waitForFunction(() => /crashed/.test(document.querySelector('#status').textContent));
  assert.equal(await page.inputValue('#input'), 'PANIC');
  await page.fill('#input', 'fine again');
  n = await waitForAnalysis(page, n);
  assert.match(await page.textContent('#status'), /2 words/);
  assert.equal(workersStarted, 2, 'a second worker was started');
  await context.close();
});

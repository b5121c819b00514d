// The renderer on a full, hand-made analysis (every kind present), independent of the extractors:
// nesting, aria-labels, tooltips, entity stepping, and preview screenshots.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launch, auditedContext, waitForAnalysis, SAMPLE, OUT } from './helpers.mjs';
import { fakeWorkerSource } from './fake-analysis.mjs';

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

async function fakePage(opts = {}) {
  const { context, audit } = await auditedContext(browser, opts);
  await context.route('**/worker.js', (r) => r.fulfill({ status: 200, contentType: 'text/javascript', body: fakeWorkerSource() }));
  const page = await context.newPage();
  await page.goto(server.url);
  await waitForAnalysis(page);
  return { context, page, audit };
}

test('a name inside a quote stays visible inside it; text is unchanged', async () => {
  const { context, page, audit } = await fakePage();
  assert.equal(await page.$eval('#reader', (el) => el.textContent), SAMPLE);
  const inner = await page.$$eval('mark.hl[data-kind="quote"][data-role="statement"] mark.hl[data-kind="place"]', (els) => els.map((e) => e.textContent));
  assert.ok(inner.includes('Afghanistan'), `places inside statements: ${inner}`);
  const label = await page.$eval('mark.hl[data-kind="date"]', (el) => el.getAttribute('aria-label'));
  assert.equal(label, 'date: February 11, 2017 (2017-02-11)');
  assert.ok(await page.$('mark.hl[data-kind="place"][data-entity]'));
  assert.deepEqual(audit.consoleErrors, []);
  await context.close();
});

test('focus on a highlight shows its details; an entity steps through its mentions', async () => {
  const { context, page } = await fakePage();
  await page.focus('mark.hl[data-kind="percent"]');
  await page.waitForSelector('#tip:not([hidden])');
  const tip = await page.textContent('#tip');
  assert.match(tip, /Percent/i);
  assert.match(tip, /88/);
  await page.screenshot({ path: path.join(OUT, 'preview-tooltip.png') });

  await page.click('button.entity[data-key="place"]');
  await page.waitForSelector('#entity-nav:not([hidden])');
  const pos1 = await page.textContent('#entity-nav-pos');
  assert.match(pos1, /^1 of \d+/);
  await page.click('#entity-next');
  assert.match(await page.textContent('#entity-nav-pos'), /^2 of \d+/);
  const focused = await page.evaluate(() => document.activeElement.matches('mark.hl.selected'));
  assert.ok(focused, 'the mention is focused');
  await context.close();
});

for (const [name, viewport] of [['1280', { width: 1280, height: 800 }], ['390', { width: 390, height: 844 }]]) {
  for (const scheme of ['light', 'dark']) {
    test(`preview screenshot ${name} ${scheme}`, async () => {
      const { context, page } = await fakePage({ viewport, colorScheme: scheme });
      await page.click('.legend-layer:has-text("Style")');
      await page.screenshot({ path: path.join(OUT, `preview-${name}-${scheme}.png`) });
      if (name === '390') {
        await page.$eval('#panel-stats', (el) => el.scrollIntoView());
        await page.screenshot({ path: path.join(OUT, `preview-${name}-${scheme}-panels.png`) });
      }
      await context.close();
    });
  }
}

test('a 1 MB text with ~28,000 highlights is built in slices, painted between them, and keeps its text', async () => {
  const { context } = await auditedContext(browser);
  await context.route('**/worker.js', (r) =>
    r.fulfill({
      status: 200,
      contentType: 'text/javascript',
      body: `self.onmessage = (e) => { if (e.data.warm) return; const { id, text } = e.data; const spans = []; const re = /[A-Z][a-z]+/g; let m;
  while ((m = re.exec(text))) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'place', text: m[0], sentence: 0, entity: 0 });
  self.postMessage({ id, ms: 1, analysis: { version: 't', offsets: 'utf-16', length: text.length, spans,
    entities: [{ id: 0, kind: 'place', name: 'X', mentions: [], count: spans.length, salience: 1 }], sentences: [], paragraphs: [], stats: { words: 1, keywords: [] } } }); };`,
    }),
  );
  const page = await context.newPage();
  await page.goto(server.url);
  let n = await waitForAnalysis(page);
  /** In the Edit view, replaces the text as typing would and waits for its analysis. */
  const editTo = async (t) => {
    await page.click('#view-edit');
    await page.evaluate((t) => {
      const i = document.querySelector('#input');
      i.value = t;
      i.dispatchEvent(new Event('input'));
    }, t);
    n = await waitForAnalysis(page, n);
  };
  const big = SAMPLE.repeat(330);
  await editTo(big);
  const t0 = Date.now();
  // The reader is built in slices: frames come while it is being built, each showing more of it.
  const seen = await page.evaluate(() => {
    const counts = [];
    const frame = (resolve) => {
      counts.push(document.querySelectorAll('#reader mark.hl').length);
      const d = document.body.dataset;
      if (d.rendered === d.analyzed) resolve(counts);
      else requestAnimationFrame(() => frame(resolve));
    };
    return new Promise((resolve) => {
      document.getElementById('view-read').click();
      requestAnimationFrame(() => frame(resolve));
    });
  });
  const ms = Date.now() - t0;
  const marks = await page.$$eval('mark.hl', (e) => e.length);
  assert.ok(marks > 25_000, `${marks} marks`);
  const partial = seen.filter((c) => c > 0 && c < marks);
  assert.ok(partial.length >= 2, `frames while building showed ${JSON.stringify(seen.slice(0, 20))} of ${marks} marks`);
  assert.equal(await page.$eval('#reader', (el) => el.textContent.length), big.length);
  assert.ok(ms < 10_000, `render took ${ms} ms`);
  console.log(`# 1 MB, ${marks} marks rendered in ${ms} ms, ${partial.length} frames while building`);

  // A print while a long text is being built prints all of it: the rest is built before the print.
  const big2 = big + ' More.';
  await editTo(big2);
  const atPrint = await page.evaluate(() => {
    document.getElementById('view-read').click();
    return new Promise((resolve) => {
      const frame = () => {
        const reader = document.getElementById('reader');
        const built = reader.querySelectorAll('mark.hl').length;
        const d = document.body.dataset;
        if (d.rendered === d.analyzed) return resolve({ missed: true });
        if (built === 0) return requestAnimationFrame(frame);
        window.dispatchEvent(new Event('beforeprint'));
        const after = { before: built, marks: reader.querySelectorAll('mark.hl').length, length: reader.textContent.length };
        window.dispatchEvent(new Event('afterprint'));
        resolve(after);
      };
      requestAnimationFrame(frame);
    });
  });
  assert.ok(!atPrint.missed, 'the print came while the text was being built');
  assert.ok(atPrint.before < marks, `${atPrint.before} of ${marks} marks built before the print`);
  assert.equal(atPrint.length, big2.length, 'the whole text is in the reader for the print');
  assert.ok(atPrint.marks >= marks, `${atPrint.marks} marks at the print`);
  await page.waitForFunction(() => document.body.dataset.rendered === document.body.dataset.analyzed);
  assert.equal(await page.$eval('#reader', (el) => el.textContent.length), big2.length, 'nothing built twice');
  await context.close();
});

// The page as a product: layers, exports, share links, persistence, views, screenshots, accessibility.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { startServer, launch, auditedContext, waitForAnalysis, offsiteRequests, SAMPLE, OUT, WWW, ROOT } from './helpers.mjs';
import { fakeAnalysis, fakeWorkerSource } from './fake-analysis.mjs';

let server;
let browser;
let wasm;

before(async () => {
  server = await startServer();
  browser = await launch();
  wasm = await import(path.join(WWW, 'pkg/article_lens.js'));
  await wasm.default({ module_or_path: readFileSync(path.join(WWW, 'pkg/article_lens_bg.wasm')) });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(opts = {}, fake = null) {
  const { context, audit } = await auditedContext(browser, { acceptDownloads: true, ...opts });
  if (fake) await context.route('**/worker.js', (r) => r.fulfill({ status: 200, contentType: 'text/javascript', body: fake }));
  const page = await context.newPage();
  await page.goto(opts.url || server.url);
  const n = await waitForAnalysis(page);
  return { context, page, audit, n };
}

const count = (page, key) => page.$$eval(`mark.hl[data-key="${key}"]`, (e) => e.length);

test('layers: a layer button toggles all its kinds; counts are shown', async () => {
  const { context, page } = await open({}, fakeWorkerSource());
  assert.ok((await count(page, 'place')) > 10);
  assert.equal(await page.textContent('.legend-item[data-key="place"] .count'), '37');
  const names = page.locator('.legend-layer', { hasText: 'Names' });
  await names.click();
  for (const k of ['person', 'organization', 'place', 'group']) assert.equal(await count(page, k), 0, k);
  assert.ok((await count(page, 'date')) > 0, 'other layers stay');
  await names.click();
  assert.ok((await count(page, 'place')) > 10);
  // The style layer is off by default; turning it on shows sentences and style spans.
  assert.equal(await count(page, 'hard'), 0);
  await page.locator('.legend-layer', { hasText: 'Style' }).click();
  assert.ok((await count(page, 'hard')) > 0);
  assert.equal(await count(page, 'adverb'), 1);
  // Kinds shown survive a reload.
  await page.reload();
  await waitForAnalysis(page);
  assert.ok((await count(page, 'hard')) > 0);
  await context.close();
});

test('export JSON parses and equals what analyze() returns', async () => {
  const { context, page } = await open();
  await page.click('#panel-export summary');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export="json"]')]);
  assert.equal(dl.suggestedFilename(), 'article-lens.json');
  const got = JSON.parse(readFileSync(await dl.path(), 'utf8'));
  const want = JSON.parse(JSON.stringify(wasm.analyze(SAMPLE, undefined)));
  assert.deepEqual(got, want);
  await context.close();
});

test('CSV exports neutralise formula injection', async () => {
  const a = fakeAnalysis();
  a.entities[0].name = '=HYPERLINK("x")';
  a.entities[1].name = '+1 (555) 0100';
  const { context, page } = await open({}, fakeWorkerSource(a));
  const cell = await page.evaluate(async () => {
    const m = await import('./export.js');
    return ['=HYPERLINK("x")', '-2', '@SUM(A1)', '\tx', '\rx', 'plain', 'a,b'].map(m.csvCell);
  });
  assert.deepEqual(cell, [`"'=HYPERLINK(""x"")"`, `'-2`, `'@SUM(A1)`, `'\tx`, `"'\rx"`, 'plain', '"a,b"']);
  await page.click('#panel-export summary');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export="entities"]')]);
  const csv = readFileSync(await dl.path(), 'utf8');
  assert.match(csv, /"'=HYPERLINK\(""x""\)"/);
  assert.match(csv, /,'\+1 \(555\) 0100,/);
  assert.doesNotMatch(csv, /(^|,)"?=HYPERLINK/m);
  for (const id of ['statistics', 'dates', 'quotes', 'markdown']) {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(`button[data-export="${id}"]`)]);
    assert.ok(readFileSync(await d.path(), 'utf8').length > 20, id);
  }
  await context.close();
});

test('share link round trip restores the text exactly (emoji, RTL, CRLF)', async () => {
  const text = 'Hello 👋🏽 world — שלום עולם, مرحبا بالعالم\u200f!\r\nZoë said “yes” on 3 March 2021. 𝒳 ☃\n\n\tend';
  const { context, page } = await open({ permissions: ['clipboard-read', 'clipboard-write'] });
  await page.click('#view-edit');
  await page.fill('#input', text);
  await page.click('#share');
  await page.waitForSelector('#share-url');
  const url = await page.inputValue('#share-url');
  assert.match(url, /#t=[A-Za-z0-9_-]+$/);
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clip, url);
  await context.close();

  // A fresh browser profile (no stored text) opens the link. A textarea holds line ends as LF,
  // so the editor's text (what the link carries) is the input with CR LF turned into LF.
  const fresh = await auditedContext(browser);
  const p2 = await fresh.context.newPage();
  await p2.goto(url);
  await waitForAnalysis(p2);
  const editorText = text.replace(/\r\n/g, '\n');
  assert.equal(await p2.inputValue('#input'), editorText);
  assert.equal(await p2.evaluate(async (u) => (await import('./share.js')).decodeFragment(new URL(u).hash), url), editorText);
  // The codec itself is exact for any string, CR included.
  const codec = await p2.evaluate(async (s) => {
    const m = await import('./share.js');
    return m.decodeFragment('#' + (await m.encodeText(s)));
  }, text);
  assert.equal(codec, text);
  assert.equal(new URL(p2.url()).hash, '', 'the fragment is dropped after restoring');
  assert.deepEqual(offsiteRequests(fresh.audit), []);
  await fresh.context.close();
});

test('a too-long text is refused for links with a message', async () => {
  const { context, page } = await open();
  const big = Array.from({ length: 6000 }, (_, i) => `w${(i * 7919) % 100003}x${i}`).join(' ');
  await page.click('#view-edit');
  await page.fill('#input', big);
  await page.click('#share');
  await page.waitForFunction(() => /too long/.test(document.querySelector('#status').textContent));
  await context.close();
});

test('reload restores the text; Clear asks first', async () => {
  const { context, page, n } = await open();
  await page.click('#view-edit');
  const text = 'Kept across reloads: 42% of 7 people on 1 May 2020. 🙂';
  await page.fill('#input', text);
  await waitForAnalysis(page, n);
  await page.waitForTimeout(400);
  await page.reload();
  await waitForAnalysis(page);
  assert.equal(await page.inputValue('#input'), text);

  await page.click('#clear');
  await page.waitForSelector('dialog[open]');
  await page.click('dialog button[value="cancel"]');
  assert.equal(await page.inputValue('#input'), text);
  await page.click('#clear');
  await page.click('dialog button[value="clear"]');
  // The dialog's close event (which clears and stores) is a task queued after the click returns.
  await page.waitForFunction(() => document.querySelector('#input').value === '', null, { timeout: 5000 }).catch(() => {});
  assert.equal(await page.inputValue('#input'), '');
  await page.reload();
  await waitForAnalysis(page);
  assert.equal(await page.inputValue('#input'), '');
  await page.click('#sample');
  await page.waitForFunction((s) => document.querySelector('#input').value === s, SAMPLE);
  await context.close();
});

test('a full storage is reported, and the page keeps working', async () => {
  const { context, audit } = await auditedContext(browser);
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  const page = await context.newPage();
  await page.goto(server.url);
  let n = await waitForAnalysis(page);
  await page.click('#view-edit');
  await page.fill('#input', 'A new text on 1 May 2020.');
  n = await waitForAnalysis(page, n);
  await page.waitForFunction(() => /storage is full/.test(document.querySelector('#status').textContent));
  assert.equal(await page.inputValue('#input'), 'A new text on 1 May 2020.');
  assert.deepEqual(audit.pageErrors, []);
  await context.close();
});

test('switching between reading and editing keeps the scroll position', async () => {
  const { context, page } = await open({ viewport: { width: 1280, height: 600 } });
  await page.$eval('#reader', (el) => (el.scrollTop = 400));
  await page.click('#view-edit');
  const top = await page.$eval('#input', (el) => el.scrollTop);
  assert.ok(Math.abs(top - 400) < 40, `textarea scrollTop ${top}`);
  await page.$eval('#input', (el) => (el.scrollTop = 200));
  await page.click('#view-read');
  const top2 = await page.$eval('#reader', (el) => el.scrollTop);
  assert.ok(Math.abs(top2 - 200) < 40, `reader scrollTop ${top2}`);
  await context.close();
});

test('a new text read right after editing opens at the same place; a long text gets a full strip', async () => {
  const { context, page } = await open({ viewport: { width: 1280, height: 700 } });
  // Over 100,000 characters: the reader lays out only the lines on screen, and the strip places its
  // ticks by character offset.
  const line = (i) => `Paragraph ${i}: Maria Lopez told the council in Leeds on 3 May 2019 that 1,${String(i % 1000).padStart(3, '0')} homes were empty.`;
  const text = Array.from({ length: 1300 }, (_, i) => line(i)).join('\n');
  assert.ok(text.length > 100_000);
  const n0 = await page.evaluate(() => Number(document.body.dataset.analyzed));
  await page.click('#view-edit');
  await page.$eval('#input', (el, t) => {
    el.value = t;
    el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
  }, text);
  await page.click('#view-read');
  await waitForAnalysis(page, n0);
  assert.equal(await page.$eval('#reader', (el) => el.classList.contains('big')), true);
  const frac = await page.$eval('#reader', (el) => el.scrollTop / (el.scrollHeight - el.clientHeight));
  assert.ok(Math.abs(frac - 0.5) < 0.15, `reader opened at ${frac.toFixed(2)} of the text`);
  await page.waitForFunction(() => document.querySelectorAll('#strip rect.tick').length > 10);
  const ys = await page.$$eval('#strip rect.tick', (ts) => ts.map((t) => Number(t.getAttribute('y'))));
  const h = await page.$eval('#reader', (el) => el.clientHeight);
  assert.ok(Math.min(...ys) < 0.05 * h && Math.max(...ys) > 0.9 * h, `ticks from ${Math.min(...ys)} to ${Math.max(...ys)} of ${h}`);
  await context.close();
});

test('long lists show 200 rows and a "Show all" button that adds the rest; a pressed name unpresses', async () => {
  const { context, page, audit } = await open();
  const pressed = () => page.$$eval('button.entity[aria-pressed="true"]', (b) => b.length);
  await page.locator('button.entity').first().click();
  assert.equal(await pressed(), 1);
  await page.locator('button.entity').first().click();
  assert.equal(await pressed(), 0, 'a second click clears the selection');
  assert.equal(await page.$$eval('#reader mark.selected', (m) => m.length), 0);
  // The ✕ of the mention bar clears it too, and the button shows it.
  await page.locator('button.entity').first().click();
  await page.click('#entity-clear');
  assert.equal(await pressed(), 0, 'cleared from the mention bar');

  const text = Array.from({ length: 260 }, (_, i) => `Item ${i + 1}: the store sold ${i + 3} chairs and ${i + 500} tables.`).join('\n');
  const n0 = await page.evaluate(() => Number(document.body.dataset.analyzed));
  await page.click('#view-edit');
  await page.fill('#input', text);
  await waitForAnalysis(page, n0);
  const rows = () => page.$$eval('#stats tbody tr:not(.more-row)', (r) => r.length);
  assert.equal(await rows(), 200);
  const more = page.locator('#stats button.more');
  const label = await more.textContent();
  const total = Number(/Show all ([\d,]+)/.exec(label)[1].replace(/,/g, ''));
  assert.ok(total > 500, label);
  await more.focus();
  await page.keyboard.press('Enter');
  assert.equal(await rows(), total);
  assert.equal(await page.$$eval('#stats button.more', (b) => b.length), 0);
  // Focus moves to the first row added.
  const focusedRow = await page.evaluate(() => [...document.querySelectorAll('#stats tbody tr')].indexOf(document.activeElement.closest('tr')));
  assert.equal(focusedRow, 200);
  // Printing shows every list whole: a text with over 200 dates, whose list expands before the print.
  assert.equal(await page.$$eval('#dates button.more', (b) => b.length), 0, 'no dates in the first text');
  const items = () => page.$$eval('#entities li:not(.more-row), #quotes li:not(.more-row), #dates li:not(.more-row)', (l) => l.length);
  const text2 = Array.from({ length: 230 }, (_, i) => `On ${(i % 28) + 1} March ${1800 + i} the store sold ${i + 3} chairs.`).join('\n');
  const n1 = await page.evaluate(() => Number(document.body.dataset.analyzed));
  await page.fill('#input', text2);
  const n2 = await waitForAnalysis(page, n1);
  assert.equal(await page.$$eval('#dates button.more', (b) => b.length), 1);
  const before = await items();
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.$$eval('button.more', (b) => b.length), 0, 'no Show all button left for the print');
  assert.ok((await items()) >= before + 30, `${before} items before the print`);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  // The timeline draws one dot per pixel: 60 dates in one March and one in 1990 make a handful of dots,
  // each counting the dates it stands for.
  const text3 = Array.from({ length: 60 }, (_, i) => `On ${(i % 28) + 1} March 2001 the store sold ${i + 3} chairs.`).join('\n') + '\nIt opened in 1990.';
  await page.fill('#input', text3);
  await waitForAnalysis(page, n2);
  const titles = await page.$$eval('#timeline-chart circle title', (t) => t.map((e) => e.textContent));
  assert.ok(titles.length >= 2 && titles.length <= 6, `${titles.length} dots: ${titles.join(' | ')}`);
  const counted = titles.reduce((n, t) => n + 1 + Number((/and (\d+) more here/.exec(t) || [0, 0])[1]), 0);
  assert.equal(counted, 61, titles.join(' | '));
  assert.deepEqual(audit.pageErrors, []);
  await context.close();
});

for (const [name, viewport] of [['1280', { width: 1280, height: 800 }], ['390', { width: 390, height: 844 }]]) {
  for (const scheme of ['light', 'dark']) {
    test(`screenshot ${name}×${viewport.height} ${scheme}`, async () => {
      const { context, page, audit } = await open({ viewport, colorScheme: scheme });
      await page.screenshot({ path: path.join(OUT, `product-${name}-${scheme}.png`) });
      assert.deepEqual(audit.consoleErrors, []);
      await context.close();
    });
  }
}

test('settings: publication date is passed as anchor_date; theme switches and persists', async () => {
  const { context, page, n } = await open();
  await page.click('#settings-toggle');
  await page.fill('#anchor-date', '2020-05-01');
  await page.dispatchEvent('#anchor-date', 'change');
  await waitForAnalysis(page, n);
  await page.click('#panel-export summary');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export="json"]')]);
  const got = JSON.parse(readFileSync(await dl.path(), 'utf8'));
  const want = JSON.parse(JSON.stringify(wasm.analyze(SAMPLE, { anchor_date: '2020-05-01' })));
  assert.deepEqual(got, want);
  await page.selectOption('#theme', 'dark');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  const bg = await page.$eval('body', (el) => getComputedStyle(el).backgroundColor);
  assert.equal(bg, 'rgb(21, 23, 26)');
  await page.reload();
  await waitForAnalysis(page);
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await page.inputValue('#anchor-date'), '2020-05-01');
  await context.close();
});

test('keyboard: highlights are reachable with Tab and show their details', async () => {
  const { context, page } = await open({}, fakeWorkerSource());
  await page.focus('#reader');
  await page.keyboard.press('Tab');
  const info = await page.evaluate(() => ({
    mark: document.activeElement.matches('mark.hl'),
    label: document.activeElement.getAttribute('aria-label'),
    tip: !document.querySelector('#tip').hidden,
  }));
  assert.ok(info.mark, 'a highlight has focus');
  assert.match(info.label, /^place: U\.S\./);
  assert.ok(info.tip, 'its details are shown');
  await page.keyboard.press('Escape');
  assert.equal(await page.isHidden('#tip'), true);
  await context.close();
});

test('print stylesheet shows the article, legend and fact sheet', async () => {
  const { context, page } = await open({}, fakeWorkerSource());
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.isVisible('#input'), false);
  assert.equal(await page.isVisible('#reader'), true);
  assert.equal(await page.isVisible('#summary'), true);
  assert.equal(await page.isVisible('.toolbar'), false);
  await page.screenshot({ path: path.join(OUT, 'product-print.png'), fullPage: true });
  await context.close();
});

test('axe-core: no serious or critical violations in light and dark', async () => {
  const axeSource = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const report = {};
  for (const scheme of ['light', 'dark']) {
    for (const fake of [false, true]) {
      const { context, page } = await open({ colorScheme: scheme, bypassCSP: true }, fake ? fakeWorkerSource() : null);
      // Every layer on, so every highlight colour is checked.
      await page.click('#settings-toggle');
      await page.click('#kinds-all');
      await page.click('#panel-export summary');
      await page.addScriptTag({ content: axeSource });
      const res = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, n: v.nodes.length, first: v.nodes[0]?.target?.join(' '), msg: v.nodes[0]?.failureSummary }));
      });
      report[`${scheme}${fake ? '-fake' : ''}`] = res;
      await context.close();
    }
  }
  const bad = Object.entries(report).flatMap(([k, vs]) => vs.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ theme: k, ...v })));
  assert.deepEqual(bad, [], JSON.stringify(report, null, 1));
});

// The seed article end to end in the real page (real wasm, no stand-ins): layers toggle, the entity
// panel lists Qamar Javed Bajwa with 3 mentions, the statistics table shows 88%, ≈ 4,000 (approx.),
// ≥ 200, 1,200–1,800, and the timeline lists 2004, 2007 and February 2017.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, auditedContext, waitForAnalysis, offsiteRequests } from './helpers.mjs';

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

const rows = (page, sel) => page.$$eval(sel, (els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));

test('seed article: entity panel, statistics table, timeline and layer toggles', async () => {
  const { context, audit } = await auditedContext(browser);
  const page = await context.newPage();
  await page.goto(server.url);
  await waitForAnalysis(page);

  const entities = await page.$eval('#entities', (e) => e.textContent.replace(/\s+/g, ' '));
  assert.match(entities, /Qamar Javed Bajwa ×3/);
  assert.match(entities, /Jim Mattis ×2/);
  assert.match(entities, /United States ×\d+/);

  const stats = await rows(page, '#stats tr');
  const row = (t) => stats.find((r) => r.startsWith(t)) || '';
  assert.match(row('88%'), /Percent/);
  assert.match(row('Some 4,000 people'), /≈ 4,000.*approx\./);
  assert.match(row('more than 200 children'), /≥ 200/);
  assert.match(row('1,200-1,800 people'), /1,200–1,800/);
  assert.match(row('tens of thousands of people'), /approx\./);

  const dates = await page.$eval('#dates', (e) => e.textContent);
  for (const iso of ['2004', '2007', '2017-02', '2017-02-09', '2017-02-11']) assert.ok(dates.includes(iso), `timeline lacks ${iso}`);

  // Names are shown; toggling the Person legend entry hides them and brings them back.
  const visiblePersons = () => page.$$eval('mark.hl[data-kind="person"]', (ms) => ms.filter((m) => m.getBoundingClientRect().width > 0 && getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)').length);
  const before = await visiblePersons();
  assert.ok(before >= 8, `${before} person highlights`);
  const toggle = page.locator('[data-key="person"]').first();
  await toggle.click();
  const off = await page.$$eval('mark.hl[data-kind="person"]', (ms) => ms.map((m) => getComputedStyle(m).backgroundColor));
  assert.ok(off.every((c) => c === 'rgba(0, 0, 0, 0)' || c === 'transparent'), `person highlights still coloured: ${off.slice(0, 3)}`);
  await toggle.click();
  assert.equal(await visiblePersons(), before);
  assert.deepEqual(offsiteRequests(audit), []);
  await context.close();
});

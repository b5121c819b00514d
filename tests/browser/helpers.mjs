// Shared set-up for the browser tests: a static server for www/, headless Chromium, and audits
// (every request stays on 127.0.0.1, no console errors, no CSP violations).

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WWW = path.join(ROOT, 'www');
export const OUT = path.join(ROOT, 'test-output');
mkdirSync(OUT, { recursive: true });

export const SAMPLE = readFileSync(path.join(WWW, 'sample.txt'), 'utf8');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `python3 -m http.server` on a free port; resolves to { url, stop }. */
export async function startServer() {
  const port = await freePort();
  const proc = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', WWW], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode != null) return resolve();
        proc.once('exit', resolve);
        proc.kill('SIGTERM');
      }),
  };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/**
 * A context that records every request URL, blocks anything not on 127.0.0.1, and collects console
 * errors, page errors and CSP violations into `audit`.
 */
export async function auditedContext(browser, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...opts });
  const audit = { requests: [], consoleErrors: [], pageErrors: [], cspViolations: [] };
  context.on('request', (r) => audit.requests.push(r.url()));
  await context.route((u) => u.hostname !== '127.0.0.1', (r) => r.abort());
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  context.on('console', (msg) => {
    if (msg.type() === 'error') {
      const text = msg.text();
      if (/Content Security Policy|CSP violation/i.test(text)) audit.cspViolations.push(text);
      audit.consoleErrors.push(text);
    }
  });
  context.on('page', (page) => page.on('pageerror', (e) => audit.pageErrors.push(String(e))));
  return { context, audit };
}

/** Waits until the page shows an analysis newer than `after` (the body's data-analyzed sequence number). */
export async function waitForAnalysis(page, after = 0) {
  await page.waitForFunction(
    (n) => {
      const d = document.body.dataset;
      if (!(Number(d.analyzed || 0) > n)) return false;
      // In the reading view, also until the highlights are all built (long texts are built in slices).
      return document.getElementById('viewport')?.dataset.view !== 'read' || d.rendered === d.analyzed;
    },
    after,
    { timeout: 20_000 },
  );
  return page.evaluate(() => Number(document.body.dataset.analyzed));
}

export function offsiteRequests(audit) {
  return audit.requests.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    return new URL(u).hostname !== '127.0.0.1';
  });
}

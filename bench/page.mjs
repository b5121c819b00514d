// The page in headless Chromium: time to the first rendered analysis of the sample article,
// time to analyze and render 1 MB, and the size of every file the page loads.
//
//   node bench/page.mjs WWW_DIR ONE_MB.txt OUT.json
//
// Each page load is in a fresh browser context (empty cache and storage, so the page shows the
// sample article); times are `performance.now()` in the page, i.e. from navigation start.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [www, oneMbPath, out] = process.argv.slice(2);
const LOADS = Number(process.env.BENCH_PAGE_LOADS || 5);
const ONE_MB_RUNS = Number(process.env.BENCH_PAGE_1MB_RUNS || 3);

// Launch flags from TOOLCHAIN.md (quiet network, no GPU).
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

// Runs in the page before its scripts: notes when the first highlight enters the DOM and the
// frame after it (the first rendered analysis).
function firstMarkProbe() {
  window.__bench = {};
  const obs = new MutationObserver(() => {
    if (window.__bench.mark == null && document.querySelector('mark.hl')) {
      window.__bench.mark = performance.now();
      obs.disconnect();
      requestAnimationFrame(() => {
        window.__bench.frame = performance.now();
      });
    }
  });
  obs.observe(document, { childList: true, subtree: true });
}

async function main() {
  const port = await freePort();
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', www], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  const result = { loads: [], files: [], one_mb: [] };
  try {
    // 1. Navigation → first rendered analysis of the sample article, fresh context each time.
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const requests = [];
      context.on('request', (r) => requests.push(r.url()));
      await context.route((u) => u.hostname !== '127.0.0.1', (r) => r.abort());
      await context.addInitScript(firstMarkProbe);
      const page = await context.newPage();
      const wall0 = performance.now();
      await page.goto(url);
      await page.waitForSelector('mark.hl', { state: 'attached', timeout: 60000 });
      await page.waitForFunction(() => window.__bench.frame != null, null, { timeout: 60000 });
      const wall = performance.now() - wall0;
      const probe = await page.evaluate(() => ({ ...window.__bench, status: document.getElementById('status')?.textContent || '' }));
      const analyzedIn = Number((probe.status.match(/analyzed in ([\d,]+) ms/) || [])[1]?.replace(/,/g, '')) || null;
      result.loads.push({ first_mark_ms: probe.mark, first_frame_ms: probe.frame, wall_ms: wall, worker_analyze_ms: analyzedIn });
      console.error(`page load ${i + 1}: first mark.hl ${probe.mark.toFixed(0)} ms, rendered frame ${probe.frame.toFixed(0)} ms (wall ${wall.toFixed(0)} ms; worker analyze ${analyzedIn} ms)`);
      if (i === 0) result.requests = [...new Set(requests)];

      // 2. Analyze and render 1 MB, in the first context only (the wasm is loaded by now).
      if (i === 0 && oneMbPath && existsSync(oneMbPath)) {
        const big = readFileSync(oneMbPath, 'utf8');
        for (let r = 0; r < ONE_MB_RUNS; r++) {
          // Swap texts so each run is a new analysis: Edit view, new text, then Read (analyzes at once,
          // without the typing debounce). Done = body[data-analyzed] changes (the panels are shown) and
          // body[data-rendered] equals it (the last slice of highlights is built), then two frames so
          // the render has been painted. Long tasks (> 50 ms on the page's main thread) are noted after
          // the click's own task (which lays out the 1 MB <textarea>: `click_ms`) to the end; the longest is
          // how long the page could not answer input while it analyzed and rendered.
          const text = r % 2 === 0 ? big : big + ' ';
          const m = await page.evaluate(async (t) => {
            const $ = (id) => document.getElementById(id);
            $('view-edit').click();
            $('input').value = t;
            const before = document.body.dataset.analyzed;
            const status = $('status');
            const tasks = [];
            let observer = null;
            try {
              observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
              observer.observe({ type: 'longtask' });
            } catch {
              /* no Long Tasks API: longest_task_ms stays null */
            }
            const t0 = performance.now();
            $('view-read').click();
            const clickMs = performance.now() - t0;
            await new Promise((resolve, reject) => {
              const deadline = t0 + 120000;
              const check = () => {
                const d = document.body.dataset;
                if (d.analyzed !== before && d.rendered === d.analyzed) {
                  requestAnimationFrame(() => requestAnimationFrame(resolve));
                } else if (status.dataset.kind === 'error') {
                  reject(new Error(status.textContent));
                } else if (performance.now() > deadline) {
                  reject(new Error('no analysis after 120 s'));
                } else setTimeout(check, 2);
              };
              check();
            });
            const ms = performance.now() - t0;
            await new Promise((r) => setTimeout(r, 0)); // the observer's last entries
            observer?.disconnect();
            // After the click's own task, which lays out the 1 MB <textarea> it leaves.
            const longest = observer ? Math.max(0, ...tasks.filter((e) => e.startTime >= t0 + clickMs).map((e) => e.duration)) : null;
            const analyzedIn = Number((status.textContent.match(/analyzed in ([\d,]+) ms/) || [])[1]?.replace(/,/g, '')) || null;
            return { ms, marks: document.querySelectorAll('mark.hl').length, worker_analyze_ms: analyzedIn, longest_task_ms: longest, click_ms: clickMs };
          }, text);
          result.one_mb.push(m);
          console.error(`1 MB run ${r + 1}: analyzed and rendered in ${m.ms.toFixed(0)} ms (worker analyze ${m.worker_analyze_ms} ms, ${m.marks} mark.hl, longest task after the click's ${m.click_ms.toFixed(0)} ms: ${m.longest_task_ms?.toFixed(0)} ms)`);
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }

  // 3. Every file the page requested: raw size on disk and gzip -9 size.
  for (const u of result.requests) {
    const { hostname, pathname } = new URL(u);
    if (hostname !== '127.0.0.1') {
      result.files.push({ url: u, external: true });
      continue;
    }
    let file = path.join(www, decodeURIComponent(pathname));
    if (pathname.endsWith('/')) file = path.join(file, 'index.html');
    if (!existsSync(file)) {
      result.files.push({ path: pathname, missing: true });
      continue;
    }
    const raw = statSync(file).size;
    const gz = spawnSync('gzip', ['-9', '-c', file], { maxBuffer: 1 << 28 }).stdout.length;
    result.files.push({ path: pathname, raw_bytes: raw, gzip_bytes: gz });
  }
  const files = result.files.filter((f) => f.raw_bytes != null);
  result.payload_raw_bytes = files.reduce((s, f) => s + f.raw_bytes, 0);
  result.payload_gzip_bytes = files.reduce((s, f) => s + f.gzip_bytes, 0);
  result.first_analysis_ms = median(result.loads.map((l) => l.first_frame_ms));
  result.first_mark_ms = median(result.loads.map((l) => l.first_mark_ms));
  result.one_mb_ms = result.one_mb.length ? median(result.one_mb.map((r) => r.ms)) : null;
  const longest = result.one_mb.map((r) => r.longest_task_ms).filter((x) => x != null);
  result.one_mb_longest_task_ms = longest.length ? median(longest) : null;
  writeFileSync(out, JSON.stringify(result, null, 1));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// Article Lens (wasm in Node) and compromise, on the same texts, in one Node process.
//
//   node bench/node.mjs throughput PKG_DIR TEXT_DIR OUT.json   wasm analyze + compromise throughput
//   node bench/node.mjs cold PKG_DIR SEED.txt                  one cold start (prints JSON)
//   node bench/node.mjs memory PKG_DIR TEXT.txt                 peak wasm memory, fresh instance (prints JSON)
//
// PKG_DIR is www/pkg: the same article_lens.js + article_lens_bg.wasm the page loads.
// MB = 10^6 bytes of UTF-8 input. Medians after a warm-up call.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [mode, pkgDir, ...rest] = process.argv.slice(2);
const glue = pathToFileURL(path.resolve(pkgDir, 'article_lens.js')).href;
const wasmPath = path.resolve(pkgDir, 'article_lens_bg.wasm');

const MIN_RUNS = 5;
const MAX_RUNS = 31;
const MIN_MS = 500;
const MAX_MS = 6000;

const cpuMs = (c) => (c.user + c.system) / 1000;

/** Warm-up, then timed runs; returns { median_ms, min_ms, cpu_ms, runs }. cpu_ms is this process's
 * CPU time (all its threads: V8's compiler and GC count), robust to other load on the machine. */
function bench(fn, { minRuns = MIN_RUNS, maxMs = MAX_MS, warmup = true } = {}) {
  if (warmup) fn();
  const times = [];
  const cpus = [];
  let total = 0;
  while (times.length < MAX_RUNS) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const dt = performance.now() - t0;
    cpus.push(cpuMs(process.cpuUsage(c0)));
    times.push(dt);
    total += dt;
    if (times.length >= minRuns && total >= MIN_MS) break;
    if (times.length >= Math.min(3, minRuns) && total >= maxMs) break;
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  return { median_ms: times[times.length >> 1], min_ms: times[0], cpu_ms: cpus[cpus.length >> 1], runs: times.length };
}

const TEXTS = ['seed', 'conll', 'syn-10k', 'syn-100k', 'syn-1m', 'syn-10m'];

async function loadWasm() {
  const m = await import(glue);
  const exports = await m.default({ module_or_path: readFileSync(wasmPath) });
  return { m, exports };
}

async function throughput(textDir, out) {
  const texts = TEXTS.filter((n) => existsSync(path.join(textDir, `${n}.txt`))).map((name) => {
    const text = readFileSync(path.join(textDir, `${name}.txt`), 'utf8');
    return { name, text, bytes: Buffer.byteLength(text) };
  });
  const { m } = await loadWasm();
  const result = { wasm: {}, compromise: {} };
  for (const { name, text, bytes } of texts) {
    let spans = 0;
    const t = bench(() => {
      spans = m.analyze(text, undefined).spans.length;
    });
    result.wasm[name] = { bytes, spans, ...t, mb_s: bytes / 1e6 / (t.median_ms / 1e3), mb_s_cpu: bytes / 1e6 / (t.cpu_ms / 1e3) };
    console.error(`wasm        ${name.padEnd(9)} ${String(bytes).padStart(9)} B  ${t.median_ms.toFixed(1).padStart(9)} ms wall ${t.cpu_ms.toFixed(1).padStart(9)} ms CPU  ${result.wasm[name].mb_s.toFixed(2).padStart(7)} MB/s  (${t.runs} runs)`);
  }

  // compromise: people, places, organizations, numbers, dates, as its README shows them.
  const nlp = (await import('compromise')).default;
  const datesPlugin = (await import('compromise-dates')).default;
  nlp.extend(datesPlugin);
  const compromiseOnce = (text) => {
    const doc = nlp(text);
    return (
      doc.people().out('array').length +
      doc.places().out('array').length +
      doc.organizations().out('array').length +
      doc.numbers().out('array').length +
      doc.dates().out('array').length
    );
  };
  // compromise runs at tens of KB/s: by default it skips texts over 1.1 MB (10 MB would take ~15 min).
  const maxBytes = Number(process.env.BENCH_COMPROMISE_MAX_BYTES || 1.1e6);
  compromiseOnce(texts[0].text); // load its lexicon and plugin once
  for (const { name, text, bytes } of texts) {
    if (bytes > maxBytes) {
      result.compromise[name] = { bytes, skipped: `over BENCH_COMPROMISE_MAX_BYTES=${maxBytes}` };
      console.error(`compromise  ${name.padEnd(9)} skipped (over ${maxBytes} bytes)`);
      continue;
    }
    let found = 0;
    const big = bytes > 2e5;
    // Large texts: one warm-up (small texts warmed it already) is skipped; 3 runs for the CoNLL text, 1 above.
    const t = bench(() => (found = compromiseOnce(text)), {
      warmup: !big,
      minRuns: bytes > 5e5 ? 1 : big ? 3 : MIN_RUNS,
      maxMs: big ? 0 : MAX_MS,
    });
    result.compromise[name] = { bytes, found, ...t, mb_s: bytes / 1e6 / (t.median_ms / 1e3), mb_s_cpu: bytes / 1e6 / (t.cpu_ms / 1e3) };
    console.error(`compromise  ${name.padEnd(9)} ${String(bytes).padStart(9)} B  ${t.median_ms.toFixed(1).padStart(9)} ms wall ${t.cpu_ms.toFixed(1).padStart(9)} ms CPU  ${result.compromise[name].mb_s.toFixed(3).padStart(7)} MB/s  (${t.runs} runs)`);
  }
  writeFileSync(out, JSON.stringify(result, null, 1));
}

async function cold(seedPath) {
  const seed = readFileSync(seedPath, 'utf8');
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const m = await import(glue);
  const bytes = readFileSync(wasmPath);
  const t1 = performance.now();
  const module = await WebAssembly.compile(bytes);
  const t2 = performance.now();
  // initSync: the async `init` touches Node's `fetch`/`Request` globals, whose first use loads
  // Node's HTTP client (~15-50 ms of Node's own start-up that a browser doesn't have).
  m.initSync({ module });
  const t3 = performance.now();
  const a = m.analyze(seed, undefined);
  const t4 = performance.now();
  if (!Array.isArray(a.spans)) throw new Error('no spans');
  const cpu = cpuMs(process.cpuUsage(c0));
  console.log(JSON.stringify({ total_ms: t4 - t0, cpu_ms: cpu, load_ms: t1 - t0, compile_ms: t2 - t1, instantiate_ms: t3 - t2, first_analyze_ms: t4 - t3 }));
}

async function memory(textPath) {
  const text = readFileSync(textPath, 'utf8');
  const { m, exports } = await loadWasm();
  const before = exports.memory.buffer.byteLength;
  const t0 = performance.now();
  const spans = m.analyze(text, undefined).spans.length;
  const ms = performance.now() - t0;
  // Linear memory only grows, so its size after the run is the peak.
  console.log(JSON.stringify({ bytes: Buffer.byteLength(text), spans, initial_bytes: before, peak_bytes: exports.memory.buffer.byteLength, first_run_ms: ms }));
}

if (mode === 'throughput') await throughput(rest[0], rest[1]);
else if (mode === 'cold') await cold(rest[0]);
else if (mode === 'memory') await memory(rest[0]);
else {
  console.error('usage: node bench/node.mjs throughput|cold|memory PKG_DIR ...');
  process.exit(2);
}

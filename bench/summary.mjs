// Merges the parts of one bench run (target/bench/*.json) into target/bench/summary.json and prints
// the table with PASS/FAIL against the issue's targets.  Usage: node bench/summary.mjs DIR
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { execSync } from 'node:child_process';
import path from 'node:path';

const dir = process.argv[2];
const read = (f) => (existsSync(path.join(dir, f)) ? JSON.parse(readFileSync(path.join(dir, f), 'utf8')) : null);
const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[xs.length >> 1] : null);

const native = read('native.json');
const node = read('node.json');
const cold = read('cold.json');
const mem = read('memory.json');
const page = read('page.json');
const meta = read('meta.json') || {};

const nat = Object.fromEntries((native?.inputs || []).map((i) => [i.name, i]));
const w = node?.wasm || {};
const c = node?.compromise || {};
const REF = 'conll'; // headline throughput: the CoNLL-2003 test text (~240 KB of real news)

const s = {
  native_mb_s: nat[REF]?.analyze.mb_s ?? null,
  wasm_mb_s: w[REF]?.mb_s ?? null,
  compromise_mb_s: c[REF]?.mb_s ?? null,
  ratio_vs_compromise: w[REF]?.mb_s && c[REF]?.mb_s ? w[REF].mb_s / c[REF].mb_s : null,
  wasm_cold_start_ms: cold ? median(cold.map((r) => r.total_ms)) : null,
  page_first_analysis_ms: page?.first_analysis_ms ?? null,
  payload_gzip_bytes: page?.payload_gzip_bytes ?? null,
  scaling_10mb_over_1mb: w['syn-10m'] && w['syn-1m'] ? w['syn-10m'].median_ms / w['syn-1m'].median_ms : null,
  peak_memory_10mb_bytes: mem?.peak_bytes ?? null,
  // Extras. *_cpu: the same figure from this process's CPU time instead of wall time (robust to the
  // other load on a shared machine; for the wasm it includes V8's background compile and GC threads).
  native_mb_s_cpu: nat[REF]?.analyze.mb_s_cpu ?? null,
  wasm_mb_s_cpu: w[REF]?.mb_s_cpu ?? null,
  compromise_mb_s_cpu: c[REF]?.mb_s_cpu ?? null,
  ratio_vs_compromise_cpu: w[REF]?.mb_s_cpu && c[REF]?.mb_s_cpu ? w[REF].mb_s_cpu / c[REF].mb_s_cpu : null,
  wasm_cold_start_cpu_ms: cold ? median(cold.map((r) => r.cpu_ms)) : null,
  scaling_10mb_over_1mb_cpu: w['syn-10m'] && w['syn-1m'] ? w['syn-10m'].cpu_ms / w['syn-1m'].cpu_ms : null,
  throughput_reference_text: `${REF}.txt (${nat[REF]?.bytes ?? w[REF]?.bytes} bytes)`,
  native_analyze_json_mb_s: nat[REF]?.analyze_json.mb_s ?? null,
  native_stages_mb_s: {},
  native_stages_ms: {},
  native_by_size_mb_s: Object.fromEntries(Object.entries(nat).map(([k, v]) => [k, v.analyze.mb_s])),
  wasm_by_size_mb_s: Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v.mb_s])),
  wasm_by_size_ms: Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v.median_ms])),
  compromise_by_size_mb_s: Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.mb_s ?? null])),
  wasm_cold_start_parts_ms: cold
    ? Object.fromEntries(['load_ms', 'compile_ms', 'instantiate_ms', 'first_analyze_ms'].map((k) => [k, median(cold.map((r) => r[k]))]))
    : null,
  page_first_mark_in_dom_ms: page?.first_mark_ms ?? null,
  page_1mb_analyze_render_ms: page?.one_mb_ms ?? null,
  page_1mb_longest_task_ms: page?.one_mb_longest_task_ms ?? null,
  page_1mb_worker_analyze_ms: page?.one_mb?.length ? median(page.one_mb.map((r) => r.worker_analyze_ms).filter((x) => x != null)) : null,
  payload_raw_bytes: page?.payload_raw_bytes ?? null,
  payload_files: page?.files ?? null,
  peak_memory_initial_bytes: mem?.initial_bytes ?? null,
  page_skipped: page ? null : meta.page_skipped || 'no page.json',
  load_average: meta.load_before ? { before: meta.load_before, after: loadavg().map((x) => +x.toFixed(2)) } : loadavg(),
  cpus: cpus().length,
  commit: (() => {
    try {
      return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  })(),
  date: new Date().toISOString(),
};
for (const name of [REF, 'syn-1m']) {
  if (!nat[name]) continue;
  s.native_stages_mb_s[name] = Object.fromEntries(Object.entries(nat[name].stages).map(([k, v]) => [k, v.mb_s]));
  s.native_stages_ms[name] = Object.fromEntries(Object.entries(nat[name].stages).map(([k, v]) => [k, v.median_ms]));
  s.native_stages_cpu_ms ??= {};
  s.native_stages_cpu_ms[name] = Object.fromEntries(Object.entries(nat[name].stages).map(([k, v]) => [k, v.cpu_ms]));
}
writeFileSync(path.join(dir, 'summary.json'), JSON.stringify(s, null, 1) + '\n');

// ---- the table ----
const f = (x, d = 1) => (x == null ? 'n/a' : x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
const kb = (x) => (x == null ? 'n/a' : `${(x / 1000).toFixed(1)} KB`);
const mb = (x) => (x == null ? 'n/a' : `${(x / 1e6).toFixed(1)} MB`);
const verdict = (x, ok) => (x == null ? 'n/a' : ok(x) ? 'PASS' : 'FAIL');
const cpuCol = (x, unit, d, ok) => (x == null ? '' : `${f(x, d)} ${unit}${ok ? ` ${verdict(x, ok)}` : ''}`);
const rows = [
  ['figure', 'wall clock', 'target', 'verdict', 'from CPU time'],
  ['native analyze (CoNLL text)', `${f(s.native_mb_s, 2)} MB/s`, '', '', cpuCol(s.native_mb_s_cpu, 'MB/s', 2)],
  ['wasm analyze in Node (CoNLL text)', `${f(s.wasm_mb_s, 2)} MB/s`, '>= 10 MB/s', verdict(s.wasm_mb_s, (x) => x >= 10), cpuCol(s.wasm_mb_s_cpu, 'MB/s', 2, (x) => x >= 10)],
  ['compromise (CoNLL text)', `${f(s.compromise_mb_s, 4)} MB/s`, '', '', cpuCol(s.compromise_mb_s_cpu, 'MB/s', 4)],
  ['ratio wasm / compromise', `${f(s.ratio_vs_compromise, 1)} x`, '>= 100 x', verdict(s.ratio_vs_compromise, (x) => x >= 100), cpuCol(s.ratio_vs_compromise_cpu, 'x', 1, (x) => x >= 100)],
  ['wasm cold start (Node, seed)', `${f(s.wasm_cold_start_ms)} ms`, '<= 100 ms', verdict(s.wasm_cold_start_ms, (x) => x <= 100), cpuCol(s.wasm_cold_start_cpu_ms, 'ms', 1, (x) => x <= 100)],
  ['page: navigation -> first analysis', `${f(s.page_first_analysis_ms)} ms`, '<= 300 ms', verdict(s.page_first_analysis_ms, (x) => x <= 300)],
  ['page: analyze + render 1 MB', `${f(s.page_1mb_analyze_render_ms, 0)} ms`, '', ''],
  ['page: longest task in that 1 MB run', `${f(s.page_1mb_longest_task_ms, 0)} ms`, '', ''],
  ['payload (gzip -9, all page files)', kb(s.payload_gzip_bytes), '<= 700 KB', verdict(s.payload_gzip_bytes, (x) => x <= 700e3)],
  ['scaling wasm 10 MB / 1 MB', `${f(s.scaling_10mb_over_1mb, 2)} x`, '<= 11 x', verdict(s.scaling_10mb_over_1mb, (x) => x <= 11), cpuCol(s.scaling_10mb_over_1mb_cpu, 'x', 2, (x) => x <= 11)],
  ['peak wasm memory, 10 MB input', mb(s.peak_memory_10mb_bytes), '<= 200 MB', verdict(s.peak_memory_10mb_bytes, (x) => x <= 200e6)],
];
for (const r of rows) while (r.length < 5) r.push('');
const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r[i].length)));
console.log('');
for (const r of rows) console.log(r.map((x, i) => (i === 1 || i === 4 ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join('  ').trimEnd());
if (s.native_stages_ms[REF]) {
  console.log(`\nnative stages on ${REF} (ms wall / CPU, median): ` + Object.entries(s.native_stages_ms[REF]).map(([k, v]) => `${k} ${f(v)}/${f(s.native_stages_cpu_ms[REF][k])}`).join(', '));
}
if (s.page_skipped) console.log(`\npage figures skipped: ${s.page_skipped}`);
console.log(`\nload average before/after: ${JSON.stringify(s.load_average)} on ${s.cpus} CPUs; figures in ${path.join(dir, 'summary.json')}`);

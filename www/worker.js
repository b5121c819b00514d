// Module worker: loads the wasm once, on the first request, and answers only the latest request.
// Messages in:  { id, text, options } | { warm: true, wasmFollows? } | { warm: true, wasm: Module | null }
//               (boot.js compiles the wasm on the page while this worker starts: `wasmFollows` says a
//               { warm, wasm } message will come, and loading waits for it; null: load the wasm here)
// Messages out: { ready, maxInputBytes, version } (once, after loading)
//               { id, analysis, ms } | { id, error, fatal }
//
// A wasm trap (a Rust panic surfaces as `RuntimeError: unreachable`) leaves the instance in an unknown
// state: this worker then answers every later request with a fatal error, and the page replaces it
// with a fresh worker (a fresh instance).

import init, { analyze, version, maxInputBytes } from './pkg/article_lens.js';

let ready = null;
let latest = -1;
let dead = '';

const wasmUrl = () => new URL('./pkg/article_lens_bg.wasm', import.meta.url);
let wasmSource = null; // a promise of the module compiled by the page (null: load it from wasmUrl)
let provide = null;

function load() {
  if (!ready) {
    const source = wasmSource || Promise.resolve(null);
    ready = source
      .then((module) => init({ module_or_path: module || wasmUrl() }))
      .then(
        () => self.postMessage({ ready: true, maxInputBytes: maxInputBytes(), version: version() }),
        (e) => {
          ready = null; // let a later request try again, loading the wasm here
          wasmSource = null;
          throw e;
        },
      );
  }
  return ready;
}

// Lets messages that queued up while wasm was busy update `latest` before we start more work.
const yieldToQueue = () => new Promise((resolve) => setTimeout(resolve, 0));

// { warm: true } (sent by boot.js as the page loads): load the wasm and run a tiny analysis so the
// name model is ready before the first real request.
async function warmUp() {
  try {
    await load();
    if (!dead) analyze('Warm-up on Monday.', undefined);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) dead = `The analyzer crashed (${e.message}).`;
    // a load failure is reported to the first real request
  }
}

self.onmessage = async (event) => {
  const data = event.data;
  if (data && data.warm && 'wasm' in data) {
    const module = data.wasm instanceof WebAssembly.Module ? data.wasm : null;
    if (provide) provide(module);
    else if (!ready) wasmSource = Promise.resolve(module);
    provide = null;
    return;
  }
  if (data && data.warm) {
    if (data.wasmFollows && !ready && !wasmSource) wasmSource = new Promise((resolve) => (provide = resolve));
    await warmUp();
    return;
  }
  const { id, text, options } = event.data;
  latest = id;
  if (dead) {
    self.postMessage({ id, error: dead, fatal: true });
    return;
  }
  try {
    await load();
  } catch (e) {
    self.postMessage({ id, error: `Could not load the analyzer: ${e && e.message ? e.message : e}`, fatal: true });
    return;
  }
  await yieldToQueue();
  if (id !== latest) return; // a newer request is waiting; drop this one
  const t0 = performance.now();
  try {
    const analysis = analyze(text, options ?? undefined);
    self.postMessage({ id, analysis, ms: performance.now() - t0, version: version(), maxInputBytes: maxInputBytes() });
  } catch (e) {
    // A RuntimeError is a wasm trap (a panic): the instance can't be trusted any more.
    const fatal = e instanceof WebAssembly.RuntimeError;
    const message = e && e.message ? e.message : String(e);
    const error = fatal ? `The analyzer crashed (${message}).` : message;
    if (fatal) dead = error;
    self.postMessage({ id, error, fatal });
  }
};

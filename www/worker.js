// Module worker: loads the wasm once, on the first request, and answers only the latest request.
// Messages in:  { id, text, options }
//               { warm: true, wasmFollows?, sampleFollows? }   (sent first by boot.js as the page loads)
//               { warm: true, wasm: WebAssembly.Module | null } (boot.js compiled the wasm on the page)
//               { warm: true, sample: string | null }          (the text the page is about to analyze)
//               `wasmFollows`: loading waits for the { wasm } message (null: load the wasm here).
//               `sampleFollows`: the warm-up analyzes that text instead of a tiny one, and keeps the result
//               for the first request of the same text (with no options): the page's first analysis is
//               then ready as soon as it is asked for. Every warm message carries `warm`, which a worker
//               that does not know them ignores.
// Messages out: { ready, maxInputBytes, version } (once, after loading)
//               { id, json, ms } | { id, error, fatal }   (json: the Analysis as JSON text)
//
// A wasm trap (a Rust panic surfaces as `RuntimeError: unreachable`) leaves the instance in an unknown
// state: this worker then answers every later request with a fatal error, and the page replaces it
// with a fresh worker (a fresh instance).

import init, { analyzeJson, version, maxInputBytes } from './pkg/article_lens.js';

// The analysis crosses to the page as JSON text (`analyzeJson`), which the page parses: a string is
// copied in one piece, while a structured clone of the parsed objects costs a parse and a
// serialization here and a slower deserialization on the page (measured on 1 MB: JSON.parse on the
// page 34-58 ms, deserializing the clone 97-146 ms).

let ready = null;

/** The message for a failed load; support.js (which names a missing browser feature) is fetched only
 * then, so the usual start loads one file less. */
async function loadErrorMessage(e) {
  try {
    return (await import('./support.js')).loadErrorMessage(e);
  } catch {
    return `Could not load the analyzer: ${(e && e.message) || e}`;
  }
}
let latest = -1;
let dead = '';

const wasmUrl = () => new URL('./pkg/article_lens_bg.wasm', import.meta.url);
let wasmSource = null; // a promise of the module compiled by the page (null: load it from wasmUrl)
let provideWasm = null;
let sampleSource = null; // a promise of the text the page is about to analyze
let provideSample = null;
let warming = null; // the warm-up in progress
let warmed = null; // { text, json, ms }: the warm-up's analysis (JSON text), kept for the first request

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

// { warm: true } (sent by boot.js as the page loads): load the wasm and analyze the page's text (or a
// tiny one) so the name model is ready before the first real request.
async function warmUp() {
  try {
    await load();
    const text = sampleSource ? await sampleSource : null;
    if (dead) return;
    if (typeof text === 'string') {
      const t0 = performance.now();
      const json = analyzeJson(text, undefined);
      warmed = { text, json, ms: performance.now() - t0 };
    } else {
      analyzeJson('Warm-up on Monday.', undefined);
    }
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) dead = `The analyzer crashed (${e.message}).`;
    // a load failure is reported to the first real request
  }
}

function onWarm(data) {
  if ('wasm' in data) {
    const module = data.wasm instanceof WebAssembly.Module ? data.wasm : null;
    if (provideWasm) provideWasm(module);
    else if (!ready && !wasmSource) wasmSource = Promise.resolve(module);
    provideWasm = null;
    return null;
  }
  if ('sample' in data) {
    if (provideSample) provideSample(typeof data.sample === 'string' ? data.sample : null);
    provideSample = null;
    return null;
  }
  if (data.wasmFollows && !ready && !wasmSource) wasmSource = new Promise((resolve) => (provideWasm = resolve));
  if (data.sampleFollows && !sampleSource) sampleSource = new Promise((resolve) => (provideSample = resolve));
  warming = warmUp();
  return warming;
}

self.onmessage = async (event) => {
  const data = event.data;
  if (data && data.warm) {
    await onWarm(data);
    return;
  }
  const { id, text, options } = data;
  latest = id;
  // A request before the page's text arrived: the warm-up does not wait for that text any more.
  if (provideSample) provideSample(null);
  provideSample = null;
  if (dead) {
    self.postMessage({ id, error: dead, fatal: true });
    return;
  }
  try {
    await load();
  } catch (e) {
    self.postMessage({ id, error: await loadErrorMessage(e), fatal: true });
    return;
  }
  if (warming) await warming; // it may be analyzing this very text
  await yieldToQueue();
  if (id !== latest) return; // a newer request is waiting; drop this one
  if (dead) {
    self.postMessage({ id, error: dead, fatal: true });
    return;
  }
  const w = warmed;
  warmed = null;
  if (w && w.text === text && options == null) {
    self.postMessage({ id, json: w.json, ms: w.ms, version: version(), maxInputBytes: maxInputBytes() });
    return;
  }
  const t0 = performance.now();
  try {
    const json = analyzeJson(text, options ?? undefined);
    self.postMessage({ id, json, ms: performance.now() - t0, version: version(), maxInputBytes: maxInputBytes() });
  } catch (e) {
    // A RuntimeError is a wasm trap (a panic): the instance can't be trusted any more.
    const fatal = e instanceof WebAssembly.RuntimeError;
    const message = e && e.message ? e.message : String(e);
    const error = fatal ? `The analyzer crashed (${message}).` : message;
    if (fatal) dead = error;
    self.postMessage({ id, error, fatal });
  }
};

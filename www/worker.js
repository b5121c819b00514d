// Module worker: loads the wasm once, on the first request, and answers only the latest request.
// Messages in:  { id, text, options }
// Messages out: { id, analysis, ms } | { id, error, fatal }

import init, { analyze, version, maxInputBytes } from './pkg/article_lens.js';

let ready = null;
let latest = -1;

function load() {
  if (!ready) {
    ready = init({ module_or_path: new URL('./pkg/article_lens_bg.wasm', import.meta.url) }).catch((e) => {
      ready = null; // let a later request try again
      throw e;
    });
  }
  return ready;
}

// Lets messages that queued up while wasm was busy update `latest` before we start more work.
const yieldToQueue = () => new Promise((resolve) => setTimeout(resolve, 0));

self.onmessage = async (event) => {
  const { id, text, options } = event.data;
  latest = id;
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
    self.postMessage({ id, error: fatal ? `The analyzer crashed (${message}).` : message, fatal });
  }
};

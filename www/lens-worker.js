// Article Lens analysis worker for the module API (lens.js) and the <article-lens> element.
//
// Protocol (one job at a time; lens.js sends the next job only after this one is answered, and
// cancels an in-flight job by terminating the worker):
//   in:  { id, text, options, wasm? }   wasm: a WebAssembly.Module, bytes or URL (first job only; default:
//                                       ./pkg/article_lens_bg.wasm next to this file)
//   out: { id, json } | { id, error, fatal }   json: the Analysis as JSON text (a string crosses to the
//                                       page faster than a structured clone of the parsed objects)
// `fatal` means the wasm instance trapped (a panic) and can't be trusted: lens.js replaces the worker.

import init, { analyzeJson } from './pkg/article_lens.js';

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

function load(wasm) {
  if (!ready) {
    const module_or_path = wasm ?? new URL('./pkg/article_lens_bg.wasm', import.meta.url);
    ready = init({ module_or_path }).catch((e) => {
      ready = null; // a later job may try again
      throw e;
    });
  }
  return ready;
}

self.onmessage = async (event) => {
  const { id, text, options, wasm } = event.data || {};
  try {
    await load(wasm);
  } catch (e) {
    self.postMessage({ id, error: await loadErrorMessage(e), fatal: true });
    return;
  }
  try {
    const json = analyzeJson(String(text ?? ''), options ?? undefined);
    self.postMessage({ id, json });
  } catch (e) {
    const fatal = e instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, error: (e && e.message) || String(e), fatal });
  }
};

// Starts the analyzer worker as early as possible: this tiny module runs as soon as the document is
// parsed, before the page's other modules have loaded, so the wasm downloads, compiles and warms up
// while the page sets itself up. app.js adopts the worker with `adoptEarlyWorker`; events that
// arrive before then are kept and replayed in order.
//
// The wasm is fetched and compiled here too, on the page, while the worker thread starts and loads its
// scripts; the compiled module is then posted to the worker ({ warm, wasmFollows } first, then { wasm }:
// a module, or null when it could not be compiled here, and the worker loads it itself; both messages
// carry `warm`, which a worker that does not know them ignores).
//
// The state lives on a global (under a registered symbol) rather than in this module, so that a
// bundle holding a second copy of this file (the single-file build) shares the one early worker.

const KEY = Symbol.for('article-lens.early-worker');
const boot = (globalThis[KEY] ??= { worker: null, pending: [], started: false });

if (!boot.started) {
  boot.started = true;
  try {
    const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    const keep = (ev) => {
      if (ev.type === 'error') ev.preventDefault(); // replayed to app.js, which reports it
      boot.pending.push(ev);
    };
    w.onmessage = keep;
    w.onerror = keep;
    w.onmessageerror = keep;
    w.postMessage({ warm: true, wasmFollows: true });
    boot.worker = w;
    compileWasm(new URL('./pkg/article_lens_bg.wasm', import.meta.url)).then(
      (wasm) => w.postMessage({ warm: true, wasm }),
      () => w.postMessage({ warm: true, wasm: null }),
    );
  } catch {
    boot.worker = null; // app.js starts one itself and reports any failure
  }
}

async function compileWasm(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const type = res.headers.get('Content-Type') || '';
  if (typeof WebAssembly.compileStreaming === 'function' && type.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(res);
  }
  return WebAssembly.compile(await res.arrayBuffer());
}

/**
 * Hands over the early worker once: sets its handlers and replays (asynchronously, as live events
 * would arrive) the events that came before. Returns null when there is none (already taken, or it
 * could not start).
 */
export function adoptEarlyWorker({ onmessage, onerror, onmessageerror }) {
  const w = boot.worker;
  boot.worker = null;
  if (!w) return null;
  w.onmessage = onmessage;
  w.onerror = onerror;
  w.onmessageerror = onmessageerror;
  const replay = boot.pending.splice(0);
  if (replay.length) {
    setTimeout(() => {
      for (const ev of replay) {
        if (ev.type === 'message') w.onmessage?.(ev);
        else if (ev.type === 'error') w.onerror?.(ev);
        else w.onmessageerror?.(ev);
      }
    }, 0);
  }
  return w;
}

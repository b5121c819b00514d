// Starts the analyzer worker as early as possible: this tiny module runs as soon as the document is
// parsed, before the page's other modules have loaded, so the wasm downloads, compiles and warms up
// while the page sets itself up. app.js adopts the worker with `adoptEarlyWorker`; events that
// arrive before then are kept and replayed in order.
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
    w.postMessage({ warm: true });
    boot.worker = w;
  } catch {
    boot.worker = null; // app.js starts one itself and reports any failure
  }
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

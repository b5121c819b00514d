// Starts the analyzer worker as early as possible. A classic script, loaded first in the <head> and run as
// soon as it arrives, before the page is parsed or laid out and long before the page's modules have
// loaded, so the worker starts and the wasm downloads and compiles while the page sets itself up.
//
// The wasm is fetched and compiled here, on the page, while the worker thread starts and loads its
// scripts, and posted to the worker compiled; when the page is going to show the sample article, that
// is fetched here too and posted to the worker, which warms up on it (see worker.js for the messages).
//
// app.js adopts the worker with the state's `adopt`; events that arrive before then are kept and
// replayed in order. The state lives on a global under a registered symbol, so that a bundle holding a
// second copy of this file (the single-file build) shares the one early worker.

(() => {
  const KEY = Symbol.for('article-lens.early-worker');
  const boot = (globalThis[KEY] ??= { worker: null, pending: [], started: false, adopt: null, sample: null });

  /**
   * Hands over the early worker once: sets its handlers and replays (asynchronously, as live events
   * would arrive) the events that came before. Returns null when there is none (already taken, or it
   * could not start).
   */
  boot.adopt ??= function adoptEarlyWorker({ onmessage, onerror, onmessageerror }) {
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
  };

  if (boot.started) return;
  boot.started = true;

  async function compileWasm(url) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const type = res.headers.get('Content-Type') || '';
    if (typeof WebAssembly.compileStreaming === 'function' && type.startsWith('application/wasm')) {
      return WebAssembly.compileStreaming(res);
    }
    return WebAssembly.compile(await res.arrayBuffer());
  }

  // This script's own address (the page's when it is inlined).
  const base = (document.currentScript && document.currentScript.src) || document.baseURI;

  // The sample article, fetched now when the page is going to show it (no share link, no saved text):
  // app.js takes it (and fetches it itself when this failed), and the worker warms up on it.
  let sample = null;
  try {
    if (!/^#?t=/.test(location.hash) && localStorage.getItem('article-lens:text') == null) {
      sample = fetch(new URL('./sample.txt', base)).then((res) => (res.ok ? res.text() : null));
      sample.catch(() => {});
      boot.sample = sample;
    }
  } catch {
    /* storage blocked: app.js decides */
  }

  try {
    const w = new Worker(new URL('./worker.js', base), { type: 'module' });
    const keep = (ev) => {
      if (ev.type === 'error') ev.preventDefault(); // replayed to app.js, which reports it
      boot.pending.push(ev);
    };
    w.onmessage = keep;
    w.onerror = keep;
    w.onmessageerror = keep;
    w.postMessage({ warm: true, wasmFollows: true, sampleFollows: !!sample });
    boot.worker = w;
    compileWasm(new URL('./pkg/article_lens_bg.wasm', base)).then(
      (wasm) => w.postMessage({ warm: true, wasm }),
      () => w.postMessage({ warm: true, wasm: null }),
    );
    // Posted before app.js can ask for the same text (its request comes after this promise settles).
    if (sample) {
      sample.then(
        (text) => w.postMessage({ warm: true, sample: typeof text === 'string' ? text : null }),
        () => w.postMessage({ warm: true, sample: null }),
      );
    }
  } catch {
    boot.worker = null; // app.js starts one itself and reports any failure
  }
})();

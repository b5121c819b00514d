// Article Lens module API.
//
//   import { createAnalyzer } from './lens.js';
//   const lens = createAnalyzer();                 // { worker: true } by default
//   const analysis = await lens.analyze(text, { anchor_date: '2017-02-11' }, { signal });
//   lens.dispose();
//
// With a worker (the default) the analysis runs in a module Web Worker (./lens-worker.js), one job at a
// time. A call whose AbortSignal fires rejects with an AbortError: a queued call is dropped, an in-flight
// one terminates the worker, and the next call starts a fresh one. If no worker can be created (a CSP
// without `worker-src`, an old browser), the analyzer quietly runs on the calling thread instead.
// `{ worker: false }` always runs on the calling thread (the call still returns a Promise).
//
// The wasm is found next to this file (./pkg/article_lens_bg.wasm); pass `{ wasm }` (a URL, bytes or a
// WebAssembly.Module) to load it from elsewhere.
//
// The synchronous low-level API of the wasm-bindgen output is re-exported as well:
//   import { init, analyzeSync } from './lens.js';
//   await init();  const analysis = analyzeSync(text);

import init, { analyze as analyzeSync } from './pkg/article_lens.js';
import { loadErrorMessage } from './support.js';

export { default as init, analyze as analyzeSync, version, maxInputBytes } from './pkg/article_lens.js';

const DEFAULT_WASM = () => new URL('./pkg/article_lens_bg.wasm', import.meta.url);

function abortError() {
  return new DOMException('The analysis was cancelled.', 'AbortError');
}

function asError(e) {
  return e instanceof Error ? e : new Error(String((e && e.message) || e));
}

// One wasm instance per page (wasm-bindgen's init keeps a single module-level instance).
let mainReady = null;
function initMain(wasm) {
  if (!mainReady) {
    mainReady = init({ module_or_path: wasm ?? DEFAULT_WASM() }).catch((e) => {
      mainReady = null;
      throw new Error(loadErrorMessage(e));
    });
  }
  return mainReady;
}

// A URL can't be posted to a worker; a string, bytes or a WebAssembly.Module can.
function cloneableWasm(wasm) {
  if (wasm == null) return undefined;
  if (wasm instanceof URL) return wasm.href;
  if (typeof Request !== 'undefined' && wasm instanceof Request) return wasm.url;
  return wasm;
}

function makeWorker() {
  const url = new URL('./lens-worker.js', import.meta.url);
  if (url.origin === self.location.origin && url.protocol !== 'blob:') {
    return { worker: new Worker(url, { type: 'module' }), blobUrl: null };
  }
  // Served from another origin (a CDN): a worker script must be same-origin, so start a same-origin
  // blob worker that imports the real one (module imports use CORS, as the module itself did).
  const blobUrl = URL.createObjectURL(
    new Blob([`import ${JSON.stringify(url.href)};\n`], { type: 'text/javascript' }),
  );
  return { worker: new Worker(blobUrl, { type: 'module' }), blobUrl };
}

/**
 * Creates an analyzer. See the file header and article-lens.d.ts.
 * @param {{ worker?: boolean, wasm?: URL | string | BufferSource | WebAssembly.Module }} [config]
 */
export function createAnalyzer({ worker: useWorker = true, wasm } = {}) {
  let onMainThread = !useWorker || typeof Worker === 'undefined';
  let w = null; // { worker, blobUrl, answered }
  const queue = []; // jobs not yet started
  let current = null; // the job being analyzed
  let seq = 0;
  let disposed = false;

  function settle(job, ok, value) {
    if (job.signal) job.signal.removeEventListener('abort', job.onAbort);
    if (ok) job.resolve(value);
    else job.reject(value);
  }

  function killWorker() {
    if (!w) return;
    w.worker.terminate();
    if (w.blobUrl) URL.revokeObjectURL(w.blobUrl);
    w = null;
  }

  function finish(job, ok, value) {
    if (current !== job) return false;
    current = null;
    settle(job, ok, value);
    pump();
    return true;
  }

  function cancel(job) {
    const i = queue.indexOf(job);
    if (i >= 0) {
      queue.splice(i, 1);
      settle(job, false, abortError());
    } else if (current === job) {
      // The worker is busy with this text: stop it; the next job gets a fresh worker.
      if (!onMainThread) killWorker();
      finish(job, false, abortError());
    }
  }

  function pump() {
    if (current || disposed || queue.length === 0) return;
    const job = queue.shift();
    current = job;
    if (onMainThread) runMain(job);
    else runWorker(job);
  }

  async function runMain(job) {
    try {
      await initMain(wasm);
      // Let a cancellation (or a newer call's abort of this one) land before the synchronous run.
      await new Promise((r) => setTimeout(r, 0));
      if (current !== job) return;
      const analysis = analyzeSync(job.text, job.options ?? undefined);
      finish(job, true, analysis);
    } catch (e) {
      finish(job, false, asError(e));
    }
  }

  function getWorker() {
    if (w) return w;
    const made = makeWorker();
    const entry = { ...made, answered: false };
    made.worker.onmessage = (ev) => {
      if (w !== entry) return;
      entry.answered = true;
      if (entry.blobUrl) {
        URL.revokeObjectURL(entry.blobUrl);
        entry.blobUrl = null;
      }
      const d = ev.data || {};
      const job = current;
      if (!job || d.id !== job.id) return;
      if (d.error) {
        if (d.fatal) killWorker();
        finish(job, false, new Error(d.error));
      } else {
        let analysis = d.analysis; // (a worker may also send the objects)
        try {
          if (typeof d.json === 'string') analysis = JSON.parse(d.json);
        } catch {
          finish(job, false, new Error('The analyzer sent a result that is not valid JSON.'));
          return;
        }
        finish(job, true, analysis);
      }
    };
    made.worker.onerror = (ev) => {
      if (ev && ev.preventDefault) ev.preventDefault();
      if (w !== entry) return;
      const neverWorked = !entry.answered;
      killWorker();
      const job = current;
      current = null;
      if (neverWorked) {
        // The worker could not even start (CSP, file://, no module workers): use this thread.
        onMainThread = true;
        if (job) queue.unshift(job);
        pump();
      } else if (job) {
        current = job;
        finish(job, false, new Error((ev && ev.message) || 'The analysis worker failed.'));
      }
    };
    made.worker.onmessageerror = () => {
      if (w !== entry) return;
      killWorker();
      if (current) finish(current, false, new Error('The analysis result could not be read.'));
    };
    w = entry;
    return w;
  }

  function runWorker(job) {
    let entry;
    try {
      entry = getWorker();
    } catch {
      onMainThread = true;
      runMain(job);
      return;
    }
    const msg = { id: job.id, text: job.text, options: job.options ?? undefined };
    if (wasm != null) msg.wasm = cloneableWasm(wasm);
    try {
      entry.worker.postMessage(msg);
    } catch (e) {
      finish(job, false, asError(e));
    }
  }

  return {
    /**
     * Analyzes `text`. Rejects with an AbortError when `signal` fires first.
     * @returns {Promise<import('./article-lens').Analysis>}
     */
    analyze(text, options, { signal } = {}) {
      if (disposed) return Promise.reject(new Error('This analyzer has been disposed.'));
      if (signal && signal.aborted) return Promise.reject(abortError());
      return new Promise((resolve, reject) => {
        const job = { id: ++seq, text: String(text ?? ''), options, resolve, reject, signal, onAbort: null };
        if (signal) {
          job.onAbort = () => cancel(job);
          signal.addEventListener('abort', job.onAbort, { once: true });
        }
        queue.push(job);
        pump();
      });
    },
    /** Stops the worker; pending calls reject with an AbortError. */
    dispose() {
      if (disposed) return;
      disposed = true;
      killWorker();
      const pending = current ? [current, ...queue] : [...queue];
      current = null;
      queue.length = 0;
      for (const job of pending) settle(job, false, abortError());
    },
    /** True when the analysis runs on the calling thread (no worker, or the worker could not start). */
    get onMainThread() {
      return onMainThread;
    },
  };
}

// Builds dist/article-lens.html: the page as ONE self-contained file that works opened from disk
// (file://), offline, with no other file.
//
//   node packaging/single-file.mjs DIST_DIR
//
// - the page's stylesheets are bundled (esbuild) and inlined as <style>;
// - its module scripts are bundled into one inline <script type="module">;
// - every *worker*.js is bundled into a plain function inside an inline classic "prelude" script. At run
//   time `new Worker(url-of-that-worker)` is answered with a classic Worker from a Blob URL whose source
//   is that function (Chromium refuses module workers from blob: URLs in a file:// page but allows
//   classic ones); if no worker can be created at all, the same function runs on the main thread
//   behind a Worker-like object;
// - the wasm and the small text assets (sample.txt) are inlined (base64 / text) and served to `fetch`
//   by a shim, so wasm-bindgen's init instantiates the wasm from those bytes;
// - the page's own CSP meta tag is replaced by one that allows exactly these inline scripts and style
//   (sha256 hashes), 'wasm-unsafe-eval' and blob: workers, and no network at all.
// The page template is DIST_DIR/index.html; without one (the page not built yet) a minimal page around
// <article-lens> is used (packaging/standalone.html).

import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(HERE, 'tools', 'package.json'));
const esbuild = require('esbuild');

const dist = path.resolve(process.argv[2] || 'dist');
const out = path.join(dist, 'article-lens.html');

const templatePath = existsSync(path.join(dist, 'index.html'))
  ? path.join(dist, 'index.html')
  : path.join(HERE, 'standalone.html');
let html = readFileSync(templatePath, 'utf8');
const templateDir = templatePath.startsWith(dist) ? dist : HERE;

const sha256 = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

// Text placed inside <script>/<style> must not close the element or open an HTML comment.
function assertEmbeddable(code, what) {
  if (/<\/script/i.test(code) || /<!--/.test(code) || /<\/style/i.test(code)) {
    throw new Error(`${what}: contains </script, </style or <!-- and can't be inlined as is`);
  }
  return code;
}
// JSON whose `<` are escaped can sit in a script anywhere.
const safeJson = (v) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

async function bundleJs(entry, format, extra = {}) {
  const res = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format,
    target: 'es2022',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'error',
    ...extra,
  });
  return res.outputFiles[0].text;
}

async function bundleCss(entry) {
  const res = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    loader: { '.png': 'dataurl', '.svg': 'dataurl', '.woff2': 'dataurl', '.woff': 'dataurl' },
    logLevel: 'error',
  });
  return res.outputFiles[0].text;
}

const attr = (tag, name) => {
  const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  return m ? (m[2] ?? m[3] ?? m[4]) : null;
};

// ---- styles ----
const styleHashes = [];
const styleBlocks = [];
for (const m of [...html.matchAll(/<link\b[^>]*>/gi)]) {
  const tag = m[0];
  if (!/\brel\s*=\s*["']?stylesheet/i.test(tag)) continue;
  const href = attr(tag, 'href');
  const css = assertEmbeddable(await bundleCss(path.join(templateDir, href)), href);
  styleBlocks.push([tag, css]);
}
for (const [tag, css] of styleBlocks) {
  styleHashes.push(sha256(css));
  html = html.replace(tag, () => `<style>${css}</style>`);
}

// ---- module scripts ----
// Preload hints name files that are bundled below; in one file they would only be blocked requests.
html = html.replace(/[ \t]*<link\b[^>]*\brel\s*=\s*["']?modulepreload\b[^>]*>\n?/gi, '');
const scriptHashes = [];
const mainCode = [];
const scriptTags = [...html.matchAll(/<script\b[^>]*\bsrc\s*=[^>]*>\s*<\/script>/gi)].map((m) => m[0]);
for (const tag of scriptTags) {
  const src = attr(tag, 'src');
  const isModule = /type\s*=\s*["']?module/i.test(tag);
  const code = assertEmbeddable(await bundleJs(path.join(templateDir, src), isModule ? 'esm' : 'iife'), src);
  scriptHashes.push(sha256(code));
  mainCode.push(code);
  html = html.replace(tag, () => `<script${isModule ? ' type="module"' : ''}>${code}</script>`);
}

// ---- workers, wasm and assets (the prelude) ----
const workerNames = readdirSync(templateDir === dist ? dist : path.join(HERE, '..', 'www'))
  .filter((f) => /worker.*\.js$/.test(f))
  // only the workers the page's scripts refer to (as "./name.js" in `new URL(…, import.meta.url)`)
  .filter((f) => mainCode.some((c) => new RegExp(`["'\`](\\./)?${f.replace(/[.]/g, '\\.')}["'\`]`).test(c)))
  .sort();
if (workerNames.length === 0) throw new Error('single-file: no worker script referenced by the page');
const workerDir = templateDir === dist ? dist : path.join(HERE, '..', 'www');
const workerFns = [];
for (const name of workerNames) {
  // An IIFE whose `self` is a parameter: a classic blob worker passes its global, the main-thread
  // fallback a Worker-like stand-in. `import.meta.url` becomes the page's address, so the worker's
  // `new URL('./pkg/…wasm', import.meta.url)` points where the fetch shim answers.
  let code = await bundleJs(path.join(workerDir, name), 'iife', {
    define: { 'import.meta.url': '__AL_BASE__' },
  });
  code = code.trim().replace(/;$/, '');
  workerFns.push(`${safeJson(name)}: function (self, __AL_BASE__) {\n${code};\n}`);
}

const files = {};
const wasmPath = path.join(dist, 'pkg', 'article_lens_bg.wasm');
files['pkg/article_lens_bg.wasm'] = { type: 'application/wasm', b64: readFileSync(wasmPath).toString('base64') };
for (const f of readdirSync(dist).filter((f) => f.endsWith('.txt'))) {
  files[f] = { type: 'text/plain; charset=utf-8', text: readFileSync(path.join(dist, f), 'utf8') };
}

const prelude = assertEmbeddable(
  `
(() => {
  "use strict";
  const FILES = ${safeJson(files)};
  const WORKERS = {
${workerFns.join(',\n')}
  };
  // Answers fetch() for the inlined files; everything else goes to the real fetch (which a file://
  // page can't use for the network anyway: the CSP has no connect-src).
  function installFetch(g, files) {
    const realFetch = g.fetch ? g.fetch.bind(g) : null;
    const cache = {};
    const bytes = (b64) => {
      const bin = atob(b64);
      const out = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
      return out;
    };
    g.fetch = function fetch(input, init) {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input && input.url;
      let pathname = '';
      try { pathname = new URL(url, g.location.href).pathname; } catch (e) { /* not a URL */ }
      for (const key of Object.keys(files)) {
        if (pathname === '/' + key || pathname.endsWith('/' + key)) {
          const f = files[key];
          if (!cache[key]) cache[key] = f.b64 != null ? bytes(f.b64) : f.text;
          return Promise.resolve(new Response(cache[key], { status: 200, headers: { 'Content-Type': f.type } }));
        }
      }
      if (!realFetch) return Promise.reject(new TypeError('fetch is not available'));
      return realFetch(input, init);
    };
  }
  installFetch(window, FILES);

  const NativeWorker = window.Worker;
  const workerFor = (url) => {
    let pathname = '';
    try { pathname = new URL(url, document.baseURI).pathname; } catch (e) { return null; }
    for (const name of Object.keys(WORKERS)) if (pathname.endsWith('/' + name)) return name;
    return null;
  };
  const base = location.href;

  // The same worker code on this thread, behind a Worker-like object (messages are structured-cloned
  // and delivered asynchronously, as with a real worker).
  function mainThreadWorker(name) {
    const outer = new EventTarget();
    const inner = new EventTarget();
    let closed = false;
    const deliver = (target, data, handlerOwner) => setTimeout(() => {
      if (closed) return;
      const ev = new MessageEvent('message', { data: structuredClone(data) });
      if (typeof handlerOwner.onmessage === 'function') handlerOwner.onmessage(ev);
      target.dispatchEvent(ev);
    }, 0);
    const scope = {
      onmessage: null,
      postMessage: (data) => deliver(outer, data, api),
      addEventListener: inner.addEventListener.bind(inner),
      removeEventListener: inner.removeEventListener.bind(inner),
      close: () => { closed = true; },
      get location() { return location; },
    };
    const api = {
      onmessage: null, onerror: null, onmessageerror: null,
      postMessage: (data) => deliver(inner, data, scope),
      terminate: () => { closed = true; },
      addEventListener: outer.addEventListener.bind(outer),
      removeEventListener: outer.removeEventListener.bind(outer),
      dispatchEvent: outer.dispatchEvent.bind(outer),
    };
    WORKERS[name](scope, base);
    return api;
  }

  function InlineWorker(url, options) {
    const name = workerFor(url);
    if (!name) return new NativeWorker(url, options);
    try {
      const source =
        '"use strict";\\n' +
        '(' + installFetch.toString() + ')(self, ' + ${'JSON.stringify(FILES)'} + ');\\n' +
        '(' + WORKERS[name].toString() + ')(self, ' + JSON.stringify(base) + ');\\n';
      const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      // A classic worker: the bundle has no imports left, and Chromium refuses blob: module workers here.
      const opts = Object.assign({}, options, { type: 'classic' });
      return new NativeWorker(blobUrl, opts);
    } catch (e) {
      return mainThreadWorker(name);
    }
  }
  InlineWorker.prototype = NativeWorker ? NativeWorker.prototype : Object.prototype;
  window.Worker = InlineWorker;
})();
`,
  'prelude',
);
scriptHashes.unshift(sha256(prelude));

// The prelude must run before the (deferred) module scripts: put it at the start of <head>.
const csp = [
  "default-src 'none'",
  `script-src ${scriptHashes.join(' ')} 'wasm-unsafe-eval'`,
  `style-src ${styleHashes.length ? styleHashes.join(' ') : "'none'"}`,
  'img-src data: blob:',
  'font-src data:',
  'worker-src blob:',
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
html = html.replace(/<meta\s+http-equiv\s*=\s*["']?Content-Security-Policy["']?[^>]*>\s*/i, '');
const head = `<meta http-equiv="Content-Security-Policy" content="${csp}">\n  <script>${prelude}</script>\n  `;
if (/<meta\s+charset[^>]*>/i.test(html)) html = html.replace(/(<meta\s+charset[^>]*>\s*)/i, (m) => `${m}${head}`);
else html = html.replace(/<head[^>]*>/i, (m) => `${m}\n  ${head}`);

writeFileSync(out, html);
console.log(`${path.relative(process.cwd(), out)}: ${html.length} bytes, ${scriptHashes.length} inline scripts, ${workerNames.length} workers (${workerNames.join(', ')})`);

// Article Lens page: editor, analysis in a worker, highlights, panels, exports, sharing, settings.

import { h } from './dom.js';
import { LAYERS, LABELS, ALL_KEYS, DEFAULT_SHOWN, NUMBER_KINDS, NAME_KINDS, keyOf, statValue, fmtInt } from './kinds.js';
import { LONG_TEXT, finishChunkedRender, renderHighlights, renderHighlightsChunked, stopChunkedRender, textWithMarkers } from './render.js';
import {
  countKeys, renderLegend, renderStats, renderDates, renderQuotes, renderMetrics, renderEntities, renderSummary, renderStrip, expandLists,
} from './panels.js';
import { EXPORTS, download, copyText } from './export.js';
import { encodeText, decodeFragment, MAX_FRAGMENT } from './share.js';

const $ = (id) => document.getElementById(id);
const input = $('input');
const reader = $('reader');
const viewport = $('viewport');
const statusEl = $('status');
const tip = $('tip');

const TEXT_KEY = 'article-lens:text';
const SETTINGS_KEY = 'article-lens:settings';
const DEBOUNCE_MS = 250;

const state = {
  analysis: null,
  analysisId: null, // the worker request `analysis` answers
  text: '', // the text `analysis` describes
  shown: new Set(DEFAULT_SHOWN),
  anchor: '',
  theme: 'system',
  view: 'read',
  entity: null,
  entityPos: -1,
  marks: [],
  sample: null,
  maxBytes: 16 * 1024 * 1024, // replaced by the analyzer's own maxInputBytes() once it has loaded
  notice: '', // a message shown with the next result line (then dropped)
  scrollFrac: null, // where the reader should open once the text being analyzed is rendered (a fraction)
};

const BIG_BYTES = 1_000_000; // above this, show progress and a Cancel button
const UNREADABLE = 'The analyzer sent a result the page could not read. Edit the text to try again.';

const early = () => globalThis[Symbol.for('article-lens.early-worker')] || {};

/** The worker boot.js started as the page loaded (once; null when there is none). */
function adoptEarlyWorker(handlers) {
  const boot = early();
  return typeof boot.adopt === 'function' ? boot.adopt(handlers) : null;
}

// ---------- status line ----------

function setStatus(message, kind = 'info') {
  statusEl.textContent = message;
  statusEl.dataset.kind = kind;
}

/** Shows `message` now and again with the next result line, so an analysis does not hide it. */
function notify(message) {
  state.notice = message;
  setStatus(message, 'error');
}

/** UTF-8 length of `text`, counted without copying it. */
function utf8Length(text) {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair: 4 bytes for 2 code units
      i++;
    } else n += 2; // 3 bytes (a lone surrogate becomes U+FFFD, also 3 bytes)
  }
  return n;
}

function formatMB(bytes) {
  return `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} MB`;
}

// ---------- settings and storage ----------

function loadSettings() {
  try {
    const s = JSON.parse(localStorage.getItem(SETTINGS_KEY) || 'null');
    if (s && typeof s === 'object') {
      if (Array.isArray(s.shown)) state.shown = new Set(s.shown.filter((k) => ALL_KEYS.includes(k)));
      if (typeof s.anchor === 'string') state.anchor = s.anchor;
      if (['system', 'light', 'dark'].includes(s.theme)) state.theme = s.theme;
    }
  } catch {
    notify('Your saved settings could not be read (they are damaged); the defaults are used. Your text is not affected.');
  }
}

let storageError = '';
function store(key, value) {
  try {
    localStorage.setItem(key, value);
    storageError = '';
    return true;
  } catch (e) {
    const first = !storageError;
    const why = e && e.name === 'QuotaExceededError' ? 'the browser’s storage is full' : 'storage is not available';
    storageError = `Not kept in this browser (${why}): the text will be lost on reload, export it to keep it.`;
    if (first) {
      // Keep an error already on show (e.g. "too long"): add to it rather than replace it.
      const shown = statusEl.dataset.kind === 'error' && statusEl.textContent;
      setStatus(shown && !shown.includes(storageError) ? `${shown} · ${storageError}` : storageError, 'error');
    }
    return false;
  }
}

function saveSettings() {
  store(SETTINGS_KEY, JSON.stringify({ shown: [...state.shown], anchor: state.anchor, theme: state.theme }));
}

// Browsers keep about 5 million characters per site; writing (and failing to write) a bigger text
// blocks the page for seconds, so it is not tried.
const STORE_MAX_CHARS = 2_500_000;

let saveTimer = 0;
function saveTextSoon() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    if (input.value.length <= STORE_MAX_CHARS) {
      store(TEXT_KEY, input.value);
      return;
    }
    store(TEXT_KEY, ''); // an older, shorter text must not come back on reload instead
    storageError = 'Not kept in this browser (too long for its storage): the text will be lost on reload, export it to keep it.';
  }, 300);
}

function applyTheme() {
  if (state.theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = state.theme;
  $('theme').value = state.theme;
}

// ---------- the worker ----------

let worker = null;
let seq = 0;
let inflight = null; // { id, since }
let lastRequest = null; // { id, text }

function killWorker() {
  if (worker) worker.terminate();
  worker = null;
  inflight = null;
  hideProgress();
}

// ---------- progress and cancel (texts over 1 MB) ----------

const progressEl = $('progress');
let progressTimer = 0;

function showProgress(bytes) {
  const t0 = performance.now();
  const label = $('progress-text');
  const tick = () => {
    const s = Math.floor((performance.now() - t0) / 1000);
    label.textContent = `Analyzing ${formatMB(bytes)}… ${s} s`;
  };
  clearInterval(progressTimer);
  tick();
  progressTimer = setInterval(tick, 250);
  $('cancel').hidden = false;
  progressEl.hidden = false;
}

function hideProgress() {
  clearInterval(progressTimer);
  progressTimer = 0;
  progressEl.hidden = true;
}

function cancelAnalysis() {
  clearTimeout(debounceTimer);
  if (!inflight && progressEl.hidden) return;
  killWorker(); // the only way to stop wasm mid-run; a fresh worker serves the next run
  seq++;
  lastRequest = null;
  delete statusEl.dataset.busy;
  showPlainText(input.value);
  setStatus('Cancelled. The text is kept, not analyzed; edit it to analyze again.', 'info');
}

$('cancel').addEventListener('click', cancelAnalysis);

function getWorker() {
  if (!worker) {
    const handlers = {
      onmessage: onWorkerMessage,
      onerror: (ev) => {
        ev.preventDefault();
        killWorker();
        setStatus(`The analyzer stopped (${ev.message || 'the worker failed to start'}). Edit the text to try again.`, 'error');
        showPlainText(input.value);
      },
      onmessageerror: () => {
        killWorker();
        setStatus(UNREADABLE, 'error');
      },
    };
    // The first worker was started by boot.js while the page loaded; later ones start here.
    worker = adoptEarlyWorker(handlers);
    if (!worker) {
      worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
      Object.assign(worker, handlers);
    }
  }
  return worker;
}

function options() {
  return state.anchor ? { anchor_date: state.anchor } : undefined;
}

function analyzeNow() {
  clearTimeout(debounceTimer);
  const id = ++seq;
  const text = input.value;
  const bytes = text.length > BIG_BYTES / 3 ? utf8Length(text) : text.length;
  if (bytes > state.maxBytes) {
    // Refused before any work: the text stays in the editor, shown unhighlighted.
    lastRequest = null;
    if (inflight) killWorker();
    hideProgress();
    delete statusEl.dataset.busy;
    showPlainText(text);
    setStatus(
      `This text is too long to analyze: ${formatMB(bytes)}, and the analyzer takes at most ${formatMB(state.maxBytes)} ` +
        `(${state.maxBytes.toLocaleString('en-US')} bytes). It is kept in the editor; shorten it or analyze it in parts.`,
      'error',
    );
    return;
  }
  lastRequest = { id, text };
  // A run that has been busy for long is probably a huge text the user already replaced: stop it.
  if (inflight && performance.now() - inflight.since > 3000) killWorker();
  post(id, text);
  if (bytes > BIG_BYTES) showProgress(bytes);
  else hideProgress();
  if (!state.analysis) setStatus('Analyzing…');
  statusEl.dataset.busy = '1';
}

function post(id, text) {
  try {
    getWorker().postMessage({ id, text, options: options() });
  } catch (e) {
    killWorker();
    setStatus(`Could not start the analyzer: ${e.message || e}`, 'error');
    return;
  }
  // `since` is when the worker started on the oldest unanswered request.
  if (!inflight) inflight = { id, since: performance.now() };
  else inflight.id = id;
}

let debounceTimer = 0;
function analyzeSoon() {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(analyzeNow, DEBOUNCE_MS);
}

function onWorkerMessage(ev) {
  const d = ev.data || {};
  if (d.ready) {
    if (Number.isSafeInteger(d.maxInputBytes) && d.maxInputBytes > 0) state.maxBytes = d.maxInputBytes;
    document.body.dataset.maxInputBytes = String(state.maxBytes);
    return;
  }
  if (d.id !== seq) {
    // Stale: a newer text is on its way. The worker has moved on to it.
    if (inflight) inflight.since = performance.now();
    if (d.fatal) {
      // The wasm instance died on an old text: give the latest one a fresh worker.
      killWorker();
      if (lastRequest) post(lastRequest.id, lastRequest.text);
    }
    return;
  }
  inflight = null;
  hideProgress();
  delete statusEl.dataset.busy;
  if (!lastRequest || lastRequest.id !== d.id) return;
  if (d.error) {
    // A crash (wasm trap) kills this worker; the next run starts a fresh one. The text is untouched.
    if (d.fatal) killWorker();
    const next = d.fatal ? ' The analyzer will restart for the next run; your text is kept.' : ' Your text is kept.';
    setStatus(`Could not analyze this text: ${d.error}${next}`, 'error');
    showPlainText(lastRequest.text);
    return;
  }
  if (Number.isSafeInteger(d.maxInputBytes) && d.maxInputBytes > 0) state.maxBytes = d.maxInputBytes;
  try {
    if (typeof d.json === 'string') d.analysis = JSON.parse(d.json); // (a worker may also send the objects)
  } catch {
    setStatus(UNREADABLE, 'error');
    showPlainText(lastRequest.text);
    return;
  }
  state.analysis = d.analysis;
  state.text = lastRequest.text;
  state.analysisId = d.id;
  // The highlighted text now; the panels after the browser has painted it. body[data-analyzed] changes
  // once the panels are rendered too, i.e. once everything of this analysis is on the page.
  renderText();
  renderPanelsSoon(d.id);
  const a = d.analysis;
  const n = a.spans.length;
  const note = a.warnings && a.warnings.length ? ` · ${a.warnings.join(' ')}` : '';
  const line = `${fmtInt(a.stats.words)} words · ${fmtInt(n)} findings · analyzed in ${Math.max(1, Math.round(d.ms))} ms${note}`;
  const extra = [state.notice, storageError].filter(Boolean);
  state.notice = '';
  if (extra.length) setStatus([line, ...extra].join(' · '), 'error');
  else setStatus(line);
}

// ---------- rendering ----------

/** Without an analysis the reader still shows the text, unhighlighted. */
function showPlainText(text) {
  if (state.analysis && state.text === text) return;
  state.analysis = null;
  state.text = text;
  state.marks = [];
  state.scrollFrac = null; // the place kept for a render that is not coming
  stopChunkedRender();
  reader.replaceChildren(textWithMarkers(text));
  $('strip').replaceChildren();
}

/** After the next frame (or at once when the page is hidden and frames are paused). */
function afterFrame(fn) {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  if (document.hidden) {
    setTimeout(run, 0);
    return;
  }
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, 250); // frames may stop (the tab is hidden meanwhile)
}

let panelsFor = null;
/** Renders the panels of the current analysis after the next frame, then marks the analysis `id` as shown. */
function renderPanelsSoon(id) {
  const a = state.analysis;
  panelsFor = a;
  afterFrame(() => {
    if (panelsFor !== a || state.analysis !== a) return; // a newer result (or none) took over
    panelsFor = null;
    renderPanels();
    document.body.dataset.analyzed = String(id);
  });
}

function renderPanels() {
  const a = state.analysis;
  if (!a) return;
  renderSummary($('summary'), a);
  renderEntities($('entities'), $('entity-chart'), a, (id) => state.entity === id, selectEntity);
  renderStats($('stats'), a, jumpToSpan);
  renderDates($('dates'), $('timeline-chart'), a, jumpToSpan);
  renderQuotes($('quotes'), a, jumpToSpan);
  renderMetrics($('metrics'), a);
  renderExports();
}

function renderText() {
  const a = state.analysis;
  if (!a) return;
  renderLegend($('legend'), countKeys(a), state.shown, toggleKind, toggleLayer);
  // While editing, the (hidden) reader is rebuilt only when the reading view comes back.
  state.textDirty = state.view === 'edit';
  if (state.textDirty) return;
  // Reading scrollTop lays out the whole page: done only when the reader has ever been scrolled.
  const scroll = readerScrolled && state.scrollFrac == null ? reader.scrollTop : 0;
  const frac = state.scrollFrac;
  state.scrollFrac = null;
  const restore = () => {
    if (scroll) reader.scrollTop = scroll;
    else if (frac > 0) reader.scrollTop = frac * Math.max(0, reader.scrollHeight - reader.clientHeight);
  };
  const done = () => {
    if (state.entity != null && !a.entities[state.entity]) state.entity = null;
    markEntity();
    // body[data-rendered]: the id of the analysis whose highlights are all in the reader (long texts are
    // built in slices, so this can come after body[data-analyzed]).
    document.body.dataset.rendered = String(state.analysisId ?? '');
  };
  if (state.text.length > LONG_TEXT) {
    // Long texts: built in slices of ~20 ms, so the page keeps answering (typing, scrolling, Cancel)
    // while tens of thousands of highlights are built; the strip follows the last slice.
    state.marks = [];
    $('strip').replaceChildren();
    renderHighlightsChunked(reader, state.text, a, state.shown).then((marks) => {
      if (!marks || state.analysis !== a) return;
      state.marks = marks;
      restore();
      done();
      renderStripSoon();
    });
    return;
  }
  stopChunkedRender();
  state.marks = renderHighlights(reader, state.text, a, state.shown);
  restore();
  done();
  renderStripSoon();
}

/** Where a highlight starts, as a fraction of the text (the strip's place for it in long texts). */
function markFraction(m) {
  const a = state.analysis;
  const d = m.dataset;
  const item = d.span != null ? a?.spans[Number(d.span)] : a?.sentences[Number(d.sentence)];
  return item ? Math.min(1, item.start / Math.max(1, state.text.length)) : 0;
}

let stripSeq = 0;
function renderStripSoon() {
  // After the next frame: the strip lays out the text to measure it, which must not delay showing it.
  const seq = ++stripSeq;
  afterFrame(() => {
    if (seq !== stripSeq) return;
    // The strip measures every highlight's position, which lays out the whole text (texts over 100 KB:
    // placed by character offset instead); skipped for texts over 1 MB.
    if (state.text.length > BIG_BYTES) $('strip').replaceChildren();
    else if (state.view === 'read') renderStrip($('strip'), reader, state.marks, focusMark, reader.classList.contains('big') ? markFraction : null);
  });
}

function toggleKind(key) {
  if (state.shown.has(key)) state.shown.delete(key);
  else state.shown.add(key);
  saveSettings();
  renderText();
  const btn = $('legend').querySelector(`.legend-item[data-key="${key}"]`);
  if (btn) btn.focus();
}

function toggleLayer(layer, on) {
  for (const k of layer.kinds) {
    if (on) state.shown.add(k);
    else state.shown.delete(k);
  }
  saveSettings();
  renderText();
  const btns = [...$('legend').querySelectorAll('.legend-layer')];
  const btn = btns[LAYERS.indexOf(layer)];
  if (btn) btn.focus();
}

// ---------- tooltip ----------

function tipFor(mark) {
  const a = state.analysis;
  const lines = [];
  const key = mark.dataset.key;
  lines.push(h('strong', { class: 'tip-kind', dataset: { key } }, LABELS[key] || key));
  if (mark.dataset.span != null) {
    const sp = a.spans[Number(mark.dataset.span)];
    lines.push(h('div', { class: 'tip-text' }, sp.text.length > 160 ? sp.text.slice(0, 157) + '…' : sp.text));
    const facts = [];
    if (sp.kind === 'date' || sp.kind === 'time') {
      if (sp.value != null) facts.push(['ISO', String(sp.value)]);
      if (sp.relative) facts.push(['Relative', `resolved against ${a.anchor_date ?? 'the anchor date'}`]);
      if (sp.inferred) facts.push(['Year', `taken from ${a.anchor_date ?? 'the anchor date'}`]);
    } else if (NUMBER_KINDS.includes(sp.kind)) {
      facts.push(['Value', statValue(sp) || '—']);
      if (sp.currency) facts.push(['Currency', sp.currency]);
      if (sp.unit) facts.push(['Unit', sp.unit]);
      if (sp.counted) facts.push(['Counts', sp.counted]);
    } else if (sp.kind === 'quote') {
      facts.push(['Role', sp.role === 'term' ? 'quoted term' : 'statement']);
      facts.push(['Speaker', sp.speaker ? sp.speaker.text : 'not found']);
    } else if (NAME_KINDS.includes(sp.kind)) {
      const e = sp.entity != null ? a.entities[sp.entity] : null;
      if (e) facts.push(['Name', e.name], ['Mentions', String(e.count)]);
      if (sp.title) facts.push(['Title', sp.title]);
      if (e && e.roles?.length) facts.push(['Roles', e.roles.join(', ')]);
      if (sp.confidence != null) facts.push(['Confidence', `${Math.round(sp.confidence * 100)}%`]);
    }
    if (facts.length) lines.push(h('dl', {}, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
  } else {
    const se = a.sentences[Number(mark.dataset.sentence)];
    lines.push(h('div', {}, `Grade ${se.grade.toFixed(1)} · ${se.words} words. Try splitting it or using shorter words.`));
  }
  return lines;
}

let tipMark = null;
function showTip(mark) {
  if (!mark || !state.analysis) return;
  tipMark = mark;
  tip.replaceChildren(...tipFor(mark));
  tip.hidden = false;
  const r = mark.getClientRects()[0] || mark.getBoundingClientRect();
  const tw = tip.offsetWidth;
  const th = tip.offsetHeight;
  let left = Math.min(Math.max(4, r.left), window.innerWidth - tw - 4);
  let top = r.bottom + 6;
  if (top + th > window.innerHeight - 4) top = Math.max(4, r.top - th - 6);
  tip.style.setProperty('left', `${Math.round(left)}px`);
  tip.style.setProperty('top', `${Math.round(top)}px`);
  mark.setAttribute('aria-describedby', 'tip');
}

function hideTip() {
  if (tipMark) tipMark.removeAttribute('aria-describedby');
  tipMark = null;
  tip.hidden = true;
}

reader.addEventListener('mouseover', (ev) => {
  const m = ev.target.closest && ev.target.closest('mark.hl');
  if (m) showTip(m);
});
reader.addEventListener('mouseleave', () => {
  if (!reader.contains(document.activeElement) || document.activeElement === reader) hideTip();
});
reader.addEventListener('focusin', (ev) => {
  if (ev.target.matches && ev.target.matches('mark.hl')) showTip(ev.target);
});
reader.addEventListener('focusout', () => hideTip());
let readerScrolled = false;
reader.addEventListener('scroll', () => {
  readerScrolled = true;
  if (tipMark) showTip(tipMark);
});
document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && !tip.hidden) hideTip();
});
reader.addEventListener('click', (ev) => {
  const m = ev.target.closest && ev.target.closest('mark.hl[data-entity]');
  if (m) selectEntity(Number(m.dataset.entity), m);
});
reader.addEventListener('keydown', (ev) => {
  if (ev.key !== 'Enter' && ev.key !== ' ') return;
  const m = ev.target.closest && ev.target.closest('mark.hl[data-entity]');
  if (m && m === ev.target) {
    ev.preventDefault();
    selectEntity(Number(m.dataset.entity), m);
  }
});

// ---------- jumping, entity selection ----------

function focusMark(mark) {
  if (!mark) return;
  if (state.view !== 'read') setView('read');
  mark.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  mark.focus({ preventScroll: true });
  mark.classList.remove('flash');
  void mark.offsetWidth;
  mark.classList.add('flash');
}

function jumpToSpan(i) {
  const a = state.analysis;
  if (state.view !== 'read') setView('read');
  let m = reader.querySelector(`mark.hl[data-span="${i}"]`);
  if (!m && a && a.spans[i]) {
    state.shown.add(keyOf(a.spans[i]));
    saveSettings();
    renderText();
    m = reader.querySelector(`mark.hl[data-span="${i}"]`);
  }
  focusMark(m);
}

function entityMarks() {
  if (state.entity == null) return [];
  return [...reader.querySelectorAll(`mark.hl[data-entity="${state.entity}"]:not([data-cont])`)];
}

function markEntity() {
  for (const m of reader.querySelectorAll('mark.hl.selected')) m.classList.remove('selected');
  for (const b of document.querySelectorAll('button.entity')) b.setAttribute('aria-pressed', String(Number(b.dataset.entity) === state.entity));
  const nav = $('entity-nav');
  const a = state.analysis;
  if (state.entity == null || !a) {
    nav.hidden = true;
    document.body.classList.remove('has-selection');
    return;
  }
  const marks = entityMarks();
  for (const m of reader.querySelectorAll(`mark.hl[data-entity="${state.entity}"]`)) m.classList.add('selected');
  document.body.classList.add('has-selection');
  const e = a.entities[state.entity];
  nav.hidden = false;
  $('entity-nav-label').textContent = `${e.name} (${LABELS[e.kind]}): `;
  $('entity-nav-pos').textContent = marks.length
    ? `${state.entityPos >= 0 ? state.entityPos + 1 : '–'} of ${marks.length}`
    : `${e.count} mentions (turn on “${LABELS[e.kind]}” to see them)`;
}

function selectEntity(id, fromMark) {
  if (id != null && state.view !== 'read') setView('read');
  state.entity = id;
  state.entityPos = -1;
  if (id != null) {
    const e = state.analysis.entities[id];
    if (e && !state.shown.has(e.kind)) {
      state.shown.add(e.kind);
      saveSettings();
      renderText();
    }
    const marks = entityMarks();
    state.entityPos = fromMark ? marks.indexOf(fromMark) : -1;
  }
  markEntity();
  if (id != null && !fromMark) stepEntity(1);
}

function stepEntity(dir) {
  const marks = entityMarks();
  if (!marks.length) return;
  state.entityPos = (state.entityPos + dir + marks.length) % marks.length;
  if (state.entityPos < 0) state.entityPos = 0;
  markEntity();
  focusMark(marks[state.entityPos]);
}

$('entity-next').addEventListener('click', () => stepEntity(1));
$('entity-prev').addEventListener('click', () => stepEntity(-1));
$('entity-clear').addEventListener('click', () => selectEntity(null));

// ---------- views ----------

function setView(view) {
  if (view === state.view) return;
  const from = view === 'read' ? input : reader;
  const to = view === 'read' ? reader : input;
  // Both panes share font, size and wrapping, so the same scrollTop shows the same lines;
  // fall back to the same fraction when the heights differ (e.g. the text was edited).
  const top = from.scrollTop;
  const frac = top / Math.max(1, from.scrollHeight - from.clientHeight);
  state.view = view;
  if (view === 'read' && state.textDirty && input.value === state.text) {
    viewport.dataset.view = view;
    renderText();
  }
  viewport.dataset.view = view;
  $('view-read').setAttribute('aria-pressed', String(view === 'read'));
  $('view-edit').setAttribute('aria-pressed', String(view === 'edit'));
  hideTip();
  const pending = lastRequest && lastRequest.text === input.value && inflight;
  if (view === 'read' && input.value !== state.text) {
    // The reader still holds an older text, which the analysis of this one replaces: measuring it or
    // drawing its strip now would lay it out for nothing (seconds for a long text). The new render
    // opens at the same place instead.
    state.scrollFrac = frac;
    if (!pending) analyzeNow();
    return;
  }
  state.scrollFrac = null;
  const same = Math.abs(from.scrollHeight - to.scrollHeight) < 4;
  to.scrollTop = same ? top : frac * Math.max(0, to.scrollHeight - to.clientHeight);
  if (view === 'read') renderStripSoon();
}

$('view-read').addEventListener('click', () => setView('read'));
$('view-edit').addEventListener('click', () => {
  setView('edit');
  input.focus({ preventScroll: true });
});

// ---------- exports ----------

function docTitle() {
  const first = (state.text.split('\n').find((l) => l.trim()) || '').trim();
  return first.length > 100 ? first.slice(0, 97) + '…' : first;
}

function renderExports() {
  const rows = EXPORTS.map(([id, label, file, mime, build]) =>
    h(
      'div',
      { class: 'export-row' },
      h('span', {}, label),
      h('button', { type: 'button', dataset: { export: id }, onclick: () => download(file, mime, build(state.analysis, docTitle())) }, 'Download'),
      h(
        'button',
        {
          type: 'button',
          dataset: { copy: id },
          onclick: async () => {
            try {
              await copyText(build(state.analysis, docTitle()));
              setStatus(`${label} copied to the clipboard.`);
            } catch (e) {
              setStatus(`Could not copy: ${e.message || e}. Use Download instead.`, 'error');
            }
          },
        },
        'Copy',
      ),
    ),
  );
  rows.push(h('div', { class: 'export-row' }, h('span', {}, 'Printable page'), h('button', { type: 'button', onclick: () => window.print() }, 'Print')));
  $('exports').replaceChildren(...rows);
}

// ---------- share ----------

$('share').addEventListener('click', async () => {
  try {
    const frag = await encodeText(input.value);
    if (frag.length > MAX_FRAGMENT) {
      setStatus(
        `This text is too long for a link (${frag.length.toLocaleString('en-US')} characters compressed; links stay under ${MAX_FRAGMENT.toLocaleString('en-US')}). Export it instead.`,
        'error',
      );
      return;
    }
    const url = `${location.origin}${location.pathname}${location.search}#${frag}`;
    let box = $('share-url');
    if (!box) {
      box = h('input', { id: 'share-url', class: 'share-url', type: 'text', readonly: true, 'aria-label': 'Share link' });
      $('settings').after(box);
    }
    box.value = url;
    try {
      await copyText(url);
      setStatus(`Link copied (${url.length.toLocaleString('en-US')} characters). Anyone who opens it sees this text; nothing is uploaded.`);
    } catch {
      box.select();
      setStatus('Copy the link from the box below the toolbar (the browser refused to copy it).');
    }
  } catch (e) {
    setStatus(`Could not make a link: ${e.message || e}`, 'error');
  }
});

async function restoreFromFragment() {
  try {
    const text = await decodeFragment(location.hash);
    if (text == null) {
      if (/^#t=/.test(location.hash)) throw new Error('not a share link');
      return false;
    }
    input.value = text;
    store(TEXT_KEY, text);
    // Drop the fragment so later edits (kept in storage) win over the link on reload.
    history.replaceState(null, '', location.pathname + location.search);
    return true;
  } catch {
    notify('This link is damaged: its text could not be restored. The text in the editor was left as it was.');
    return false;
  }
}

window.addEventListener('hashchange', async () => {
  if (await restoreFromFragment()) analyzeNow();
});

// ---------- editor, buttons, settings ----------

input.addEventListener('input', () => {
  saveTextSoon();
  analyzeSoon();
});

async function getSample() {
  if (state.sample == null) {
    // boot.js may have fetched it already (once).
    const boot = early();
    const prefetched = boot.sample;
    boot.sample = null;
    const text = prefetched ? await prefetched.catch(() => null) : null;
    if (typeof text === 'string') {
      state.sample = text;
      return text;
    }
    const res = await fetch(new URL('./sample.txt', import.meta.url));
    if (!res.ok) throw new Error(`sample.txt: HTTP ${res.status}`);
    state.sample = await res.text();
  }
  return state.sample;
}

$('sample').addEventListener('click', async () => {
  try {
    input.value = await getSample();
    input.scrollTop = 0;
    reader.scrollTop = 0;
    store(TEXT_KEY, input.value);
    analyzeNow();
  } catch (e) {
    setStatus(`Could not load the sample article: ${e.message || e}`, 'error');
  }
});

const dialog = $('confirm-clear');
$('clear').addEventListener('click', () => {
  if (!input.value) return;
  dialog.returnValue = '';
  dialog.showModal();
});
dialog.addEventListener('close', () => {
  if (dialog.returnValue !== 'clear') return;
  input.value = '';
  store(TEXT_KEY, '');
  analyzeNow();
  setView('edit');
  input.focus();
});

$('settings-toggle').addEventListener('click', () => {
  const panel = $('settings');
  panel.hidden = !panel.hidden;
  $('settings-toggle').setAttribute('aria-expanded', String(!panel.hidden));
});

$('anchor-date').addEventListener('change', (ev) => {
  const v = ev.target.value;
  state.anchor = /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '';
  saveSettings();
  analyzeNow();
});

$('theme').addEventListener('change', (ev) => {
  state.theme = ev.target.value;
  saveSettings();
  applyTheme();
});

$('kinds-all').addEventListener('click', () => {
  state.shown = new Set(ALL_KEYS);
  saveSettings();
  renderText();
});
$('kinds-default').addEventListener('click', () => {
  state.shown = new Set(DEFAULT_SHOWN);
  saveSettings();
  renderText();
});

let resizeTimer = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(renderStripSoon, 150);
});

// Printing shows every panel: open the closed ones for the print, then restore them. Shortened lists
// are shown whole (and stay so), and a long text still being built is built whole first.
let closedPanels = [];
window.addEventListener('beforeprint', () => {
  finishChunkedRender();
  expandLists();
  closedPanels = [...document.querySelectorAll('details.panel:not([open])')];
  for (const d of closedPanels) d.open = true;
});
window.addEventListener('afterprint', () => {
  for (const d of closedPanels) d.open = false;
  closedPanels = [];
});

// ---------- start ----------

async function start() {
  loadSettings();
  applyTheme();
  $('anchor-date').value = state.anchor;
  let restored = await restoreFromFragment();
  if (!restored) {
    let saved = null;
    try {
      saved = localStorage.getItem(TEXT_KEY);
    } catch {
      /* storage blocked */
    }
    if (saved != null) {
      input.value = saved;
      restored = true;
    }
  }
  if (!restored) {
    try {
      input.value = await getSample();
    } catch (e) {
      setStatus(`Could not load the sample article: ${e.message || e}. Paste an article to begin.`, 'error');
    }
  }
  if (!input.value) setView('edit');
  analyzeNow();
  // While the analyzer loads, the reader shows the text unhighlighted (a short text only: a long one is
  // laid out line by line once analyzed); this also gets the reader's fonts ready for the highlights.
  if (state.view === 'read' && !state.analysis && input.value.length <= 100_000) showPlainText(input.value);
}

start();

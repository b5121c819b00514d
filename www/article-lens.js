// <article-lens>: drop-in article analysis for any page.
//
//   <script type="module" src="https://example.com/article-lens/article-lens.js"></script>
//   <article-lens kinds="person place date percent quote" theme="auto" panels="summary">
//     …article text…
//   </article-lens>
//
// The element analyzes its text content (or its `text` property when set) in a Web Worker and renders
// the text with highlights and a summary inside its shadow root, with its own styles: the page's CSS
// doesn't reach in and the element's CSS doesn't leak out. Every highlight is a <mark data-kind="…">;
// names also carry data-entity (the index into analysis.entities).
//
// Attributes: kinds (space-separated kinds to show; default: names, dates, times, numbers, quotes),
//   theme (light | dark | auto), panels (none | summary | full), anchor-date (YYYY-MM-DD, for "yesterday").
// Events: `analysis` (bubbles, composed; detail = the Analysis), `analysis-error` (detail = { message }).
// The wasm is loaded from ./pkg/ next to this file, so the element works from any path or origin.

import { createAnalyzer } from './lens.js';
import { LABELS as KIND_LABELS, LAYERS, NAME_KINDS, NUMBER_KINDS } from './kinds.js';

// Kinds of spans (the legend's keys split quotes into statement/term; this element shows one kind).
const DATE_KINDS = LAYERS[1].kinds;
const STYLE_KINDS = ['passive', 'adverb', 'hedge'];
const ALL_KINDS = [...NAME_KINDS, ...DATE_KINDS, ...NUMBER_KINDS, 'quote', ...STYLE_KINDS];
const DEFAULT_KINDS = ALL_KINDS.filter((k) => !STYLE_KINDS.includes(k));

const LABELS = { ...KIND_LABELS, quote: 'Quote' };

const CSS = `
:host { all: initial; display: block; contain: content; }
:host([hidden]) { display: none; }
/* Everything the page could pass down by inheritance is reset here, then set explicitly. */
.root {
  all: initial;
  display: block;
  box-sizing: border-box;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 16px;
  line-height: 1.6;
  color: var(--al-fg);
  background: var(--al-bg);
  border: 1px solid var(--al-border);
  border-radius: 8px;
  padding: 12px 16px;
  text-align: start;
  --al-fg: #1d2126; --al-bg: #ffffff; --al-muted: #5c6570; --al-border: #d9dde2; --al-chip: #f1f3f5;
  --k-person: #ffd8a8; --k-organization: #d0bfff; --k-place: #b2f2bb; --k-group: #ffc9c9; --k-misc: #dee2e6;
  --k-date: #a5d8ff; --k-time: #99e9f2; --k-number: #ffec99; --k-quote: #f1f3f5; --k-quote-line: #868e96;
  --k-passive: #4dabf7; --k-adverb: #f783ac; --k-hedge: #ff922b;
}
.root.dark {
  --al-fg: #e6e8eb; --al-bg: #16191d; --al-muted: #a3abb5; --al-border: #343a40; --al-chip: #25292e;
  --k-person: #6b4513; --k-organization: #4c3b85; --k-place: #1f5e2c; --k-group: #7a2a2a; --k-misc: #495057;
  --k-date: #1c4f7a; --k-time: #0f5a63; --k-number: #6b5a0f; --k-quote: #25292e; --k-quote-line: #adb5bd;
  --k-passive: #74c0fc; --k-adverb: #faa2c1; --k-hedge: #ffa94d;
}
.root *, .root *::before, .root *::after { box-sizing: border-box; }
.text { display: block; white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
mark {
  display: inline; color: inherit; background: transparent; font: inherit;
  border-radius: 3px; padding: 0 1px; margin: 0; visibility: visible; opacity: 1;
  -webkit-box-decoration-break: clone; box-decoration-break: clone;
}
mark[data-kind="person"] { background: var(--k-person); }
mark[data-kind="organization"] { background: var(--k-organization); }
mark[data-kind="place"] { background: var(--k-place); }
mark[data-kind="group"] { background: var(--k-group); }
mark[data-kind="misc"] { background: var(--k-misc); }
mark[data-kind="date"] { background: var(--k-date); }
mark[data-kind="time"] { background: var(--k-time); }
mark[data-kind="percent"], mark[data-kind="money"], mark[data-kind="quantity"],
mark[data-kind="cardinal"], mark[data-kind="ordinal"] { background: var(--k-number); }
mark[data-kind="quote"] { background: var(--k-quote); box-shadow: inset 0 -2px 0 var(--k-quote-line); font-style: italic; }
mark[data-kind="passive"] { text-decoration: underline wavy var(--k-passive); }
mark[data-kind="adverb"] { text-decoration: underline wavy var(--k-adverb); }
mark[data-kind="hedge"] { text-decoration: underline wavy var(--k-hedge); }
.summary { display: block; margin: 12px 0 0; padding: 10px 0 0; border-top: 1px solid var(--al-border); font-size: 14px; }
.summary h3 { all: unset; display: block; font-weight: 600; font-size: 13px; color: var(--al-muted); margin: 8px 0 4px; }
.stats, .counts { display: block; margin: 0 0 4px; color: var(--al-muted); }
.chips { display: flex; flex-wrap: wrap; gap: 4px 6px; margin: 0; padding: 0; list-style: none; }
.chip { display: inline-block; padding: 0 8px; border-radius: 999px; background: var(--al-chip); }
.chip .dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 5px; vertical-align: middle; }
.chip .n { color: var(--al-muted); margin-left: 4px; }
.list { display: block; margin: 0; padding: 0 0 0 18px; }
.list li { display: list-item; margin: 2px 0; }
.who { font-weight: 600; }
.muted { color: var(--al-muted); }
.error { display: block; color: #c92a2a; margin: 8px 0 0; }
.status { display: block; color: var(--al-muted); font-size: 13px; margin: 0 0 6px; }
.status:empty { display: none; }
`;

const KIND_COLOR = (kind) =>
  NUMBER_KINDS.includes(kind) ? 'var(--k-number)' : STYLE_KINDS.includes(kind) ? `var(--k-${kind})` : `var(--k-${kind})`;

let sheetCache;
function sharedSheet() {
  if (sheetCache === undefined) {
    try {
      sheetCache = new CSSStyleSheet();
      sheetCache.replaceSync(CSS);
    } catch {
      sheetCache = null;
    }
  }
  return sheetCache;
}

let sharedAnalyzer = null;
function analyzer() {
  if (!sharedAnalyzer) sharedAnalyzer = createAnalyzer({ worker: true });
  return sharedAnalyzer;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) for (const [k, v] of Object.entries(attrs)) if (v != null) node.setAttribute(k, String(v));
  for (const c of children) {
    if (c == null || c === false) continue;
    node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return node;
}

function fmt(n, digits = 0) {
  return typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits }) : '';
}

function spanNote(s, analysis) {
  const bits = [LABELS[s.kind] || s.kind];
  if (s.kind === 'quote' && s.speaker) bits.push(`said by ${s.speaker.text}`);
  if (s.title) bits.push(s.title);
  if (typeof s.entity === 'number' && analysis.entities[s.entity]) {
    const e = analysis.entities[s.entity];
    if (e.name !== s.text) bits.push(e.name);
  }
  if (s.value != null) bits.push(typeof s.value === 'number' ? fmt(s.value, 6) : String(s.value));
  if (s.min != null || s.max != null) bits.push(`${fmt(s.min, 6)}–${fmt(s.max, 6)}`);
  if (s.currency) bits.push(s.currency);
  return bits.join(' · ');
}

/**
 * Builds the highlighted text with text nodes and <mark>s. Spans nest (a name inside a quote); a span
 * that crosses the edge of an enclosing one is left out.
 */
function renderText(text, spans, shown, analysis) {
  const frag = document.createDocumentFragment();
  const root = { start: 0, end: text.length, children: [] };
  const stack = [root];
  for (const s of spans) {
    if (!shown.has(s.kind)) continue;
    if (!(s.end > s.start) || s.start < 0 || s.end > text.length) continue;
    while (stack.length > 1 && stack[stack.length - 1].end <= s.start) stack.pop();
    const top = stack[stack.length - 1];
    if (s.end > top.end) continue; // crosses its container
    const node = { start: s.start, end: s.end, span: s, children: [] };
    top.children.push(node);
    stack.push(node);
  }
  const build = (node, parent) => {
    let at = node.start;
    for (const c of node.children) {
      if (c.start > at) parent.append(document.createTextNode(text.slice(at, c.start)));
      const s = c.span;
      const mark = el('mark', {
        'data-kind': s.kind,
        'data-entity': NAME_KINDS.includes(s.kind) && typeof s.entity === 'number' ? s.entity : null,
        'data-role': s.role ?? null,
        title: spanNote(s, analysis),
        part: 'mark',
      });
      build(c, mark);
      parent.append(mark);
      at = c.end;
    }
    if (node.end > at) parent.append(document.createTextNode(text.slice(at, node.end)));
  };
  build(root, frag);
  return frag;
}

function renderSummary(a, shown, full) {
  const st = a.stats;
  const section = el('section', { class: 'summary', part: 'summary', 'aria-label': 'Summary' });
  const minutes = st.reading_time_s / 60;
  section.append(
    el(
      'p',
      { class: 'stats' },
      `${fmt(st.words)} words · ${fmt(st.sentences)} sentences · ${minutes < 1 ? '<1' : fmt(minutes)} min read · grade ${fmt(st.flesch_kincaid_grade, 1)}`,
    ),
  );
  const count = (kinds) => a.spans.filter((s) => kinds.includes(s.kind)).length;
  const counts = [
    ['names', count(NAME_KINDS)],
    ['dates', count(DATE_KINDS)],
    ['numbers', count(NUMBER_KINDS)],
    ['quotes', count(['quote'])],
  ];
  section.append(el('p', { class: 'counts' }, counts.map(([k, n]) => `${fmt(n)} ${k}`).join(' · ')));

  const entities = [...a.entities]
    .filter((e) => shown.has(e.kind))
    .sort((x, y) => y.salience - x.salience || y.count - x.count)
    .slice(0, full ? 30 : 8);
  if (entities.length) {
    section.append(el('h3', null, 'Names'));
    const ul = el('ul', { class: 'chips' });
    for (const e of entities) {
      const dot = el('span', { class: 'dot', 'aria-hidden': 'true' });
      dot.style.background = KIND_COLOR(e.kind);
      ul.append(
        el('li', { class: 'chip', 'data-kind': e.kind, 'data-entity': e.id, title: LABELS[e.kind] }, dot, e.name, el('span', { class: 'n' }, `×${e.count}`)),
      );
    }
    section.append(ul);
  }
  if (!full) return section;

  const quotes = a.spans.filter((s) => s.kind === 'quote' && s.role !== 'term');
  if (quotes.length) {
    section.append(el('h3', null, 'Quotes'));
    const ol = el('ul', { class: 'list' });
    for (const q of quotes) {
      ol.append(el('li', null, el('span', { class: 'who' }, q.speaker ? q.speaker.text : 'Unattributed'), ': ', q.text));
    }
    section.append(ol);
  }
  const numbers = a.spans.filter((s) => ['percent', 'money', 'quantity'].includes(s.kind));
  if (numbers.length) {
    section.append(el('h3', null, 'Statistics'));
    const ul = el('ul', { class: 'list' });
    for (const s of numbers) ul.append(el('li', null, s.text, el('span', { class: 'muted' }, ` (${LABELS[s.kind]})`)));
    section.append(ul);
  }
  const dates = a.spans.filter((s) => DATE_KINDS.includes(s.kind));
  if (dates.length) {
    section.append(el('h3', null, 'Dates'));
    const ul = el('ul', { class: 'list' });
    for (const s of dates) {
      ul.append(el('li', null, s.text, s.value != null ? el('span', { class: 'muted' }, ` → ${s.value}`) : null));
    }
    section.append(ul);
  }
  if (st.keywords && st.keywords.length) {
    section.append(el('h3', null, 'Keywords'));
    section.append(el('p', { class: 'stats' }, st.keywords.slice(0, 12).map((k) => `${k.word} (${k.count})`).join(', ')));
  }
  section.append(
    el(
      'p',
      { class: 'stats' },
      `Flesch reading ease ${fmt(st.flesch_reading_ease, 1)} · Gunning fog ${fmt(st.gunning_fog, 1)} · SMOG ${fmt(st.smog, 1)} · ${fmt(st.paragraphs)} paragraphs`,
    ),
  );
  return section;
}

export class ArticleLensElement extends HTMLElement {
  static get observedAttributes() {
    return ['kinds', 'theme', 'panels', 'anchor-date'];
  }

  constructor() {
    super();
    this._text = null; // set through the `text` property
    this._analysis = null;
    this._analyzedText = null;
    this._controller = null;
    this._scheduled = false;
    this._observer = null;
    const shadow = this.attachShadow({ mode: 'open' });
    this._root = el('div', { class: 'root', part: 'root' });
    this._status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this._body = el('div', { class: 'text', part: 'text' });
    this._panel = el('div');
    this._root.append(this._status, this._body, this._panel);
    // A constructed stylesheet is CSSOM, so a page CSP without 'unsafe-inline' styles still allows it.
    const sheet = sharedSheet();
    if (sheet) shadow.adoptedStyleSheets = [sheet];
    else shadow.append(el('style', null, CSS));
    shadow.append(this._root);
    this._media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
    this._onMedia = () => this._applyTheme();
  }

  /** The text to analyze: the `text` property when set, else the element's text content. */
  get text() {
    return this._text ?? this._lightText();
  }

  set text(value) {
    this._text = value == null ? null : String(value);
    this._schedule();
  }

  /** The latest Analysis, or null. */
  get analysis() {
    return this._analysis;
  }

  connectedCallback() {
    this._applyTheme();
    if (this._media) this._media.addEventListener('change', this._onMedia);
    if (!this._observer) {
      this._observer = new MutationObserver(() => {
        if (this._text == null) this._schedule();
      });
    }
    this._observer.observe(this, { childList: true, characterData: true, subtree: true });
    this._schedule();
  }

  disconnectedCallback() {
    if (this._media) this._media.removeEventListener('change', this._onMedia);
    if (this._observer) this._observer.disconnect();
    if (this._controller) this._controller.abort();
    this._controller = null;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (name === 'theme') this._applyTheme();
    else if (name === 'anchor-date') this._schedule(true);
    else if (this._analysis) this._render();
  }

  _lightText() {
    // Leading and trailing blank lines come from the markup's indentation, not the article.
    return (this.textContent || '').replace(/^\s*\n/, '').replace(/\s+$/, '');
  }

  _shownKinds() {
    const attr = this.getAttribute('kinds');
    if (attr == null || !attr.trim()) return new Set(DEFAULT_KINDS);
    const kinds = new Set();
    for (const word of attr.trim().toLowerCase().split(/[\s,]+/)) {
      if (word === 'all') ALL_KINDS.forEach((k) => kinds.add(k));
      else if (word === 'names') NAME_KINDS.forEach((k) => kinds.add(k));
      else if (word === 'numbers') NUMBER_KINDS.forEach((k) => kinds.add(k));
      else if (word === 'dates') DATE_KINDS.forEach((k) => kinds.add(k));
      else if (word === 'style') STYLE_KINDS.forEach((k) => kinds.add(k));
      else if (word === 'quotes') kinds.add('quote');
      else if (ALL_KINDS.includes(word)) kinds.add(word);
    }
    return kinds;
  }

  _applyTheme() {
    const theme = (this.getAttribute('theme') || 'auto').toLowerCase();
    const dark = theme === 'dark' || (theme !== 'light' && !!(this._media && this._media.matches));
    this._root.classList.toggle('dark', dark);
  }

  _schedule(force = false) {
    if (force) this._analyzedText = null;
    if (this._scheduled) return;
    this._scheduled = true;
    queueMicrotask(() => {
      this._scheduled = false;
      if (this.isConnected) this._run();
    });
  }

  async _run() {
    const text = this.text;
    if (text === this._analyzedText && this._analysis) return;
    if (this._controller) this._controller.abort(); // a newer text replaces a stale run
    const controller = new AbortController();
    this._controller = controller;
    const anchor = this.getAttribute('anchor-date');
    const options = anchor ? { anchor_date: anchor } : undefined;
    if (!this._analysis) this._status.textContent = 'Analyzing…';
    let analysis;
    try {
      analysis = await analyzer().analyze(text, options, { signal: controller.signal });
    } catch (e) {
      if (e && e.name === 'AbortError') return;
      if (this._controller !== controller) return;
      this._controller = null;
      this._analysis = null;
      this._status.textContent = '';
      this._body.replaceChildren(document.createTextNode(text));
      this._panel.replaceChildren(el('p', { class: 'error', role: 'alert' }, `Could not analyze this text: ${(e && e.message) || e}`));
      this.dispatchEvent(new CustomEvent('analysis-error', { detail: { message: String((e && e.message) || e) }, bubbles: true, composed: true }));
      return;
    }
    if (this._controller !== controller) return;
    this._controller = null;
    this._analysis = analysis;
    this._analyzedText = text;
    this._status.textContent = '';
    this._render();
    this.dispatchEvent(new CustomEvent('analysis', { detail: analysis, bubbles: true, composed: true }));
  }

  _render() {
    const a = this._analysis;
    const text = this._analyzedText ?? '';
    const shown = this._shownKinds();
    this._body.replaceChildren(renderText(text, a.spans, shown, a));
    const panels = (this.getAttribute('panels') || 'summary').toLowerCase();
    this._panel.replaceChildren(panels === 'none' ? '' : renderSummary(a, shown, panels === 'full'));
  }
}

if (!customElements.get('article-lens')) customElements.define('article-lens', ArticleLensElement);

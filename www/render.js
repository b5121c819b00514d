// Highlighted text: turns the flat, possibly overlapping span list into a nesting and builds the DOM
// with elements and text nodes only (never innerHTML).

import { keyOf, describe, LABELS } from './kinds.js';
import { textWithMarkers } from './dom.js';

export { textWithMarkers };

/** A small binary min-heap ordered by `less`. */
class Heap {
  constructor(less) {
    this.a = [];
    this.less = less;
  }
  get size() {
    return this.a.length;
  }
  push(x) {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop() {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Builds a tree of non-crossing pieces from highlight items `{start, end, rank, ...}`.
 * Order: start ascending, lines (`tier` 0) first, longer first, then lower `rank` outside. A piece that crosses the end of the
 * piece it sits in is split there; the remainder is placed again (so a quote keeps its names inside, and
 * a sentence that crosses a quote is cut into parts). Returns the root node `{start, end, children}`.
 */
export function nest(items, length) {
  // Lines (tier 0) are always outermost; then longer first, then lower rank.
  const less = (x, y) =>
    x.start - y.start || (x.tier | 0) - (y.tier | 0) || y.end - x.end || x.rank - y.rank || x.seq - y.seq;
  const heap = new Heap((x, y) => less(x, y) < 0);
  let seq = 0;
  for (const it of items) {
    const start = Math.max(0, it.start | 0);
    const end = Math.min(length, it.end | 0);
    if (end > start) heap.push({ ...it, start, end, seq: seq++ });
  }
  const root = { start: 0, end: length, children: [], item: null };
  const stack = [root];
  while (heap.size) {
    const it = heap.pop();
    while (stack.length > 1 && stack[stack.length - 1].end <= it.start) stack.pop();
    const parent = stack[stack.length - 1];
    let end = it.end;
    if (end > parent.end) {
      heap.push({ ...it, start: parent.end, seq: seq++, cont: true });
      end = parent.end;
    }
    const node = { start: it.start, end, children: [], item: it };
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

/** Items to highlight: the shown spans plus hard / very hard sentences when those are shown. */
export function highlightItems(analysis, shown, text = '') {
  const items = [];
  // Each line is its own block: the browser lays out many small blocks far faster than one huge one.
  let ls = 0;
  for (;;) {
    const nl = text.indexOf('\n', ls);
    const le = nl < 0 ? text.length : nl + 1;
    if (le > ls) items.push({ start: ls, end: le, key: 'line', rank: -1, tier: 0, line: true });
    if (nl < 0) break;
    ls = le;
  }
  analysis.sentences.forEach((s, i) => {
    if ((s.difficulty === 'hard' || s.difficulty === 'very-hard') && shown.has(s.difficulty)) {
      items.push({ start: s.start, end: s.end, key: s.difficulty, rank: 0, tier: 1, sentence: i });
    }
  });
  const RANK = { quote: 1, passive: 2 };
  analysis.spans.forEach((sp, i) => {
    const key = keyOf(sp);
    if (!shown.has(key)) return;
    items.push({ start: sp.start, end: sp.end, key, rank: RANK[sp.kind] ?? 3, tier: 1, span: i });
  });
  return items;
}

/** The aria-label / tooltip line of an item. */
export function itemLabel(item, analysis) {
  if (item.span != null) return describe(analysis.spans[item.span], analysis);
  const s = analysis.sentences[item.sentence];
  return `${LABELS[item.key].toLowerCase()}: grade ${s.grade.toFixed(1)}, ${s.words} words`;
}

/**
 * Texts longer than this (UTF-16 units) are long: the page builds them with `renderHighlightsChunked`, in
 * blocks that are laid out only when on screen (the reader's `big` class).
 */
export const LONG_TEXT = 100_000;

/**
 * Fills `container` with the text and its highlights. Every highlight is `<mark class="hl" data-kind data-key>`
 * (kind: the span's kind or "sentence"; key: the legend entry, e.g. quotes split into statement/term),
 * focusable, with an aria-label; names carry `data-entity`. Returns the marks in document order.
 */
export function renderHighlights(container, text, analysis, shown) {
  const root = nest(highlightItems(analysis, shown, text), text.length);
  const frag = document.createDocumentFragment();
  const marks = [];
  makeEmitter(text, analysis, marks)(root, frag);
  container.classList.remove('big');
  container.replaceChildren(frag);
  return marks;
}

let generation = 0;

/** Gives the event loop a turn: input, timers and a frame can run before the next slice. */
function yieldToPage() {
  // A message, not setTimeout(0), which browsers stretch to 4 ms after a few nested calls; nor
  // scheduler.yield(), whose continuations go before frames (measured: 7 frames in 2 s of slices).
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/** The chunked render in progress: `finish()` builds the rest at once. */
let inProgress = null;

/**
 * The same as `renderHighlights` for long texts, built in slices of about `sliceMs` of work with the event
 * loop free in between, so that typing, scrolling and clicks are answered while tens of thousands of
 * highlights are built. Resolves to the marks, or to null when a newer render (or `stopChunkedRender`)
 * started meanwhile. `finishChunkedRender()` builds what is left at once (for printing).
 */
export async function renderHighlightsChunked(container, text, analysis, shown, sliceMs = 20) {
  const gen = ++generation;
  const root = nest(highlightItems(analysis, shown, text), text.length);
  const marks = [];
  const emit = makeEmitter(text, analysis, marks);
  container.classList.add('big');
  container.replaceChildren();
  const kids = root.children;
  const BATCH = 32; // lines per block, and between looks at the clock
  let pos = 0;
  let i = 0;
  /** Builds lines until about `ms` have passed (at least one batch), or all of them. */
  const step = (ms) => {
    const t0 = performance.now();
    const frag = document.createDocumentFragment();
    do {
      const j = Math.min(kids.length, i + BATCH);
      const part = { start: pos, end: j < kids.length ? kids[j].start : text.length, children: kids.slice(i, j) };
      // Each batch of lines is one block that the browser lays out only when it is on screen
      // (`.reader.big .block`): a few hundred such blocks cost far less per frame than 10,000 lines.
      const block = document.createElement('div');
      block.className = 'block';
      emit(part, block);
      frag.appendChild(block);
      pos = part.end;
      i = j;
    } while (i < kids.length && performance.now() - t0 < ms);
    container.appendChild(frag);
  };
  const me = { finish: () => i < kids.length && step(Infinity) };
  inProgress = me;
  try {
    while (i < kids.length) {
      if (i > 0) {
        await yieldToPage();
        if (gen !== generation) return null;
      }
      if (i < kids.length) step(sliceMs); // (finish() may have built the rest meanwhile)
    }
  } finally {
    if (inProgress === me) inProgress = null;
  }
  if (!kids.length && text) container.appendChild(textWithMarkers(text));
  return marks;
}

/** Builds the rest of a chunked render in progress now, in this task (before a print). */
export function finishChunkedRender() {
  inProgress?.finish();
}

/** Stops a chunked render in progress. */
export function stopChunkedRender() {
  generation++;
  inProgress = null;
}

function makeEmitter(text, analysis, marks) {
  const emit = (node, parentEl) => {
    let pos = node.start;
    for (const child of node.children) {
      if (child.start > pos) parentEl.appendChild(textWithMarkers(text.slice(pos, child.start)));
      const it = child.item;
      if (it.line) {
        const line = document.createElement('div');
        line.className = 'line';
        emit(child, line);
        parentEl.appendChild(line);
        pos = child.end;
        continue;
      }
      const el = document.createElement('mark');
      el.className = 'hl';
      el.dataset.key = it.key;
      if (it.span != null) {
        el.dataset.span = String(it.span);
        const sp = analysis.spans[it.span];
        el.dataset.kind = sp.kind;
        if (sp.role) el.dataset.role = sp.role;
        if (sp.entity != null) el.dataset.entity = String(sp.entity);
      } else {
        el.dataset.kind = 'sentence';
        el.dataset.difficulty = it.key;
        el.dataset.sentence = String(it.sentence);
      }
      if (it.cont) el.dataset.cont = '1';
      el.tabIndex = 0;
      el.setAttribute('role', 'note');
      el.setAttribute('aria-label', itemLabel(it, analysis));
      marks.push(el);
      emit(child, el);
      parentEl.appendChild(el);
      pos = child.end;
    }
    if (node.end > pos) parentEl.appendChild(textWithMarkers(text.slice(pos, node.end)));
  };
  return emit;
}

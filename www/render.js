// Highlighted text: turns the flat, possibly overlapping span list into a nesting and builds the DOM
// with elements and text nodes only (never innerHTML).

import { keyOf, describe, LABELS } from './kinds.js';

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
 * Fills `container` with the text and its highlights. Every highlight is `<mark class="hl" data-kind data-key>`
 * (kind: the span's kind or "sentence"; key: the legend entry, e.g. quotes split into statement/term),
 * focusable, with an aria-label; names carry `data-entity`. Returns the marks in document order.
 */
export function renderHighlights(container, text, analysis, shown) {
  const root = nest(highlightItems(analysis, shown, text), text.length);
  const frag = document.createDocumentFragment();
  const marks = [];
  const emit = (node, parentEl) => {
    let pos = node.start;
    for (const child of node.children) {
      if (child.start > pos) parentEl.appendChild(document.createTextNode(text.slice(pos, child.start)));
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
    if (node.end > pos) parentEl.appendChild(document.createTextNode(text.slice(pos, node.end)));
  };
  emit(root, frag);
  container.classList.toggle('big', text.length > 100_000);
  container.replaceChildren(frag);
  return marks;
}

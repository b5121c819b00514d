// Tiny DOM helpers: elements and text nodes only, no HTML strings.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Invisible characters that reorder text ("Trojan Source", CVE-2021-42574): the embeddings and overrides
 * U+202A–U+202E, the isolates U+2066–U+2069, the marks U+200E/U+200F and U+061C. The reader shows each
 * one as a visible marker instead of letting it silently reorder what follows.
 */
export const BIDI_NAMES = {
  '\u202A': ['LRE', 'LEFT-TO-RIGHT EMBEDDING'],
  '\u202B': ['RLE', 'RIGHT-TO-LEFT EMBEDDING'],
  '\u202C': ['PDF', 'POP DIRECTIONAL FORMATTING'],
  '\u202D': ['LRO', 'LEFT-TO-RIGHT OVERRIDE'],
  '\u202E': ['RLO', 'RIGHT-TO-LEFT OVERRIDE'],
  '\u2066': ['LRI', 'LEFT-TO-RIGHT ISOLATE'],
  '\u2067': ['RLI', 'RIGHT-TO-LEFT ISOLATE'],
  '\u2068': ['FSI', 'FIRST STRONG ISOLATE'],
  '\u2069': ['PDI', 'POP DIRECTIONAL ISOLATE'],
  '\u200E': ['LRM', 'LEFT-TO-RIGHT MARK'],
  '\u200F': ['RLM', 'RIGHT-TO-LEFT MARK'],
  '\u061C': ['ALM', 'ARABIC LETTER MARK'],
};
const BIDI_RE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const BIDI_RE_G = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/**
 * `str` as DOM nodes: a text node, or, when it holds bidi controls, text nodes with each control in its
 * own `<span class="bidi" data-bidi="RLO" title="U+202E RIGHT-TO-LEFT OVERRIDE">`. The span holds the
 * control character itself (so textContent and every UTF-16 offset stay exactly the text's); CSS isolates
 * it (`unicode-bidi: isolate`) and shows its name from `data-bidi`.
 */
export function textWithMarkers(str) {
  if (!BIDI_RE.test(str)) return document.createTextNode(str);
  const frag = document.createDocumentFragment();
  let pos = 0;
  for (const m of str.matchAll(BIDI_RE_G)) {
    if (m.index > pos) frag.appendChild(document.createTextNode(str.slice(pos, m.index)));
    const [abbr, name] = BIDI_NAMES[m[0]];
    const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    const el = document.createElement('span');
    el.className = 'bidi';
    el.dataset.bidi = abbr;
    el.title = `U+${code} ${name} (an invisible character that reorders text)`;
    el.appendChild(document.createTextNode(m[0]));
    frag.appendChild(el);
    pos = m.index + 1;
  }
  if (pos < str.length) frag.appendChild(document.createTextNode(str.slice(pos)));
  return frag;
}


function fill(el, attrs, children, markers) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.setAttribute('class', v);
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    if (typeof c === 'string' || typeof c === 'number') el.appendChild(markers ? textWithMarkers(String(c)) : document.createTextNode(String(c)));
    else el.appendChild(c);
  }
  return el;
}

/** `h('p', {class: 'x'}, 'text', child)`; bidi controls in text children are shown as markers. */
export function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children, true);
}

/** Same for SVG elements. */
export function s(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children, false);
}

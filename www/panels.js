// The side panels, the legend and the SVG pictures. Everything is built with DOM APIs.

import { h, s } from './dom.js';
import { LAYERS, LABELS, NAME_KINDS, NUMBER_KINDS, keyOf, statValue, fmtNum } from './kinds.js';

/** Counts per legend key. */
export function countKeys(analysis) {
  const counts = Object.create(null);
  for (const sp of analysis.spans) {
    const k = keyOf(sp);
    counts[k] = (counts[k] || 0) + 1;
  }
  for (const se of analysis.sentences) {
    if (se.difficulty === 'hard' || se.difficulty === 'very-hard') counts[se.difficulty] = (counts[se.difficulty] || 0) + 1;
  }
  return counts;
}

/** The legend: one group per layer, each kind a toggle button with its colour and count. */
export function renderLegend(container, counts, shown, onToggle, onToggleLayer) {
  const groups = LAYERS.map((layer) => {
    const total = layer.kinds.reduce((n, k) => n + (counts[k] || 0), 0);
    const allOn = layer.kinds.every((k) => shown.has(k));
    return h(
      'div',
      { class: 'legend-group', role: 'group', 'aria-label': layer.label },
      h(
        'button',
        {
          type: 'button',
          class: 'legend-layer',
          'aria-pressed': String(allOn),
          title: `Show or hide all ${layer.label.toLowerCase()}`,
          onclick: () => onToggleLayer(layer, !allOn),
        },
        `${layer.label} `,
        h('span', { class: 'count' }, String(total)),
      ),
      layer.kinds.map((k) =>
        h(
          'button',
          {
            type: 'button',
            class: 'legend-item',
            dataset: { key: k },
            'aria-pressed': String(shown.has(k)),
            onclick: () => onToggle(k),
          },
          h('span', { class: 'swatch hl-swatch', dataset: { key: k }, 'aria-hidden': 'true' }),
          `${LABELS[k]} `,
          h('span', { class: 'count' }, String(counts[k] || 0)),
        ),
      ),
    );
  });
  container.replaceChildren(...groups);
}

/** How many items a list panel shows before its "Show all" button (a long report has thousands). */
export const LIST_FIRST = 200;

/**
 * The first `LIST_FIRST` items of `list` rendered with `item`, then, when there are more, `holder(button)`:
 * a row holding a "Show all N" button that puts the rest in its place and moves focus to the first of them.
 */
function firstItems(list, item, holder) {
  if (list.length <= LIST_FIRST) return list.map(item);
  const button = h('button', { type: 'button', class: 'link more' }, `Show all ${fmtNum(list.length)}`);
  const row = holder(button);
  const expand = (focus) => {
    const rest = list.slice(LIST_FIRST).map(item);
    row.replaceWith(...rest);
    if (focus) rest[0]?.querySelector('button')?.focus();
  };
  button.onclick = () => expand(true);
  moreRows.set(button, expand);
  return [...list.slice(0, LIST_FIRST).map(item), row];
}

/** The "Show all" buttons' expansions (weakly held: a re-render drops the old buttons). */
const moreRows = new WeakMap();

/** Adds the rest of every shortened list, without moving focus (before printing: paper has no buttons). */
export function expandLists(root = document) {
  for (const b of root.querySelectorAll('button.more')) moreRows.get(b)?.(false);
}

const moreItem = (button) => h('li', { class: 'more-row' }, button);

function empty(text) {
  return h('p', { class: 'empty' }, text);
}

function jumpButton(label, spanIndex, onJump, extraClass) {
  return h(
    'button',
    { type: 'button', class: `link ${extraClass || ''}`.trim(), onclick: () => onJump(spanIndex) },
    label,
  );
}

/** Numbers the reader can check: percent, money, quantity, cardinal, ordinal. */
export function statSpans(analysis) {
  return analysis.spans.map((sp, i) => ({ sp, i })).filter(({ sp }) => NUMBER_KINDS.includes(sp.kind));
}

/** A statistic's value with its unit or currency: "88%", "1.2 billion USD", "40 km". */
export function withUnit(sp) {
  const v = statValue(sp);
  if (sp.unit === 'percent' || sp.kind === 'percent') return `${v}%`;
  return [v, sp.currency, sp.unit].filter(Boolean).join(' ');
}

export function renderStats(container, analysis, onJump) {
  const rows = statSpans(analysis);
  if (!rows.length) return container.replaceChildren(empty('No statistics found.'));
  const table = h(
    'table',
    { class: 'data' },
    h('caption', { class: 'visually-hidden' }, 'Statistics in the article'),
    h('thead', {}, h('tr', {}, ['As written', 'Value', 'What'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      firstItems(rows, ({ sp, i }) =>
        h(
          'tr',
          {},
          h('td', {}, jumpButton(sp.text, i, onJump)),
          h(
            'td',
            { class: 'num' },
            withUnit(sp),
            sp.approximate ? h('span', { class: 'badge' }, 'approx.') : null,
            sp.bound ? h('span', { class: 'badge' }, sp.bound === 'lower' ? 'at least' : 'at most') : null,
          ),
          h('td', {}, LABELS[sp.kind], sp.counted ? h('span', { class: 'counted' }, ` of ${sp.counted}`) : null),
        ),
      (button) => h('tr', { class: 'more-row' }, h('td', { colspan: 3 }, button)),
      ),
    ),
  );
  container.replaceChildren(h('div', { class: 'table-wrap' }, table));
}

/** A date's ISO value as a fractional year, for the timeline ("199X" → the decade's middle). */
export function isoToYear(v) {
  if (typeof v !== 'string') return null;
  const m = /^(\d{3})([\dX])(?:-(\d{2}))?(?:-(\d{2}))?/.exec(v);
  if (!m) return null;
  let y = m[2] === 'X' ? Number(m[1]) * 10 + 5 : Number(m[1] + m[2]);
  if (m[3]) y += (Number(m[3]) - 1) / 12;
  if (m[4]) y += (Number(m[4]) - 1) / 365;
  return y;
}

export function datedSpans(analysis) {
  const list = analysis.spans
    .map((sp, i) => ({ sp, i }))
    .filter(({ sp }) => sp.kind === 'date' || sp.kind === 'time');
  const key = (x) => (typeof x.sp.value === 'string' ? x.sp.value : '\uffff');
  return list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.sp.start - b.sp.start));
}

export function renderDates(container, chartContainer, analysis, onJump) {
  const list = datedSpans(analysis);
  if (!list.length) {
    chartContainer.replaceChildren();
    return container.replaceChildren(empty('No dates found.'));
  }
  const ol = h(
    'ol',
    { class: 'timeline' },
    firstItems(list, ({ sp, i }) =>
      h(
        'li',
        {},
        h('span', { class: 'iso' }, typeof sp.value === 'string' ? sp.value : '—'),
        ' ',
        jumpButton(sp.text, i, onJump),
        sp.relative ? h('span', { class: 'badge' }, 'relative') : null,
        sp.inferred ? h('span', { class: 'badge' }, 'year inferred') : null,
        sp.kind === 'time' ? h('span', { class: 'badge' }, 'time') : null,
      ),
    moreItem),
  );
  container.replaceChildren(ol);
  chartContainer.replaceChildren(timelineChart(list, onJump) || '');
}

function timelineChart(list, onJump) {
  const pts = list.map((x) => ({ ...x, y: isoToYear(x.sp.value) })).filter((x) => x.y != null);
  if (!pts.length) return null;
  const W = 320;
  const H = 64;
  const pad = 24;
  const lo = pts[0].y;
  const hi = pts[pts.length - 1].y;
  const span = hi - lo || 1;
  const x = (y) => (hi === lo ? W / 2 : pad + ((y - lo) / span) * (W - 2 * pad));
  const firstLabel = String(pts[0].sp.value);
  const lastLabel = String(pts[pts.length - 1].sp.value);
  // One dot per pixel of the axis: dates that fall on the same pixel share a dot, whose tooltip counts
  // them and whose click goes to the first. (A long report has thousands of dates on a 272-pixel axis.)
  const dots = [];
  for (const p of pts) {
    const at = x(p.y);
    const px = Math.round(at);
    const last = dots[dots.length - 1];
    if (last && last.px === px) last.n++;
    else dots.push({ px, cx: at.toFixed(1), first: p, n: 1 });
  }
  return s(
    'svg',
    { viewBox: `0 0 ${W} ${H}`, class: 'timeline-svg', role: 'img', 'aria-label': `Timeline of dates from ${firstLabel} to ${lastLabel}` },
    s('line', { x1: pad, x2: W - pad, y1: 28, y2: 28, class: 'axis' }),
    dots.map(({ cx, first: p, n: count }, n) =>
      s(
        'circle',
        { cx, cy: 28 - (n % 3) * 6 + 6, r: 4.5, class: 'dot', dataset: { key: p.sp.kind }, onclick: () => onJump(p.i) },
        s('title', {}, count > 1 ? `${p.sp.text} (${p.sp.value}) and ${count - 1} more here` : `${p.sp.text} (${p.sp.value})`),
      ),
    ),
    s('text', { x: pad, y: 56, class: 'axis-label', 'text-anchor': 'start' }, firstLabel),
    hi !== lo ? s('text', { x: W - pad, y: 56, class: 'axis-label', 'text-anchor': 'end' }, lastLabel) : null,
  );
}

export function renderQuotes(container, analysis, onJump) {
  const list = analysis.spans.map((sp, i) => ({ sp, i })).filter(({ sp }) => sp.kind === 'quote');
  if (!list.length) return container.replaceChildren(empty('No quotations found.'));
  const statements = list.filter(({ sp }) => sp.role !== 'term');
  const terms = list.filter(({ sp }) => sp.role === 'term');
  const parts = [];
  if (statements.length) {
    parts.push(
      h('h3', {}, `Statements (${statements.length})`),
      h(
        'ul',
        { class: 'quotes' },
        firstItems(statements, ({ sp, i }) =>
          h(
            'li',
            { class: 'quote-item' },
            jumpButton(sp.text, i, onJump, 'quote-text'),
            h('span', { class: 'speaker' }, sp.speaker ? `— ${sp.speaker.text}` : '— speaker not found'),
          ),
        moreItem),
      ),
    );
  }
  if (terms.length) {
    parts.push(
      h('h3', {}, `Quoted terms (${terms.length})`),
      h(
        'ul',
        { class: 'terms' },
        firstItems(terms, ({ sp, i }) => h('li', {}, jumpButton(sp.text, i, onJump, 'term-text'), sp.speaker ? ` — ${sp.speaker.text}` : ''), moreItem),
      ),
    );
  }
  container.replaceChildren(...parts);
}

export function fmtDuration(seconds) {
  const t = Math.round(seconds || 0);
  if (t < 60) return `${t} s`;
  const m = Math.floor(t / 60);
  const r = t % 60;
  return r ? `${m} min ${r} s` : `${m} min`;
}

function easeWords(fre) {
  if (fre >= 90) return 'very easy: an 11-year-old can follow it';
  if (fre >= 80) return 'easy';
  if (fre >= 70) return 'fairly easy';
  if (fre >= 60) return 'plain English: a 13- to 15-year-old can follow it';
  if (fre >= 50) return 'fairly difficult';
  if (fre >= 30) return 'difficult: reads like a college text';
  return 'very difficult: reads like an academic paper';
}

function gradeWords(g) {
  if (!Number.isFinite(g)) return '';
  const r = Math.max(0, Math.round(g));
  if (r <= 12) return `about ${r} years of school (age ${r + 5}–${r + 6})`;
  return `about ${r} years of education (university level)`;
}

/** The readability figures explained in plain words. */
export function metricRows(st) {
  const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—');
  return [
    ['Words', fmtNum(st.words), ''],
    ['Sentences', fmtNum(st.sentences), ''],
    ['Paragraphs', fmtNum(st.paragraphs), ''],
    ['Reading time', fmtDuration(st.reading_time_s), 'at 238 words a minute'],
    ['Speaking time', fmtDuration(st.speaking_time_s), 'at 150 words a minute'],
    ['Average sentence', `${f1(st.avg_sentence_words)} words`, `longest: ${fmtNum(st.longest_sentence_words)} words`],
    ['Flesch reading ease', f1(st.flesch_reading_ease), `0–100, higher is easier; ${easeWords(st.flesch_reading_ease)}`],
    ['Flesch–Kincaid grade', f1(st.flesch_kincaid_grade), `needs ${gradeWords(st.flesch_kincaid_grade)}; from sentence length and syllables`],
    ['Gunning fog', f1(st.gunning_fog), `needs ${gradeWords(st.gunning_fog)}; weighs words of 3+ syllables`],
    ['SMOG', f1(st.smog), `needs ${gradeWords(st.smog)}; counts long words, common in health writing`],
    ['Coleman–Liau', f1(st.coleman_liau), `needs ${gradeWords(st.coleman_liau)}; from letters per word`],
    ['ARI', f1(st.ari), `needs ${gradeWords(st.ari)}; from characters per word`],
    ['Vocabulary variety', f1(st.mtld), `MTLD; above 70 is a rich vocabulary (type/token ratio ${Number.isFinite(st.type_token_ratio) ? st.type_token_ratio.toFixed(2) : '—'})`],
  ];
}

export function renderMetrics(container, analysis) {
  const st = analysis.stats;
  const dl = h(
    'dl',
    { class: 'metrics' },
    metricRows(st).map(([k, v, note]) => [h('dt', {}, k), h('dd', {}, h('strong', {}, v), note ? h('span', { class: 'note' }, ` ${note}`) : null)]),
  );
  const hard = analysis.sentences.filter((x) => x.difficulty === 'hard').length;
  const vhard = analysis.sentences.filter((x) => x.difficulty === 'very-hard').length;
  const extra = h('p', { class: 'note' }, `${hard} hard and ${vhard} very hard sentences (turn on the Style layer to see them).`);
  const kw = (st.keywords || []).slice(0, 12);
  const kwList = kw.length
    ? [h('h3', {}, 'Keywords'), h('p', { class: 'keywords' }, kw.map((k) => h('span', { class: 'kw' }, `${k.word} ×${k.count}`)))]
    : [];
  container.replaceChildren(dl, extra, ...kwList);
}

/** Entities of the name kinds, grouped by kind, most salient first. */
export function groupedEntities(analysis) {
  const groups = [];
  for (const kind of NAME_KINDS) {
    const list = analysis.entities.filter((e) => e.kind === kind).sort((a, b) => b.salience - a.salience || b.count - a.count);
    if (list.length) groups.push({ kind, list });
  }
  return groups;
}

/**
 * The names panel. `selected`: the selected entity's id, or a function telling whether an id is selected
 * now (rows added later by "Show all" then show the selection of that moment).
 */
export function renderEntities(container, chartContainer, analysis, selected, onSelect) {
  const isSelected = typeof selected === 'function' ? selected : (id) => id === selected;
  const groups = groupedEntities(analysis);
  if (!groups.length) {
    chartContainer.replaceChildren();
    return container.replaceChildren(empty('No names found.'));
  }
  container.replaceChildren(
    ...groups.map(({ kind, list }) =>
      h(
        'div',
        { class: 'entity-group' },
        h('h3', {}, h('span', { class: 'swatch hl-swatch', dataset: { key: kind }, 'aria-hidden': 'true' }), `${LABELS[kind]} (${list.length})`),
        h(
          'ul',
          { class: 'entities' },
          firstItems(list, (e) =>
            h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'entity',
                  dataset: { entity: String(e.id), key: kind },
                  'aria-pressed': String(isSelected(e.id)),
                  title: [e.roles?.length ? `Roles: ${e.roles.join(', ')}` : '', e.aliases?.length ? `Also: ${e.aliases.join(', ')}` : ''].filter(Boolean).join('\n') || undefined,
                  // A second click on the pressed button clears the selection.
                  onclick: (ev) => onSelect(ev.currentTarget.getAttribute('aria-pressed') === 'true' ? null : e.id),
                },
                e.name,
                ' ',
                h('span', { class: 'count' }, `×${e.count}`),
              ),
            ),
          moreItem),
        ),
      ),
    ),
  );
  chartContainer.replaceChildren(entityChart(analysis, onSelect));
}

function entityChart(analysis, onSelect) {
  const top = analysis.entities
    .filter((e) => NAME_KINDS.includes(e.kind))
    .sort((a, b) => b.count - a.count || b.salience - a.salience)
    .slice(0, 8);
  if (!top.length) return '';
  const W = 320;
  const row = 22;
  const labelW = 120;
  const max = top[0].count || 1;
  return s(
    'svg',
    { viewBox: `0 0 ${W} ${top.length * row + 4}`, class: 'bar-svg', role: 'img', 'aria-label': `Most-mentioned names: ${top.map((e) => `${e.name} ${e.count}`).join(', ')}` },
    top.map((e, n) => {
      const w = Math.max(2, ((W - labelW - 36) * e.count) / max);
      const y = n * row + 2;
      const name = e.name.length > 18 ? e.name.slice(0, 17) + '…' : e.name;
      return s(
        'g',
        { class: 'bar', onclick: () => onSelect(e.id) },
        s('text', { x: labelW - 6, y: y + 14, 'text-anchor': 'end', class: 'bar-label' }, name),
        s('rect', { x: labelW, y, width: w.toFixed(1), height: row - 6, rx: 2, class: 'bar-rect', dataset: { key: e.kind } }),
        s('text', { x: labelW + w + 4, y: y + 14, class: 'bar-value' }, String(e.count)),
        s('title', {}, `${e.name}: ${e.count} mentions`),
      );
    }),
  );
}

function topNames(analysis, kind, n) {
  return analysis.entities
    .filter((e) => e.kind === kind)
    .sort((a, b) => b.salience - a.salience || b.count - a.count)
    .slice(0, n)
    .map((e) => e.name);
}

/** The four summary lines: people, places, date range, key statistics. */
export function summaryLines(analysis) {
  const people = topNames(analysis, 'person', 3);
  const places = topNames(analysis, 'place', 3);
  const dates = datedSpans(analysis).filter(({ sp }) => sp.kind === 'date' && typeof sp.value === 'string');
  let dateLine = 'none found';
  if (dates.length) {
    const a = dates[0].sp;
    const b = dates[dates.length - 1].sp;
    dateLine = a.value === b.value ? `${a.text} (${a.value})` : `${a.value} to ${b.value} (${dates.length} dates)`;
  }
  const keyStats = statSpans(analysis)
    .filter(({ sp }) => sp.kind === 'percent' || sp.kind === 'money' || sp.kind === 'quantity')
    .slice(0, 3)
    .map(({ sp }) => sp.text);
  return [
    ['People', people.length ? people.join(', ') : 'none found'],
    ['Places', places.length ? places.join(', ') : 'none found'],
    ['Dates', dateLine],
    ['Key figures', keyStats.length ? keyStats.join('; ') : 'none found'],
  ];
}

export function renderSummary(container, analysis) {
  container.replaceChildren(
    h('dl', { class: 'summary' }, summaryLines(analysis).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    analysis.warnings?.length ? h('ul', { class: 'warnings' }, analysis.warnings.map((w) => h('li', {}, w))) : '',
  );
}

/**
 * The strip beside the text: one tick per highlight (first piece), placed where it sits in the reader, or,
 * when `where(mark)` is given, at that fraction of the text (long texts: no layout to measure).
 */
export function renderStrip(svg, reader, marks, onJumpMark, where = null) {
  const H = Math.max(1, reader.clientHeight);
  const total = Math.max(1, reader.scrollHeight);
  svg.setAttribute('viewBox', `0 0 12 ${H}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  const ticks = [];
  const seen = new Set();
  const limit = 3000;
  for (let i = 0; i < marks.length && ticks.length < limit; i++) {
    const m = marks[i];
    if (m.dataset.cont) continue;
    const k = m.dataset.key;
    if (k === 'hard' || k === 'very-hard') continue;
    const y = Math.round((where ? where(m) : m.offsetTop / total) * H);
    const id = `${k}:${y}`;
    if (seen.has(id)) continue;
    seen.add(id);
    ticks.push(s('rect', { x: 1, y: Math.min(H - 3, y), width: 10, height: 3, class: 'tick', dataset: { key: k, i: String(i) } }));
  }
  const view = s('rect', { x: 0, y: 0, width: 12, height: Math.max(8, (reader.clientHeight / total) * H), class: 'strip-view' });
  svg.replaceChildren(view, ...ticks);
  svg.onclick = (ev) => {
    const t = ev.target;
    if (t.dataset && t.dataset.i) onJumpMark(marks[Number(t.dataset.i)]);
    else {
      const r = svg.getBoundingClientRect();
      reader.scrollTop = ((ev.clientY - r.top) / r.height) * total - reader.clientHeight / 2;
    }
  };
  const update = () => {
    view.setAttribute('y', String((reader.scrollTop / total) * H));
  };
  reader.onscroll = update;
  update();
}

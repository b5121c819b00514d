// Kinds, layers and the words used for them. Shared by the renderer, the panels and the exports.

/** Legend order. `key` is what `data-key` holds on a highlight (its colour); `data-kind` is the span's kind. */
export const LAYERS = [
  { id: 'names', label: 'Names', kinds: ['person', 'organization', 'place', 'group', 'misc'] },
  { id: 'dates', label: 'Dates & times', kinds: ['date', 'time'] },
  { id: 'numbers', label: 'Numbers', kinds: ['percent', 'money', 'quantity', 'cardinal', 'ordinal'] },
  { id: 'quotes', label: 'Quotes', kinds: ['statement', 'term'] },
  { id: 'style', label: 'Style', kinds: ['hard', 'very-hard', 'passive', 'adverb', 'hedge'] },
];

export const LABELS = {
  person: 'Person',
  organization: 'Organization',
  place: 'Place',
  group: 'Group',
  misc: 'Other name',
  date: 'Date',
  time: 'Time',
  percent: 'Percent',
  money: 'Money',
  quantity: 'Quantity',
  cardinal: 'Number',
  ordinal: 'Ordinal',
  statement: 'Statement',
  term: 'Quoted term',
  hard: 'Hard sentence',
  'very-hard': 'Very hard sentence',
  passive: 'Passive voice',
  adverb: 'Adverb',
  hedge: 'Hedge word',
};

/** Short tags shown on hover/focus so colour is never the only signal. */
export const INITIALS = {
  person: 'PER',
  organization: 'ORG',
  place: 'PLC',
  group: 'GRP',
  misc: 'MISC',
  date: 'DATE',
  time: 'TIME',
  percent: '%',
  money: '$',
  quantity: 'QTY',
  cardinal: 'NUM',
  ordinal: 'ORD',
  statement: 'QUOTE',
  term: 'TERM',
  hard: 'HARD',
  'very-hard': 'V.HARD',
  passive: 'PASS',
  adverb: 'ADV',
  hedge: 'HEDGE',
};

export const ALL_KEYS = LAYERS.flatMap((l) => l.kinds);

/** Shown unless the user says otherwise: everything but the style layer. */
export const DEFAULT_SHOWN = ALL_KEYS.filter((k) => !LAYERS[4].kinds.includes(k));

export const NAME_KINDS = LAYERS[0].kinds;
export const NUMBER_KINDS = LAYERS[2].kinds;

/** The legend key of a span: quotes split by role. */
export function keyOf(span) {
  if (span.kind === 'quote') return span.role === 'term' ? 'term' : 'statement';
  return span.kind;
}

let numberFormat = null;

/**
 * Renders a number the way a reader expects ("1,200", "0.5"): exactly `toLocaleString('en-US',
 * { maximumFractionDigits: 6 })`. The common cases (a shortest decimal form with at most 6 decimals) are
 * grouped by hand: the first Intl call of a page loads locale data, which costs tens of milliseconds
 * in the first analysis' render.
 */
export function fmtNum(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return String(n ?? '');
  const str = String(n);
  const m = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(str);
  if (m && !Object.is(n, -0)) {
    const int = m[2].replace(/\B(?=(\d{3})+$)/g, ',');
    return m[3] ? `${m[1]}${int}.${m[3]}` : `${m[1]}${int}`;
  }
  numberFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
  return numberFormat.format(n);
}

/** An integer with thousands separators, as `toLocaleString('en-US')` writes it. */
export function fmtInt(n) {
  return Number.isSafeInteger(n) ? fmtNum(n) : n.toLocaleString('en-US');
}

/** The normalized value of a statistic as text: "88", "1,200–1,800", "> 200". */
export function statValue(s) {
  let v;
  if (typeof s.value === 'number') v = fmtNum(s.value);
  else if (s.min != null && s.max != null && s.min !== s.max) v = `${fmtNum(s.min)}–${fmtNum(s.max)}`;
  else if (s.min != null) v = fmtNum(s.min);
  else if (s.max != null) v = fmtNum(s.max);
  else if (s.value != null) v = String(s.value);
  else v = '';
  if (s.bound === 'lower') v = `≥ ${v}`;
  else if (s.bound === 'upper') v = `≤ ${v}`;
  if (s.approximate) v = `≈ ${v}`;
  return v;
}

/** One line describing a span, used for aria-labels and tooltips. */
export function describe(span, analysis) {
  const key = keyOf(span);
  const kindWord = span.kind === 'quote' ? (span.role === 'term' ? 'quoted term' : 'quote') : span.kind;
  const text = span.text.length > 80 ? span.text.slice(0, 77) + '…' : span.text;
  const extra = [];
  if (span.kind === 'date' || span.kind === 'time') {
    if (span.value != null) extra.push(String(span.value));
    if (span.relative) extra.push('relative');
    if (span.inferred) extra.push('year inferred');
  } else if (NUMBER_KINDS.includes(key)) {
    const v = statValue(span);
    if (v && v !== span.text) extra.push(v);
    if (span.currency) extra.push(span.currency);
    if (span.unit) extra.push(span.unit);
    if (span.counted) extra.push(`of ${span.counted}`);
  } else if (span.kind === 'quote') {
    if (span.speaker) extra.push(`said by ${span.speaker.text}`);
  } else if (NAME_KINDS.includes(key)) {
    const ent = span.entity != null && analysis ? analysis.entities[span.entity] : null;
    if (ent && ent.name !== span.text) extra.push(ent.name);
    if (span.title) extra.push(span.title);
    if (ent && ent.count > 1) extra.push(`${ent.count} mentions`);
  }
  return `${kindWord}: ${text}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

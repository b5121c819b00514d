// Exports: JSON, CSV (formula injection neutralised) and a Markdown fact sheet; downloads and clipboard.

import { LABELS } from './kinds.js';
import { statSpans, datedSpans, summaryLines, metricRows, groupedEntities, withUnit } from './panels.js';

/** A CSV cell: cells a spreadsheet would run as a formula get a leading apostrophe, then RFC 4180 quoting. */
export function csvCell(v) {
  let t = v == null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(t)) t = `'${t}`;
  if (/[",\n\r]/.test(t) || t !== t.trim()) t = `"${t.replace(/"/g, '""')}"`;
  return t;
}

export function toCsv(header, rows) {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function entitiesCsv(a) {
  const rows = [];
  for (const { list } of groupedEntities(a)) {
    for (const e of list) {
      rows.push([e.id, e.kind, e.name, e.count, e.salience.toFixed(3), (e.roles || []).join('; '), (e.aliases || []).join('; ')]);
    }
  }
  return toCsv(['id', 'kind', 'name', 'mentions', 'salience', 'roles', 'aliases'], rows);
}

export function statisticsCsv(a) {
  return toCsv(
    ['start', 'end', 'kind', 'text', 'value', 'min', 'max', 'approximate', 'bound', 'unit', 'currency', 'counted'],
    statSpans(a).map(({ sp }) => [
      sp.start, sp.end, sp.kind, sp.text, sp.value ?? '', sp.min ?? '', sp.max ?? '', sp.approximate ? 'yes' : '',
      sp.bound ?? '', sp.unit ?? '', sp.currency ?? '', sp.counted ?? '',
    ]),
  );
}

export function datesCsv(a) {
  return toCsv(
    ['start', 'end', 'kind', 'text', 'iso', 'relative', 'inferred'],
    datedSpans(a).map(({ sp }) => [sp.start, sp.end, sp.kind, sp.text, sp.value ?? '', sp.relative ? 'yes' : '', sp.inferred ? 'yes' : '']),
  );
}

export function quotesCsv(a) {
  return toCsv(
    ['start', 'end', 'role', 'text', 'speaker'],
    a.spans.filter((sp) => sp.kind === 'quote').map((sp) => [sp.start, sp.end, sp.role ?? '', sp.text, sp.speaker?.text ?? '']),
  );
}

const mdEscape = (t) => String(t).replace(/([\\`*_[\]|<>#])/g, '\\$1').replace(/\n/g, ' ');

export function factSheet(a, title) {
  const out = [`# Fact sheet${title ? `: ${mdEscape(title)}` : ''}`, ''];
  for (const [k, v] of summaryLines(a)) out.push(`- **${k}:** ${mdEscape(v)}`);
  out.push('');
  const groups = groupedEntities(a);
  if (groups.length) {
    out.push('## Names', '');
    for (const { kind, list } of groups) {
      out.push(`- **${LABELS[kind]}:** ${list.map((e) => `${mdEscape(e.name)} (${e.count})`).join(', ')}`);
    }
    out.push('');
  }
  const stats = statSpans(a);
  if (stats.length) {
    out.push('## Statistics', '', '| As written | Value | Kind | Of |', '|---|---|---|---|');
    for (const { sp } of stats) out.push(`| ${mdEscape(sp.text)} | ${mdEscape(withUnit(sp))} | ${LABELS[sp.kind]} | ${mdEscape(sp.counted ?? '')} |`);
    out.push('');
  }
  const dates = datedSpans(a);
  if (dates.length) {
    out.push('## Timeline', '');
    for (const { sp } of dates) out.push(`- ${mdEscape(sp.value ?? '?')}: ${mdEscape(sp.text)}`);
    out.push('');
  }
  const quotes = a.spans.filter((sp) => sp.kind === 'quote' && sp.role !== 'term');
  if (quotes.length) {
    out.push('## Quotes', '');
    for (const q of quotes) out.push(`> ${mdEscape(q.text)}${q.speaker ? ` — ${mdEscape(q.speaker.text)}` : ''}`, '');
  }
  out.push('## Text metrics', '');
  for (const [k, v] of metricRows(a.stats)) out.push(`- ${k}: ${v}`);
  out.push('', `_Article Lens ${a.version}_`, '');
  return out.join('\n');
}

/** All exports: [id, label, file name, MIME type, builder]. */
export const EXPORTS = [
  ['json', 'Analysis (JSON)', 'article-lens.json', 'application/json', (a) => JSON.stringify(a, null, 2) + '\n'],
  ['entities', 'Names (CSV)', 'entities.csv', 'text/csv', entitiesCsv],
  ['statistics', 'Statistics (CSV)', 'statistics.csv', 'text/csv', statisticsCsv],
  ['dates', 'Dates (CSV)', 'dates.csv', 'text/csv', datesCsv],
  ['quotes', 'Quotes (CSV)', 'quotes.csv', 'text/csv', quotesCsv],
  ['markdown', 'Fact sheet (Markdown)', 'fact-sheet.md', 'text/markdown', (a, title) => factSheet(a, title)],
];

export function download(name, mime, content) {
  const url = URL.createObjectURL(new Blob([content], { type: `${mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.className = 'offscreen';
  document.body.appendChild(ta);
  ta.select();
  const ok = document.execCommand('copy');
  ta.remove();
  if (!ok) throw new Error('the browser refused to copy');
}

// A hand-made Analysis of the seed article, built from the shared gold annotations, and a stand-in
// worker that answers with it. Lets the renderer be tested on every kind, independent of the extractors.

import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT, SAMPLE } from './helpers.mjs';

const GOLD = path.resolve(ROOT, '../../shared/fixtures/seed-article.gold.json');
const GOLD_ALT = '/work/shared/fixtures/seed-article.gold.json';

const KIND = { PLACE: 'place', PERSON: 'person', ORG: 'organization', NORP: 'group', DATE: 'date', QUOTE: 'quote', QUANTITY: 'quantity', PERCENT: 'percent' };

/** Code point offsets → UTF-16 offsets. */
function cpToUtf16(text) {
  const map = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return (i) => map[i];
}

export function fakeAnalysis(text = SAMPLE) {
  const file = existsSync(GOLD) ? GOLD : GOLD_ALT;
  const gold = JSON.parse(readFileSync(file, 'utf8'));
  const conv = cpToUtf16(text);
  const entities = [];
  const byName = new Map();
  const spans = gold.spans
    .map((g) => ({ ...g, start: conv(g.start), end: conv(g.end) }))
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .map((g) => {
      const kind = KIND[g.label] || 'misc';
      const sp = { start: g.start, end: g.end, kind, text: text.slice(g.start, g.end), sentence: 0 };
      if (kind === 'date') sp.value = /2017/.test(g.text) ? '2017-02-11' : /February 9/.test(g.text) ? '2017-02-09' : /\d{4}/.exec(g.text)?.[0] || '2017';
      if (kind === 'percent') sp.value = 88;
      if (kind === 'quantity') {
        const m = /([\d,]+)(?:-([\d,]+))?\s+(\w+)/.exec(g.text);
        if (m && m[2]) {
          sp.min = Number(m[1].replace(/,/g, ''));
          sp.max = Number(m[2].replace(/,/g, ''));
        } else if (m) sp.value = Number(m[1].replace(/,/g, ''));
        if (m) sp.counted = m[3];
        if (/more than/.test(g.text)) sp.bound = 'lower';
        if (/some|about/i.test(g.text)) sp.approximate = true;
      }
      if (kind === 'quote') {
        sp.role = sp.text.split(/\s+/).length > 4 ? 'statement' : 'term';
        if (sp.role === 'statement') sp.speaker = { text: 'the Democratic Party platform', start: 0, end: 0 };
      }
      if (['place', 'person', 'organization', 'group'].includes(kind)) {
        const key = `${kind}:${g.entity}`;
        if (!byName.has(key)) {
          byName.set(key, entities.length);
          entities.push({ id: entities.length, kind, name: g.entity, mentions: [], count: 0, salience: 0 });
        }
        sp.entity = byName.get(key);
        sp.confidence = 0.9;
      }
      return sp;
    });
  spans.forEach((sp, i) => {
    if (sp.entity != null) {
      const e = entities[sp.entity];
      e.mentions.push(i);
      e.count++;
    }
  });
  for (const e of entities) e.salience = Math.min(1, e.count / 12 + (spans[e.mentions[0]].start < 400 ? 0.2 : 0));
  const sentences = [];
  const re = /[^.!?\n]+[.!?]*["”]?/g;
  let m;
  while ((m = re.exec(text))) {
    if (!m[0].trim()) continue;
    const words = m[0].trim().split(/\s+/).length;
    sentences.push({ start: m.index, end: m.index + m[0].length, words, grade: words / 2.2, difficulty: words > 30 ? 'very-hard' : words > 22 ? 'hard' : 'ok' });
  }
  for (const sp of spans) sp.sentence = Math.max(0, sentences.findIndex((s) => s.start <= sp.start && sp.start < s.end));
  const adverb = text.indexOf('routinely fired');
  if (adverb >= 0) spans.push({ start: adverb, end: adverb + 9, kind: 'adverb', text: 'routinely', sentence: 0 });
  const passive = text.indexOf('were ordered');
  if (passive >= 0) spans.push({ start: passive, end: passive + 12, kind: 'passive', text: 'were ordered', sentence: 0 });
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  // Re-point entity mentions after the sort.
  for (const e of entities) e.mentions = [];
  spans.forEach((sp, i) => sp.entity != null && entities[sp.entity].mentions.push(i));
  const words = text.split(/\s+/).filter(Boolean).length;
  return {
    version: 'fake',
    offsets: 'utf-16',
    length: text.length,
    anchor_date: '2017-02-11',
    anchor_source: 'dateline',
    spans,
    entities,
    sentences,
    paragraphs: [],
    stats: {
      characters: text.length, characters_no_spaces: text.replace(/\s/g, '').length, letters: 0, words,
      sentences: sentences.length, paragraphs: text.split(/\n\s*\n/).length, syllables: 0, complex_words: 0,
      avg_sentence_words: words / sentences.length, longest_sentence_words: Math.max(...sentences.map((s) => s.words)),
      avg_word_letters: 5, reading_time_s: (words / 238) * 60, speaking_time_s: (words / 150) * 60,
      flesch_reading_ease: 38.2, flesch_kincaid_grade: 14.1, gunning_fog: 17.3, smog: 14.9, coleman_liau: 13.2, ari: 15.0,
      type_token_ratio: 0.52, mtld: 81.4,
      keywords: [{ word: 'pakistan', count: 15, positions: [] }, { word: 'war', count: 9, positions: [] }],
    },
    warnings: [],
  };
}

/** JS source of a worker that answers every request with the fake analysis (empty for other texts). */
export function fakeWorkerSource(a = fakeAnalysis(), forText = SAMPLE) {
  return `const A = ${JSON.stringify(a)};
self.onmessage = (e) => {
  if (e.data.warm) return; // the page's early warm-up request
  const { id, text } = e.data;
  const analysis = text === ${JSON.stringify(forText)} ? A
    : { ...A, length: text.length, spans: [], entities: [], sentences: [] };
  self.postMessage({ id, analysis, ms: 1 });
};`;
}

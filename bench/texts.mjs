// Writes the benchmark texts to OUT (default target/bench/texts): seed.txt (the sample article),
// conll.txt (the CoNLL-2003 test set, its `text` fields joined with blank lines) and
// syn-10k/100k/1m/10m.txt (the CoNLL text repeated, cut at a word boundary at or under
// 10^4 … 10^7 bytes). Usage: node bench/texts.mjs SHARED OUT
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';

const [shared, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const samplePaths = [path.join(root, 'www/sample.txt'), path.join(shared, 'fixtures/seed-article.txt')];
const seed = readFileSync(samplePaths.find(existsSync), 'utf8');
writeFileSync(path.join(out, 'seed.txt'), seed);

const conll = readFileSync(path.join(shared, 'data/conll2003/test.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l).text)
  .join('\n\n');
writeFileSync(path.join(out, 'conll.txt'), conll);

const conllBuf = Buffer.from(conll + '\n\n', 'utf8');
for (const [name, size] of [['syn-10k', 1e4], ['syn-100k', 1e5], ['syn-1m', 1e6], ['syn-10m', 1e7]]) {
  const reps = Math.ceil(size / conllBuf.length) + 1;
  const big = Buffer.concat(Array(reps).fill(conllBuf));
  let cut = size;
  // Back up to whitespace so no word (or UTF-8 sequence) is split.
  while (cut > 0 && big[cut] !== 0x20 && big[cut] !== 0x0a) cut--;
  writeFileSync(path.join(out, `${name}.txt`), big.subarray(0, cut));
}
console.log(`texts in ${out}: seed ${Buffer.byteLength(seed)} B, conll ${Buffer.byteLength(conll)} B`);

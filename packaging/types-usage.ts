// Compiled (never run) by tests/browser/embed.test.mjs against the installed package with `tsc --strict`:
// the declarations parse, the package's `types` conditions resolve, and they describe the API as used.
import { createAnalyzer, init, analyzeSync, version, maxInputBytes } from 'article-lens';
import type { Analysis, Span, Kind, Options, Entity, Stats } from 'article-lens';
import { ArticleLensElement } from 'article-lens/element';

const analyzer = createAnalyzer({ worker: true });
const controller = new AbortController();
const options: Options = { anchor_date: '2017-02-11', kinds: ['person', 'date'], no_style: true };
const pending: Promise<Analysis> = analyzer.analyze('text', options, { signal: controller.signal });
pending.then((a) => {
  const span: Span | undefined = a.spans[0];
  const kind: Kind | undefined = span?.kind;
  const value: number | string | undefined = span?.value;
  const speakerEntity: number | undefined = span?.speaker?.entity;
  const entity: Entity | undefined = a.entities[0];
  const roles: number = entity?.roles?.length ?? 0;
  const stats: Stats = a.stats;
  const first: string | undefined = stats.keywords[0]?.word;
  const unit: 'utf-16' = a.offsets;
  console.log(kind, value, speakerEntity, roles, first, unit, a.sentences[0]?.difficulty, a.warnings?.length);
});
const onMain: boolean = analyzer.onMainThread;
analyzer.dispose();

await init();
const sync: Analysis = analyzeSync('Some 88% of 424 airstrikes.');
const v: string = version();
const max: number = maxInputBytes();
console.log(sync.length, v, max, onMain);

const el = document.querySelector('article-lens');
if (el) {
  el.text = 'New text';
  const last: Analysis | null = el.analysis;
  el.addEventListener('analysis', (e) => console.log(e, last));
}
const Ctor = customElements.get('article-lens') as typeof ArticleLensElement | undefined;
console.log(Ctor);

// @ts-expect-error: not a kind
const notAKind: Kind = 'people';
// @ts-expect-error: offsets are numbers
const badSpan: Span = { start: '0', end: 1, kind: 'date', text: 'x', sentence: 0 };
console.log(notAKind, badSpan);

// Type declarations for Article Lens: the Analysis result, the module API (lens.js) and the
// <article-lens> element (article-lens.js). Hand-written; tests/types.rs keeps them in step with the
// Rust types in src/model.rs. All offsets are UTF-16 code units (JavaScript string indices).

/** What a span is. */
export type Kind =
  | 'person'
  | 'organization'
  | 'place'
  | 'group'
  | 'misc'
  | 'date'
  | 'time'
  | 'percent'
  | 'money'
  | 'quantity'
  | 'cardinal'
  | 'ordinal'
  | 'quote'
  | 'passive'
  | 'adverb'
  | 'hedge';

/** Whether a number is a lower or upper bound ("more than 200" → lower, "up to 50" → upper). */
export type Bound = 'lower' | 'upper';

/** A quotation's role: speech, or a scare/cited term. */
export type QuoteRole = 'statement' | 'term';

/** Who said a quotation. */
export interface Speaker {
  text: string;
  start: number;
  end: number;
  /** The entity id of the speaker, when the speaker is a tagged name. */
  entity?: number;
}

/**
 * One finding. `start..end` is the half-open range of `text` in the input.
 * Kind-specific fields are present only where they apply (absent, never null).
 */
export interface Span {
  start: number;
  end: number;
  kind: Kind;
  text: string;
  /** Index into `Analysis.sentences` of the sentence that holds the span's start. */
  sentence: number;
  /** Dates: ISO 8601 ("2017", "2017-02", "2017-02-11", "199X"). Numbers: the number (absent for ranges). */
  value?: number | string;
  /** Ranges and bounds: the smallest value. */
  min?: number;
  /** Ranges and bounds: the largest value. */
  max?: number;
  /** Numbers: "some", "about", "nearly": the figure is not exact. */
  approximate?: boolean;
  /** Numbers: "more than" → lower, "up to" → upper. */
  bound?: Bound;
  /** Numbers: the unit ("km", "percent", "tonnes"). */
  unit?: string;
  /** Money: ISO 4217 code where known ("USD", "GBP", "PKR"). */
  currency?: string;
  /** Quantities: the counted noun as written ("airstrikes"). */
  counted?: string;
  /** Dates: the year (or more) was taken from the article's anchor date. */
  inferred?: boolean;
  /** Dates: a relative expression ("yesterday") resolved against the anchor. */
  relative?: boolean;
  /** Quotes: statement or term. */
  role?: QuoteRole;
  /** Quotes: who said it. */
  speaker?: Speaker;
  /** Names: the title before the name ("General"). */
  title?: string;
  /** Names: index into `Analysis.entities`. */
  entity?: number;
  /** Names: the tagger's confidence in this span and kind, 0..1. */
  confidence?: number;
}

/** A named entity: the mentions of one person, organization, place, group or other name. */
export interface Entity {
  id: number;
  kind: Kind;
  /** The canonical name. */
  name: string;
  /** Indices into `Analysis.spans`. */
  mentions: number[];
  count: number;
  /** Ranking weight, 0..1. */
  salience: number;
  /** Titles and roles seen before the name (absent when none). */
  roles?: string[];
  /** Other spellings seen (absent when none). */
  aliases?: string[];
}

/** A sentence with its readability. */
export interface Sentence {
  start: number;
  end: number;
  words: number;
  /** Flesch–Kincaid grade of this sentence alone. */
  grade: number;
  difficulty: 'ok' | 'hard' | 'very-hard';
}

/** A paragraph. */
export interface Paragraph {
  start: number;
  end: number;
}

/** A keyword with its count and where it occurs. */
export interface Keyword {
  word: string;
  count: number;
  /** Start offsets of each occurrence. */
  positions: number[];
}

/** Text metrics and readability. */
export interface Stats {
  characters: number;
  characters_no_spaces: number;
  letters: number;
  words: number;
  sentences: number;
  paragraphs: number;
  syllables: number;
  complex_words: number;
  avg_sentence_words: number;
  longest_sentence_words: number;
  avg_word_letters: number;
  /** Seconds, at 238 words per minute. */
  reading_time_s: number;
  /** Seconds, at 150 words per minute. */
  speaking_time_s: number;
  flesch_reading_ease: number;
  flesch_kincaid_grade: number;
  gunning_fog: number;
  smog: number;
  coleman_liau: number;
  ari: number;
  type_token_ratio: number;
  mtld: number;
  keywords: Keyword[];
}

/** The whole result of one analysis. */
export interface Analysis {
  /** The version of Article Lens that produced this. */
  version: string;
  /** The unit of every offset: "utf-16". */
  offsets: 'utf-16';
  /** Length of the input in that unit. */
  length: number;
  /** The date relative dates were resolved against (ISO). */
  anchor_date?: string;
  /** Where the anchor date came from. */
  anchor_source?: 'option' | 'dateline' | 'first-date';
  /** Every finding of every kind, sorted by start (then longer first). */
  spans: Span[];
  entities: Entity[];
  sentences: Sentence[];
  paragraphs: Paragraph[];
  stats: Stats;
  /** Notes for the user (input truncated, control characters removed, …); absent when none. */
  warnings?: string[];
}

/** Options for an analysis. */
export interface Options {
  /** The publication date ("2017-02-11") that relative dates resolve against. */
  anchor_date?: string;
  /** Only report these kinds (default: all). */
  kinds?: Kind[];
  /** Skip the style layer (passive, adverbs, hedges). */
  no_style?: boolean;
}

/** Where the wasm comes from: a URL, its bytes, or a compiled module. */
export type WasmSource = URL | string | BufferSource | WebAssembly.Module;

export interface AnalyzerConfig {
  /** Run in a module Web Worker (default true); false runs on the calling thread. */
  worker?: boolean;
  /** The wasm to load (default: ./pkg/article_lens_bg.wasm next to lens.js). */
  wasm?: WasmSource;
}

export interface AnalyzeCallOptions {
  /** Cancels the call: it rejects with a DOMException named "AbortError". */
  signal?: AbortSignal;
}

export interface Analyzer {
  analyze(text: string, options?: Options, call?: AnalyzeCallOptions): Promise<Analysis>;
  /** Stops the worker; pending calls reject with an AbortError. */
  dispose(): void;
  /** True when the analysis runs on the calling thread. */
  readonly onMainThread: boolean;
}

/** Creates an analyzer (module API, `article-lens`). */
export function createAnalyzer(config?: AnalyzerConfig): Analyzer;

/** Low-level: loads the wasm (wasm-bindgen's init); needed once before analyzeSync. */
export function init(
  module_or_path?: { module_or_path: WasmSource | Response | Promise<Response> } | WasmSource,
): Promise<unknown>;
/** Low-level synchronous analysis (after `await init()`); throws an Error on bad options or too long input. */
export function analyzeSync(text: string, options?: Options): Analysis;
/** The Article Lens version. */
export function version(): string;
/** The largest input accepted, in UTF-8 bytes. */
export function maxInputBytes(): number;

/** Attribute values of <article-lens>. */
export type ArticleLensTheme = 'light' | 'dark' | 'auto';
export type ArticleLensPanels = 'none' | 'summary' | 'full';

/** The <article-lens> element (`article-lens/element`). */
export declare class ArticleLensElement extends HTMLElement {
  /** The text to analyze: this property when set, else the element's text content. */
  text: string;
  /** The latest Analysis, or null before the first one. */
  readonly analysis: Analysis | null;
}

export interface ArticleLensEventMap extends HTMLElementEventMap {
  analysis: CustomEvent<Analysis>;
  'analysis-error': CustomEvent<{ message: string }>;
}

declare global {
  interface HTMLElementTagNameMap {
    'article-lens': ArticleLensElement;
  }
}

// Types of the module API (lens.js, the package's "." entry). Declared in article-lens.d.ts.
export { createAnalyzer, init, analyzeSync, version, maxInputBytes } from './article-lens.js';
export type {
  Analysis, Span, Speaker, Entity, Sentence, Paragraph, Stats, Keyword, Kind, Bound, QuoteRole, Options,
  WasmSource, AnalyzerConfig, AnalyzeCallOptions, Analyzer,
} from './article-lens.js';

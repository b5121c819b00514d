// Types of the <article-lens> element module (article-lens.js, the package's "./element" entry).
// Importing it also declares 'article-lens' in HTMLElementTagNameMap. Declared in article-lens.d.ts.
export { ArticleLensElement } from './article-lens.js';
export type { ArticleLensEventMap, ArticleLensTheme, ArticleLensPanels, Analysis } from './article-lens.js';

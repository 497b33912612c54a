/** Build-time code highlighting with line numbers; see `rehype-highlight-code.ts`. */
export { rehypeHighlightCode, HIGHLIGHT_SOURCE, NUMBERED_CLASS, LINE_COUNTER } from './rehype-highlight-code.js';
export { splitLines } from './split-lines.js';
export { highlighter, PLAIN_LANGUAGES } from './languages.js';

/**
 * Build-time code highlighting: every `<pre><code class="language-x">` is highlighted with
 * highlight.js grammars (through lowlight), as `<span class="hljs-…">` tokens that the
 * stylesheet colours; no script runs in the page. Synchronous, so Hexo's `renderSync`
 * keeps working.
 *
 * `.numberLines` (or `.number-lines`) code gets one `<span class="line">` per line and
 * the class `mlpost-numbered`; the numbers are CSS counters drawn in `::before`, so they
 * are never part of a copied selection. `startFrom` (`data-start-from`) sets the first
 * number through an inline `counter-reset`, as pandoc's own HTML does.
 *
 * A language without a grammar is shown plain, with one info message per document.
 */
import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import type { Point } from 'unist';
import { report } from '../../diagnostics.js';
import { highlighter, PLAIN_LANGUAGES } from './languages.js';
import { splitLines } from './split-lines.js';

/** The `source` of the highlighter's diagnostics. */
export const HIGHLIGHT_SOURCE = 'mlpost:highlight';

/** The class of numbered code, and the CSS counter its lines count with. */
export const NUMBERED_CLASS = 'mlpost-numbered';
export const LINE_COUNTER = 'mlpost-line';

const NUMBER_LINES = new Set(['numberLines', 'number-lines']);
const LANGUAGE_NAME = /^[\w+#.-]+$/;
const MATH = new Set(['language-math', 'math-display', 'math-inline']);

/** The rehype plugin. Run it after the math plugin (math blocks are `pre > code` too). */
export function rehypeHighlightCode() {
  return (tree: Root, file: VFile): void => {
    const unknown = new Map<string, Point | undefined>();
    for (const pre of preElements(tree)) {
      const code = soleCode(pre);
      if (code) highlightBlock(code, unknown);
    }
    if (unknown.size > 0) {
      const names = [...unknown.keys()].map((name) => `\`${name}\``).join(', ');
      const plural = unknown.size > 1 ? 'these languages' : 'this language';
      report(file, 'info', `no highlighting for ${names}: mlpost has no grammar for ${plural}; the code is shown plain`, { place: [...unknown.values()][0], ruleId: 'code-language-unknown', source: HIGHLIGHT_SOURCE });
    }
  };
}

/** Every `<pre>` in document order, not looking inside SVG or MathML (graphs, formulas). */
function preElements(tree: Root): Element[] {
  const found: Element[] = [];
  const stack: Array<Root['children'][number]> = [...tree.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type !== 'element') continue;
    if (node.tagName === 'pre') found.push(node);
    else if (node.tagName !== 'svg' && node.tagName !== 'math') {
      for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
    }
  }
  return found;
}

/** The `<code>` that is the only content of a `<pre>` (whitespace aside). */
function soleCode(pre: Element): Element | undefined {
  let code: Element | undefined;
  for (const child of pre.children) {
    if (child.type === 'element' && child.tagName === 'code' && !code) code = child;
    else if (!(child.type === 'text' && child.value.trim() === '') && child.type !== 'comment') return undefined;
  }
  return code;
}

function classesOf(element: Element): string[] {
  const value: unknown = element.properties.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}

function highlightBlock(code: Element, unknown: Map<string, Point | undefined>): void {
  const classes = classesOf(code);
  if (classes.some((name) => MATH.has(name))) return;
  // Code that already holds markup (raw HTML, a theme's output) is left as written.
  if (!code.children.every((child) => child.type === 'text')) return;
  const text = code.children.map((child) => (child as { value: string }).value).join('');

  const language = classes.find((name) => name.startsWith('language-') || name.startsWith('lang-'))?.replace(/^lang(?:uage)?-/, '').toLowerCase();
  let children: ElementContent[] = [{ type: 'text', value: text }];
  // A name that cannot be a language (`{.graph`: a fence no plugin took) is not worth a message.
  if (language && !PLAIN_LANGUAGES.has(language) && LANGUAGE_NAME.test(language)) {
    const lowlight = highlighter();
    if (lowlight.registered(language)) children = lowlight.highlight(language, text).children as ElementContent[];
    else if (!unknown.has(language)) unknown.set(language, code.position?.start);
  }

  if (classes.some((name) => NUMBER_LINES.has(name))) {
    children = numberedLines(children, text.endsWith('\n'));
    code.properties.className = [...classes, NUMBERED_CLASS];
    const start = Number(code.properties.dataStartFrom ?? 1);
    if (Number.isSafeInteger(start) && start !== 1) {
      const reset = `counter-reset:${LINE_COUNTER} ${start - 1}`;
      code.properties.style = typeof code.properties.style === 'string' ? `${code.properties.style};${reset}` : reset;
    }
  }
  code.children = children;
}

/** One `<span class="line">` per line, joined by newlines (the last newline kept outside). */
function numberedLines(children: ElementContent[], endsWithNewline: boolean): ElementContent[] {
  const lines = splitLines(children);
  if (endsWithNewline && lines.length > 1 && lines[lines.length - 1]!.length === 0) lines.pop();
  const result: ElementContent[] = [];
  lines.forEach((line, index) => {
    if (index > 0) result.push({ type: 'text', value: '\n' });
    result.push({ type: 'element', tagName: 'span', properties: { className: ['line'] }, children: line });
  });
  if (endsWithNewline) result.push({ type: 'text', value: '\n' });
  return result;
}

/**
 * Code highlighting in a Hexo blog, done once, by one of two:
 *
 * - `'hexo'` (default): Hexo's `syntax_highlighter` (`highlight.js`, `prismjs`, or none)
 *   with the blog's `highlight:`/`prismjs:` settings, as the theme expects. mlpost still
 *   reads every fence first (graphs, cells and math are fences too), then hands each
 *   ordinary code block to Hexo's highlighter (`rehypeHexoHighlight`); `{% codeblock %}`
 *   stays Hexo's own tag.
 * - `'mlpost'`: mlpost's build-time highlighter (highlight.js grammars, coloured by
 *   mlpost's stylesheet), for fences and `{% codeblock %}`/`{% code %}` alike.
 *
 * Either way Hexo's `backtick_code_block` filter is kept away from the posts mlpost
 * renders: it would turn every fence into highlighted HTML before mlpost sees it.
 */
import type { Element, Root, RootContent } from 'hast';
import { toText } from 'hast-util-to-text';
import type { HexoFilter, HexoLike } from './hexo-api.js';

/** Who highlights code. */
export type Highlighter = 'hexo' | 'mlpost';

const MATH_CLASSES = new Set(['language-math', 'math-display', 'math-inline']);
const NUMBER_LINES = new Set(['numberLines', 'number-lines']);

/**
 * A rehype plugin: every `<pre><code>` outside mlpost's figures and math becomes the HTML
 * of Hexo's configured highlighter (nothing changes when the blog turned highlighting off).
 */
export function rehypeHexoHighlight(hexo: HexoLike) {
  return (tree: Root): void => {
    const name = hexo.config.syntax_highlighter;
    if (!name || !hexo.extend.highlight.query(name)) return;
    replaceCode(tree, (pre, code) => {
      const classes = classesOf(code);
      if (classes.some((value) => MATH_CLASSES.has(value))) return undefined;
      const language = classes.find((value) => value.startsWith('language-'))?.slice('language-'.length);
      const text = toText(code, { whitespace: 'pre' }).replace(/\n$/, '');
      const options: Record<string, unknown> = { lang: language, lines_length: text.split('\n').length };
      if (classes.some((value) => NUMBER_LINES.has(value))) {
        options.line_number = true;
        const start = Number(code.properties.dataStartFrom ?? pre.properties.dataStartFrom);
        if (Number.isSafeInteger(start)) options.firstLine = start;
      }
      return hexo.extend.highlight.exec(name, { context: hexo, args: [text, options] });
    });
  };
}

/** Replace each `pre > code` (not inside SVG, MathML or an mlpost figure) by `html` when `highlight` gives some. */
function replaceCode(tree: Root, highlight: (pre: Element, code: Element) => string | undefined): void {
  const visit = (parent: Root | Element): void => {
    parent.children.forEach((child, index) => {
      if (child.type !== 'element') return;
      if (child.tagName === 'pre') {
        const code = child.children.find((node): node is Element => node.type === 'element' && node.tagName === 'code');
        const html = code ? highlight(child, code) : undefined;
        if (html !== undefined) parent.children[index] = { type: 'raw', value: html } as unknown as RootContent & Element;
        return;
      }
      if (child.tagName === 'svg' || child.tagName === 'math' || isMlpostFigure(child)) return;
      visit(child);
    });
  };
  visit(tree);
}

function isMlpostFigure(element: Element): boolean {
  return element.tagName === 'figure' && classesOf(element).some((value) => value === 'mlpost-graph' || value === 'mlpost-cell');
}

function classesOf(element: Element): string[] {
  const value: unknown = element.properties.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}

/**
 * Keep Hexo's `backtick_code_block` filter off the files mlpost renders (by extension);
 * it still runs for the others. Returns false when Hexo has no such filter.
 */
export function keepBacktickFilterAway(hexo: HexoLike, extensions: readonly string[]): boolean {
  const original = hexo.extend.filter.list('before_post_render').find((fn) => fn.name === 'backtickCodeBlock');
  if (!original) return false;
  const ours = new Set(extensions.map((extension) => `.${extension.toLowerCase()}`));
  const wrapped = Object.assign(
    function backtickCodeBlockExceptMlpost(this: unknown, data: { source?: string; full_source?: string }) {
      const file = (data.full_source ?? data.source ?? '').toLowerCase();
      const extension = file.slice(file.lastIndexOf('.'));
      if (ours.has(extension)) return undefined;
      return (original as (this: unknown, data: unknown) => unknown).call(this, data);
    },
    {},
  ) as HexoFilter;
  const priority = original.priority ?? 10;
  hexo.extend.filter.unregister('before_post_render', original);
  hexo.extend.filter.register('before_post_render', wrapped, priority);
  return true;
}

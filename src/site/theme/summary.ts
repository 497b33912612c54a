/**
 * A post in brief, when it has no `<!-- more -->`:
 *
 * - {@link summaryOf}: one line of plain text, for `<meta name="description">`, Open Graph
 *   and feeds when the front matter gives no `description`: the excerpt, else the start of
 *   the body, math as its TeX, without graphs, code blocks and footnote marks;
 * - {@link leadOf}: the post's first paragraph as HTML (math typeset, links kept), for the
 *   list pages: Hexo's index shows a post without `<!-- more -->` whole, the default theme
 *   shows its first paragraph and a "Read more" link.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toText } from 'hast-util-to-text';

/** Characters kept, as search engines show about this many. */
export const SUMMARY_LENGTH = 160;
/** Only the start of a long body is read: the summary never needs more. */
const HTML_READ = 6000;

const classesOf = (node: Element) => (Array.isArray(node.properties.className) ? node.properties.className.map(String) : []);

function isLeftOut(node: Element): boolean {
  return ['svg', 'script', 'style', 'sup', 'figure', 'pre', 'nav', 'details'].includes(node.tagName) || classesOf(node).some((name) => name === 'footnotes' || name === 'sr-only');
}

/** The TeX a KaTeX formula was made from (its MathML annotation). */
function texOf(node: Element): string {
  let tex = '';
  const visit = (element: Element) => {
    if (element.tagName === 'annotation') tex = element.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
    else for (const child of element.children) if (child.type === 'element') visit(child);
  };
  visit(node);
  return tex.trim();
}

function prune(children: RootContent[]): RootContent[] {
  const kept: RootContent[] = [];
  for (const child of children) {
    if (child.type === 'text') kept.push(child);
    if (child.type !== 'element' || isLeftOut(child)) continue;
    // Math reads as its TeX.
    if (classesOf(child).includes('katex')) {
      kept.push({ type: 'text', value: texOf(child) });
      continue;
    }
    child.children = prune(child.children as RootContent[]) as Element['children'];
    kept.push(child);
  }
  return kept;
}

/** Plain text of HTML, whitespace collapsed, cut at {@link SUMMARY_LENGTH} characters (with `…`). */
export function summaryOf(html: string): string {
  const tree: Root = fromHtml(html.length > HTML_READ ? html.slice(0, HTML_READ) : html, { fragment: true });
  tree.children = prune(tree.children);
  const text = toText(tree).replace(/\s+/g, ' ').trim();
  const characters = [...text];
  if (characters.length <= SUMMARY_LENGTH) return text;
  const cut = characters.slice(0, SUMMARY_LENGTH).join('');
  // End at a word for scripts with spaces; CJK text is cut anywhere.
  const space = cut.lastIndexOf(' ');
  return `${space > SUMMARY_LENGTH * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** How much of a body the first paragraph is looked for in (formulas make paragraphs long). */
const LEAD_READ = 30_000;

/** `children` without ids (its page has them; a list of several posts must not) and footnote marks. */
function withoutIds(children: ElementContent[]): ElementContent[] {
  return children.flatMap((child): ElementContent[] => {
    if (child.type !== 'element') return [child];
    if (child.tagName === 'sup' && child.children.some((inner) => inner.type === 'element' && inner.properties.dataFootnoteRef !== undefined)) return [];
    delete child.properties.id;
    child.children = withoutIds(child.children);
    return [child];
  });
}

/** The first paragraph with text of a post's body HTML, without ids; `undefined` when there is none near the start. */
export function leadOf(html: string): string | undefined {
  const cut = html.length > LEAD_READ;
  const read = cut ? html.slice(0, LEAD_READ) : html;
  const tree: Root = fromHtml(read, { fragment: true });
  for (const child of tree.children) {
    if (child.type !== 'element' || child.tagName !== 'p' || toText(child).trim() === '') continue;
    // A paragraph the read part cuts short is not shown half.
    if (cut && (child.position?.end.offset ?? read.length) >= read.length) return undefined;
    return toHtml({ ...child, children: withoutIds(child.children) });
  }
  return undefined;
}

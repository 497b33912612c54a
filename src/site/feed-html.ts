/**
 * A post's HTML as a feed entry carries it. A page shows KaTeX's HTML rendering with the
 * site's KaTeX stylesheet (its MathML hidden for screen readers), and a MathJax formula as
 * an SVG (its MathML hidden too); a feed reader has no such stylesheet, so it showed both
 * renderings side by side ("E = mc² E=mc2"), and KaTeX's HTML made entries ten times
 * their size. In a feed each formula is its MathML alone, which feed readers display, with
 * the TeX as its `alttext` (read when MathML is not shown); equation numbers are in the
 * MathML. Everything else is left as it is.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';

const classesOf = (node: Element) => (Array.isArray(node.properties.className) ? node.properties.className.map(String) : []);

/** Whether `node` is a typeset formula: KaTeX's (`.katex`, `.katex-display`) or MathJax's (`mjx-container`). */
function isFormula(node: Element): boolean {
  if (node.tagName === 'mjx-container') return true;
  const classes = classesOf(node);
  return classes.includes('katex') || classes.includes('katex-display');
}

/** The first element named `tagName` under `node`. */
function find(node: Element, tagName: string): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === tagName) return child;
    const found = find(child, tagName);
    if (found) return found;
  }
  return undefined;
}

function textOf(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : '')).join('');
}

/** A formula's MathML, with its TeX annotation made the `alttext`; `undefined` when it has none. */
function mathOf(formula: Element): Element | undefined {
  const math = find(formula, 'math');
  if (!math) return undefined;
  const semantics = math.children.find((child): child is Element => child.type === 'element' && child.tagName === 'semantics');
  if (semantics) {
    const annotation = semantics.children.find((child): child is Element => child.type === 'element' && child.tagName === 'annotation');
    if (annotation) math.properties.alttext = textOf(annotation).trim();
    // The rendering alone: `<semantics>` holds it and the annotation.
    math.children = semantics.children.filter((child) => !(child.type === 'element' && (child.tagName === 'annotation' || child.tagName === 'annotation-xml')));
  }
  return math;
}

function replaceFormulas(children: Array<RootContent | ElementContent>): void {
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type !== 'element') continue;
    if (isFormula(child)) {
      const math = mathOf(child);
      // A formula without MathML (KaTeX's error box) stays as it is.
      if (math) children[index] = math;
      continue;
    }
    replaceFormulas(child.children);
  }
}

/** `html` with each formula as its MathML alone (see above). */
export function feedHtml(html: string): string {
  if (!html.includes('katex') && !html.includes('mjx-container')) return html;
  const tree: Root = fromHtml(html, { fragment: true });
  replaceFormulas(tree.children);
  return toHtml(tree);
}

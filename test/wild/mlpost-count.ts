/**
 * Count what mlpost's page shows of a post's math: formulas typeset, formulas in error, and
 * the visible text outside math, to set beside the oracle's counts.
 *
 * A formula is one of (outermost only, never counted twice):
 * - `.katex` (inside `.katex-display` for display math): typeset by KaTeX;
 * - `.katex-error`: KaTeX failed, the source is shown in red;
 * - `mjx-container`, or an element with class `mathjax`/`MathJax`/`math-fallback`: typeset by
 *   MathJax, unless it holds an `merror`, `data-mjx-error` or a red unknown command;
 * - `a.mlpost-eqref`: an equation reference (`\eqref{…}` in prose or alone in `$…$`), which
 *   mlpost writes as a link holding the number and MathJax typeset as a formula holding the
 *   same link: typeset;
 * - `code.math-inline`/`code.math-display` left unrendered: counted as an error.
 */
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';

/** mlpost's page, counted. */
export interface MlpostCount {
  typeset: number;
  errors: number;
  /** Visible text outside math (error boxes count as math: text swallowed by one is lost). */
  prose: string;
}

type Kind = 'typeset' | 'error' | undefined;

/** Count the formulas and the prose of a rendered page (`renderPost(…).html`). */
export function countMlpostMath(html: string): MlpostCount {
  const tree = fromHtml(html, { fragment: true });
  let typeset = 0;
  let errors = 0;
  const prune = (parent: Root | Element): void => {
    parent.children = parent.children.filter((child: RootContent) => {
      if (child.type !== 'element') return true;
      const kind = formulaKind(child);
      if (kind === 'typeset') typeset++;
      else if (kind === 'error') errors++;
      if (kind !== undefined) return false;
      prune(child);
      return true;
    }) as typeof parent.children;
  };
  prune(tree);
  return { typeset, errors, prose: toText(tree) };
}

function formulaKind(element: Element): Kind {
  const classes = classList(element);
  if (classes.includes('katex-error')) return 'error';
  if (classes.includes('katex')) return 'typeset';
  if (element.tagName === 'mjx-container' || classes.some((name) => name === 'mathjax' || name === 'MathJax' || name === 'math-fallback')) {
    return mathJaxFailed(element) ? 'error' : 'typeset';
  }
  if (element.tagName === 'a' && classes.includes('mlpost-eqref')) return 'typeset';
  if (element.tagName === 'code' && (classes.includes('math-inline') || classes.includes('math-display'))) return 'error';
  return undefined;
}

function mathJaxFailed(element: Element): boolean {
  if (element.tagName === 'merror' || element.properties.dataMjxError !== undefined) return true;
  if (element.tagName === 'mtext' && element.properties.mathColor === 'red') return true;
  return element.children.some((child) => child.type === 'element' && mathJaxFailed(child));
}

function classList(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

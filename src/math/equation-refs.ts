/**
 * Numbered equations the way the author used them with MathJax: `\tag{…}` numbers an
 * equation, `\label{key}` names it, `\ref{key}`/`\eqref{key}` elsewhere print its number
 * as a link to it. KaTeX alone rejects `\label`/`\ref` and `\tag` in inline math, so this
 * rehype step runs before KaTeX and rewrites the TeX:
 *
 * - `\label{key}` is removed; an anchor `#eq-key` is put before the equation;
 * - a label without a `\tag` in its equation gets the next automatic number;
 * - in inline math, `\tag{X}` is removed and `(X)` is written after the formula;
 * - a formula that is only `\ref{key}` becomes a link; inside a larger formula the
 *   reference becomes `\href{#eq-key}{X}`; an unknown key is a warning and prints `??`.
 */
import type { Element, ElementContent, Parents, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { sourceMayMatch } from '../syntax/source-hint.js';

const SOURCE = 'mlpost:math';
const LABEL = /\\label\s*\{([^{}]*)\}/g;
const TAG = /\\tag\*?\s*\{([^{}]*)\}/g;
const REF = /\\(eq)?ref\s*\{([^{}]*)\}/g;
const ONLY_REF = /^\s*\\(eq)?ref\s*\{([^{}]*)\}\s*$/;

interface MathElement {
  code: Element;
  /** The element KaTeX replaces: the `<pre>` of a display block, else the code itself. */
  scope: Element;
  parent: Parents;
  display: boolean;
  tex: string;
}

interface Equation {
  id: string;
  number: string;
}

/** The anchor id of a label key. */
export function equationId(key: string): string {
  return `eq-${key.trim().replace(/\s+/g, '-').replace(/[^\p{L}\p{N}_:.-]/gu, '_')}`;
}

/** The rehype plugin (runs before `rehypeMath`). */
export function rehypeEquationRefs() {
  return (tree: Root, file: VFile): void => {
    // Most posts number nothing: then not even the walk that collects formulas is needed.
    if (!sourceMayMatch(file, /\\(?:label|eqref|ref|tag)/)) return;
    const formulas = collectMath(tree);
    if (!formulas.some((math) => math.tex.includes('\\label') || math.tex.includes('ref') || (!math.display && math.tex.includes('\\tag')))) return;
    const equations = new Map<string, Equation>();
    let automatic = 0;

    // Pass 1: number and name equations, rewrite labels and inline tags.
    for (const math of formulas) {
      const tags = [...math.tex.matchAll(TAG)].map((match) => match[1]!.trim());
      const labels = [...math.tex.matchAll(LABEL)];
      let tex = math.tex;
      const anchors: string[] = [];
      let autoTag: string | undefined;
      for (const label of labels) {
        const key = label[1]!.trim();
        const number = tagOfLabel(math.tex, label.index!, tags) ?? (autoTag ??= String(++automatic));
        if (equations.has(key)) {
          report(file, 'warning', `equation label \`${key}\` is defined twice; references use the first`, { place: math.code.position?.start, ruleId: 'math-label-duplicate', source: SOURCE });
          continue;
        }
        const equation = { id: equationId(key), number };
        equations.set(key, equation);
        anchors.push(equation.id);
      }
      tex = tex.replace(LABEL, '');
      if (autoTag !== undefined && math.display) tex = `${tex}\\tag{${autoTag}}`;
      let inlineTag: string | undefined;
      if (!math.display) {
        const all = [...tags, ...(autoTag !== undefined ? [autoTag] : [])];
        if (all.length > 0) inlineTag = all.join(', ');
        tex = tex.replace(TAG, '');
      }
      setTex(math, tex);
      insertAround(math, anchors, inlineTag);
    }

    // Pass 2: references.
    for (const math of formulas) {
      if (!math.tex.includes('ref')) continue;
      const tex = texOf(math.code);
      const only = ONLY_REF.exec(tex);
      if (only) {
        const link = referenceLink(only[2]!.trim(), only[1] === 'eq', equations, file, math);
        replaceScope(math, link);
        continue;
      }
      setTex(math, tex.replace(REF, (_, eq: string | undefined, key: string) => {
        const equation = lookup(key.trim(), equations, file, math, eq ? 'eqref' : 'ref');
        const text = equation ? (eq ? `(${equation.number})` : equation.number) : '??';
        return equation ? `\\href{#${equation.id}}{\\text{${text}}}` : `\\text{${text}}`;
      }));
    }
  };
}

/** The tag in the same row (`\\`-separated) as the label, or the formula's only tag. */
function tagOfLabel(tex: string, labelIndex: number, tags: string[]): string | undefined {
  const rowStart = tex.lastIndexOf('\\\\', labelIndex);
  const rowEnd = tex.indexOf('\\\\', labelIndex);
  const row = tex.slice(rowStart === -1 ? 0 : rowStart, rowEnd === -1 ? tex.length : rowEnd);
  const inRow = [...row.matchAll(TAG)];
  if (inRow.length > 0) return inRow[0]![1]!.trim();
  return tags.length === 1 ? tags[0] : undefined;
}

function lookup(key: string, equations: Map<string, Equation>, file: VFile, math: MathElement, command: 'ref' | 'eqref'): Equation | undefined {
  const equation = equations.get(key);
  if (!equation) report(file, 'warning', `\\${command}{${key}}: no equation has \\label{${key}}`, { place: math.code.position?.start, ruleId: 'math-ref-unknown', source: SOURCE });
  return equation;
}

function referenceLink(key: string, parenthesised: boolean, equations: Map<string, Equation>, file: VFile, math: MathElement): Element {
  const equation = lookup(key, equations, file, math, parenthesised ? 'eqref' : 'ref');
  const text = equation ? (parenthesised ? `(${equation.number})` : equation.number) : '??';
  if (!equation) return { type: 'element', tagName: 'span', properties: { className: ['mlpost-eqref', 'mlpost-eqref-missing'] }, children: [{ type: 'text', value: text }] };
  return { type: 'element', tagName: 'a', properties: { className: ['mlpost-eqref'], href: `#${equation.id}` }, children: [{ type: 'text', value: text }] };
}

function collectMath(tree: Root): MathElement[] {
  const found: MathElement[] = [];
  visitParents(tree, 'element', (node: Element, ancestors) => {
    const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
    if (!classes.includes('language-math') && !classes.includes('math-inline') && !classes.includes('math-display')) return;
    const parent = ancestors[ancestors.length - 1]!;
    const inPre = parent.type === 'element' && parent.tagName === 'pre';
    const scope = inPre ? parent : node;
    const scopeParent = inPre ? ancestors[ancestors.length - 2]! : parent;
    found.push({ code: node, scope, parent: scopeParent, display: inPre || classes.includes('math-display'), tex: texOf(node) });
  });
  return found;
}

function texOf(node: Element): string {
  return toText(node, { whitespace: 'pre' });
}

function setTex(math: MathElement, tex: string): void {
  math.code.children = [{ type: 'text', value: tex }];
}

function insertAround(math: MathElement, anchors: string[], inlineTag: string | undefined): void {
  const siblings = math.parent.children as ElementContent[];
  const index = siblings.indexOf(math.scope);
  if (index === -1) return;
  const before: ElementContent[] = anchors.map((id) => ({ type: 'element', tagName: 'span', properties: { id, className: ['mlpost-eq-anchor'] }, children: [] }));
  const after: ElementContent[] = inlineTag === undefined ? [] : [{ type: 'element', tagName: 'span', properties: { className: ['mlpost-eq-tag'] }, children: [{ type: 'text', value: `\u2002(${inlineTag})` }] }];
  siblings.splice(index, 1, ...before, math.scope, ...after);
}

function replaceScope(math: MathElement, replacement: Element): void {
  const siblings = math.parent.children as ElementContent[];
  const index = siblings.indexOf(math.scope);
  if (index !== -1) siblings.splice(index, 1, replacement);
}

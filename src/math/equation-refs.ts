/**
 * Equation numbers as LaTeX and MathJax (`tags: 'ams'`) give them, and the references to
 * them. KaTeX alone rejects `\label`/`\ref` and numbers with CSS counters (which run on
 * across the excerpts of an index page, and which MathJax-typeset formulas do not share),
 * so this rehype step, before typesetting, numbers every unit itself (`tex/equation-rows.ts`)
 * and writes the TeX both engines typeset the same way:
 *
 * - each row of `align`, `gather`, `eqnarray` … and each `equation`/`multline` gets the next
 *   number as an explicit `\tag{n}` (numbers run on through the post), unless it has a
 *   `\tag` of its own or `\nonumber`/`\notag`; starred environments number nothing;
 * - a `\label` on a unit without a number gives it the next number (MathJax would show
 *   `???` for its references; the seed's author relied on this);
 * - `\label{key}` is removed and its anchor `#eq-key` placed: before the formula when the
 *   formula has one number, on the row's number when it has several (`\htmlId` in the tag),
 *   so that a reference lands on its row;
 * - in inline math, `\tag{X}` is removed and `(X)` is written after the formula;
 * - a formula that is only `\ref{key}`/`\eqref{key}` (also bare in prose, read as MathJax's
 *   `processRefs` reads it) becomes a link; inside a larger formula the reference becomes
 *   `\href{#eq-key}{…}`. A key no label names prints `??`; it and a label used twice are
 *   warnings at their line.
 */
import type { Element, ElementContent, Parents, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { sourceMayMatch } from '../syntax/source-hint.js';
import { placeInFormula, texStart } from './formula-place.js';
import { numberedUnits, type NumberedUnit } from './tex/equation-rows.js';
import { applyEdits, endsInComment, type Edit } from './tex/tex-source.js';
import type { EquationLabel, MathContext, MathPiece } from './math-context.js';

const SOURCE = 'mlpost:math';
const TAG = /\\tag\*?\s*\{([^{}]*)\}/g;
const REF = /\\(eq)?ref\s*\{([^{}]*)\}/g;
const ONLY_REF = /^\s*\\(eq)?ref\s*\{([^{}]*)\}\s*$/;
const NUMBERED_ENVIRONMENT = /\\begin\s*\{(?:equation|align|alignat|flalign|xx?alignat|gather|multline|eqnarray)\}/;
const ANY_MARK = /\\(?:label|eqref|ref|tag)(?![A-Za-z])/;

interface MathElement {
  code: Element;
  /** The element KaTeX replaces: the `<pre>` of a display block, else the code itself. */
  scope: Element;
  parent: Parents;
  display: boolean;
  tex: string;
}

type Equation = EquationLabel;

/** The anchor id of a label key. */
export function equationId(key: string): string {
  return `eq-${key.trim().replace(/\s+/g, '-').replace(/[^\p{L}\p{N}_:.-]/gu, '_')}`;
}

/**
 * The rehype plugin (runs before `rehypeMath`). A render that is a piece of a larger
 * document (`file.data.mathContext`) numbers on from the numbers used before it, counts
 * the pieces that stand in it as comments, and resolves references to the other pieces' labels.
 */
export function rehypeEquationRefs() {
  return (tree: Root, file: VFile): void => {
    // Most posts number nothing: then not even the walk that collects formulas is needed.
    if (!sourceMayMatch(file, /\\(?:label|eqref|ref|tag)|\\begin\s*\{(?:equation|align|alignat|flalign|xx?alignat|gather|multline|eqnarray)\}/)) return;
    const context: MathContext = file.data.mathContext ?? {};
    const found = collectMath(tree, context.pieces);
    if (!found.some((math) => 'tex' in math && (ANY_MARK.test(math.tex) || (math.display && NUMBERED_ENVIRONMENT.test(math.tex))))) return;
    const equations = new Map<string, Equation>(context.labels);
    const counter = { value: context.numbersBefore ?? 0 };
    for (const math of found) {
      if ('tex' in math) numberFormula(math, equations, counter, file);
      else counter.value += math.numbers;
    }
    for (const math of found) if ('tex' in math && math.tex.includes('ref')) resolveReferences(math, equations, file);
  };
}

/** A formula's numbered units and the number of each (undefined: not numbered). */
export interface FormulaNumbers {
  units: NumberedUnit[];
  numbers: Array<string | undefined>;
}

/**
 * Number the units of a formula as LaTeX does, from `counter` (advanced past the numbers
 * used); undefined when the formula numbers nothing and names no label.
 */
export function formulaNumbers(tex: string, display: boolean, counter: { value: number }): FormulaNumbers | undefined {
  if (!ANY_MARK.test(tex) && !(display && NUMBERED_ENVIRONMENT.test(tex))) return undefined;
  const units = numberedUnits(tex);
  // A label outside the environments of a formula they number names their last number
  // (`\end{equation} \label{x}`), not a number of its own.
  const outside = units.find((unit) => unit.outside && !unit.tag && unit.labels.length > 0);
  const numberedRow = units.findLast((unit) => !unit.outside && (unit.tag || (unit.numbered && !unit.suppressed)));
  if (outside && numberedRow) {
    numberedRow.labels.push(...outside.labels);
    outside.labels = [];
  }
  return { units, numbers: units.map((unit) => numberOf(unit, counter)) };
}

/** Pass 1: number the formula's units, name its labels, write its TeX and anchors. */
function numberFormula(math: MathElement, equations: Map<string, Equation>, counter: { value: number }, file: VFile): void {
  const numbered = formulaNumbers(math.tex, math.display, counter);
  if (!numbered) return;
  const { units, numbers } = numbered;
  // One number: anchors before the formula. Several: each on its own row's number.
  const anchorsOnRows = math.display && numbers.filter((number) => number !== undefined).length > 1;
  const edits: Edit[] = [];
  const anchors: string[] = [];
  units.forEach((unit, index) => {
    const number = numbers[index];
    const ids: string[] = [];
    for (const label of unit.labels) {
      edits.push({ start: label.start, end: label.end, text: '' });
      if (equations.has(label.key)) {
        report(file, 'warning', `equation label \`${label.key}\` is defined twice; references use the first`, { place: placeOf(math, label.start, file), ruleId: 'math-label-duplicate', source: SOURCE });
        continue;
      }
      const equation = { id: equationId(label.key), number: number ?? '??' };
      equations.set(label.key, equation);
      if (number !== undefined) ids.push(equation.id);
    }
    if (!math.display) {
      anchors.push(...ids);
      return;
    }
    if (!anchorsOnRows) anchors.push(...ids);
    const anchored = (text: string) => (anchorsOnRows ? ids.reduceRight((inner, id) => `\\htmlId{${id}}{${inner}}`, `\\text{${text}}`) : text);
    if (unit.tag && anchorsOnRows && ids.length > 0) {
      edits.push({ ...unit.tag.content, text: `$${anchored(unit.tag.text)}$` });
    } else if (!unit.tag && number !== undefined) {
      const tag = anchorsOnRows && ids.length > 0 ? `\\tag{$${anchored(number)}$}` : `\\tag{${number}}`;
      // A `%` comment on the unit's last line would swallow the tag.
      const newline = endsInComment(math.tex.slice(0, unit.tagAt)) ? '\n' : '';
      edits.push({ start: unit.tagAt, end: unit.tagAt, text: newline + tag });
    }
  });
  let tex = applyEdits(math.tex, edits);
  let inlineTag: string | undefined;
  if (!math.display) {
    // Inline math cannot hold a tag: it is written after the formula.
    const tags = [...tex.matchAll(TAG)].map((match) => match[1]!.trim());
    const automatic = numbers.filter((number, index) => number !== undefined && !units[index]!.tag) as string[];
    const all = [...tags, ...automatic];
    if (all.length > 0) inlineTag = all.join(', ');
    tex = tex.replace(TAG, '');
  }
  if (tex !== math.tex) setTex(math, tex);
  insertAround(math, anchors, inlineTag);
}

/** The unit's number: its own `\tag`, else the next number when LaTeX (or a label) numbers it. */
function numberOf(unit: NumberedUnit, counter: { value: number }): string | undefined {
  if (unit.tag) return unit.tag.text;
  if (unit.suppressed) return undefined;
  if (unit.numbered || unit.labels.length > 0) return String(++counter.value);
  return undefined;
}

/** Pass 2: references, once every label has its number. */
function resolveReferences(math: MathElement, equations: Map<string, Equation>, file: VFile): void {
  const tex = texOf(math.code);
  const only = ONLY_REF.exec(tex);
  if (only) {
    replaceScope(math, referenceLink(only[2]!.trim(), only[1] === 'eq', equations, file, math, tex.indexOf('\\')));
    return;
  }
  setTex(math, tex.replace(REF, (_, eq: string | undefined, key: string, offset: number) => {
    const equation = lookup(key.trim(), equations, file, math, eq ? 'eqref' : 'ref', offset);
    const text = equation ? (eq ? `(${equation.number})` : equation.number) : '??';
    return equation ? `\\href{#${equation.id}}{\\text{${text}}}` : `\\text{${text}}`;
  }));
}

function lookup(key: string, equations: Map<string, Equation>, file: VFile, math: MathElement, command: 'ref' | 'eqref', offset: number): Equation | undefined {
  const equation = equations.get(key);
  if (!equation) report(file, 'warning', `\\${command}{${key}}: no equation has \\label{${key}}`, { place: placeOf(math, offset, file), ruleId: 'math-ref-unknown', source: SOURCE });
  return equation;
}

function referenceLink(key: string, parenthesised: boolean, equations: Map<string, Equation>, file: VFile, math: MathElement, offset: number): Element {
  const equation = lookup(key, equations, file, math, parenthesised ? 'eqref' : 'ref', offset);
  const text = equation ? (parenthesised ? `(${equation.number})` : equation.number) : '??';
  if (!equation) return { type: 'element', tagName: 'span', properties: { className: ['mlpost-eqref', 'mlpost-eqref-missing'] }, children: [{ type: 'text', value: text }] };
  return { type: 'element', tagName: 'a', properties: { className: ['mlpost-eqref'], href: `#${equation.id}` }, children: [{ type: 'text', value: text }] };
}

/** The author's place of the character at `offset` of a formula's TeX: its line, and its column on the first line. */
function placeOf(math: MathElement, offset: number, file: VFile) {
  const start = texStart(file, math.scope, math.display);
  if (!start) return math.code.position?.start ?? math.scope.position?.start;
  const before = math.tex.slice(0, Math.max(0, offset));
  const line = before.split('\n').length - 1;
  // On the first line the column is exact; below it, container prefixes are not counted.
  return line === 0 ? { line: start.line, column: math.display ? start.column + offset : (math.code.position?.start.column ?? start.column) } : placeInFormula(start, line, before.length - before.lastIndexOf('\n') - 1);
}

/** The formulas of `tree` in document order, and the pieces of `pieces` where their comments stand. */
function collectMath(tree: Root, pieces: MathContext['pieces']): Array<MathElement | MathPiece> {
  const found: Array<MathElement | MathPiece> = [];
  visitParents(tree, (node, ancestors) => {
    if (node.type === 'comment') {
      const piece = pieces?.get(node.value);
      if (piece) found.push(piece);
      return;
    }
    if (node.type !== 'element') return;
    const math = mathElement(node, ancestors as Parents[]);
    if (math) found.push(math);
  });
  return found;
}

/** A formula as the rest of a document sees it: its TeX, display or inline, and its place. */
export interface FormulaSource {
  tex: string;
  display: boolean;
  position: Element['position'];
}

/** The formulas of `tree` in document order. */
export function formulasOf(tree: Root): FormulaSource[] {
  const found: FormulaSource[] = [];
  visitParents(tree, 'element', (node: Element, ancestors) => {
    const math = mathElement(node, ancestors);
    if (math) found.push({ tex: math.tex, display: math.display, position: math.code.position ?? math.scope.position });
  });
  return found;
}

function mathElement(node: Element, ancestors: readonly Parents[]): MathElement | undefined {
  const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
  if (!classes.includes('language-math') && !classes.includes('math-inline') && !classes.includes('math-display')) return undefined;
  const parent = ancestors[ancestors.length - 1]!;
  const inPre = parent.type === 'element' && parent.tagName === 'pre';
  const scope = inPre ? parent : node;
  const scopeParent = inPre ? ancestors[ancestors.length - 2]! : parent;
  return { code: node, scope, parent: scopeParent, display: inPre || classes.includes('math-display'), tex: texOf(node) };
}

function texOf(node: Element): string {
  return toText(node, { whitespace: 'pre' });
}

function setTex(math: MathElement, tex: string): void {
  math.code.children = [{ type: 'text', value: tex }];
}

function insertAround(math: MathElement, anchors: string[], inlineTag: string | undefined): void {
  if (anchors.length === 0 && inlineTag === undefined) return;
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

/**
 * One post's math across the pieces Hexo renders it in.
 *
 * Hexo renders a post with each tag it knows replaced by a placeholder comment, then runs
 * the tags, and a theme's tag (`{% note %}`, `{% tabs %}`) renders its body through mlpost
 * on its own. Rendered alone, each piece would restart equation numbering, miss the other
 * pieces' `\label`s and the post's `\newcommand`s. So the whole post's formulas are read
 * first, in document order (its original body, tags and all, through mlpost's syntax:
 * the {@link MathTimeline}), and each render is given what the rest of the post
 * contributes (`math/math-context.ts`): the post render counts each placeholder's
 * numbers and definitions where it stands, a tag body starts from the numbers and
 * definitions before it and knows every label outside it. Equations then number 1, 2, 3
 * in document order across post and notes, as the CLI numbers the same file.
 *
 * Only posts whose math has state (labels, references, numbered environments, macro
 * definitions) are read twice. A tag body is found in the post by its text; a body Hexo
 * changed before handing it over (a nested tag already expanded, indentation stripped) is
 * found by its first line; one not found at all renders on its own, as before.
 */
import { unified, type Processor } from 'unified';
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import remarkRehype from 'remark-rehype';
import { VFile } from 'vfile';
import { equationId, formulaNumbers, formulasOf } from '../../math/equation-refs.js';
import type { EquationLabel, MathContext, MathPiece } from '../../math/math-context.js';
import { findDefinitions } from '../../math/tex/macro-scope.js';
import type { MlpostOptions } from '../../pipeline/index.js';
import { parseStage } from '../../pipeline/stages/parse.js';
import { syntaxStage } from '../../pipeline/stages/syntax.js';
import { stepsOf } from '../../pipeline/step.js';
import { parseTag } from '../../syntax/hexo-tag/arguments.js';

/** Math whose meaning depends on other formulas: numbering, references, definitions. */
const STATEFUL_MATH = /\\(?:label|eqref|ref|tag|newcommand|renewcommand|def|gdef|let|DeclareMathOperator)(?![A-Za-z])|\\begin\s*\{(?:equation|align|alignat|flalign|xx?alignat|gather|multline|eqnarray)\}/;

/** One formula of the post as the timeline keeps it. */
interface TimelineFormula {
  /** Offset in the post's body. */
  start: number;
  /** Equation numbers it uses. */
  numbers: number;
  /** Its macro definitions, as written. */
  definitions: string[];
}

/** The formulas of a whole post in document order, and the first definition of each label. */
export interface MathTimeline {
  formulas: TimelineFormula[];
  labels: Array<{ key: string; label: EquationLabel; at: number }>;
}

/** Where a placeholder of the rendered text stands in the post's body. */
export interface PlaceholderSpan {
  /** The comment's text (`swig￼3`). */
  comment: string;
  start: number;
  end: number;
}

/**
 * Read a post body's formulas with mlpost's syntax (`reader`: parse and syntax stages,
 * then hast). Formulas of tags Hexo renders itself (hexo-math's `{% mathjax %}`) are not
 * mlpost's to number and are left out.
 */
export function readMathTimeline(body: string, reader: MathReader, hexoRendersTag: (name: string) => boolean): MathTimeline {
  const file = new VFile({ value: body });
  const tree = reader.runSync(reader.parse(file), file) as HastRoot;
  const counter = { value: 0 };
  const formulas: TimelineFormula[] = [];
  const labels: MathTimeline['labels'] = [];
  const seen = new Set<string>();
  for (const formula of formulasOf(tree)) {
    const start = formula.position?.start.offset ?? formulas.at(-1)?.start ?? 0;
    if (body.startsWith('{%', start) && hexoRendersTag(parseTag(body.slice(start + 2, body.indexOf('%}', start))).name)) continue;
    const before = counter.value;
    const numbered = formulaNumbers(formula.tex, formula.display, counter);
    numbered?.units.forEach((unit, index) => {
      for (const { key } of unit.labels) {
        if (seen.has(key)) continue;
        seen.add(key);
        labels.push({ key, label: { id: equationId(key), number: numbered.numbers[index] ?? '??' }, at: start });
      }
    });
    formulas.push({ start, numbers: counter.value - before, definitions: findDefinitions(formula.tex)?.written ?? [] });
  }
  return { formulas, labels };
}

/** The math context of the post's own render: the pieces at their placeholders, their labels. */
export function postMathContext(timeline: MathTimeline, spans: readonly PlaceholderSpan[]): MathContext | undefined {
  if (spans.length === 0) return undefined;
  const inside = (at: number) => spans.some((span) => at >= span.start && at < span.end);
  const pieces = new Map<string, MathPiece>();
  for (const span of spans) {
    const formulas = timeline.formulas.filter((formula) => formula.start >= span.start && formula.start < span.end);
    if (formulas.length === 0) continue;
    pieces.set(span.comment, { numbers: sum(formulas), definitions: formulas.flatMap((formula) => formula.definitions) });
  }
  return { pieces, labels: labelsWhere(timeline, inside) };
}

/** The math context of a piece of the post, at `[start, end)` of its body. */
export function pieceMathContext(timeline: MathTimeline, start: number, end: number): MathContext {
  const before = timeline.formulas.filter((formula) => formula.start < start);
  return {
    numbersBefore: sum(before),
    definitionsBefore: before.flatMap((formula) => formula.definitions),
    labels: labelsWhere(timeline, (at) => at < start || at >= end),
  };
}

function labelsWhere(timeline: MathTimeline, where: (at: number) => boolean): Map<string, EquationLabel> {
  return new Map(timeline.labels.filter((entry) => where(entry.at)).map((entry) => [entry.key, entry.label]));
}

function sum(formulas: readonly TimelineFormula[]): number {
  return formulas.reduce((total, formula) => total + formula.numbers, 0);
}

/** mlpost's Markdown syntax as far as hast, without running anything (no graphs, no cells). */
export type MathReader = Processor<MdastRoot, MdastRoot, HastRoot>;

/** The reader {@link readMathTimeline} needs, for the pipeline's options. */
export function mathReader(options: Readonly<MlpostOptions>): MathReader {
  const steps = stepsOf([parseStage({ ...options, frontMatter: false }), syntaxStage(options)]);
  const processor = unified();
  for (const step of steps) processor.use(...(step.use as [never, ...never[]]));
  return processor.use(remarkRehype, { allowDangerousHtml: true }).freeze() as unknown as MathReader;
}

/**
 * Find `text` (a tag body as Hexo hands it over) in the post's body: exactly, else by its
 * first non-blank line (Hexo strips a body's indentation and expands the tags inside it
 * first). Returns `[start, end)` or undefined.
 */
export function locateInBody(body: string, text: string): [number, number] | undefined {
  if (text.trim() === '') return undefined;
  const exact = body.indexOf(text);
  if (exact >= 0) return [exact, exact + text.length];
  const first = text.split('\n').find((line) => line.trim() !== '')!.trim();
  const at = body.indexOf(first);
  return at >= 0 ? [at, at + text.length] : undefined;
}

/** Whether a post's math has state to share between its pieces. */
export function hasStatefulMath(body: string): boolean {
  return STATEFUL_MATH.test(body);
}

/**
 * Where each placeholder of `rendered` (a post body as Hexo hands it to the renderer:
 * tags, `{{ }}`, `{# #}` and comments replaced) stands in `original`, the body as written.
 * Each construct's extent in the original follows Hexo's escaper (`hexo/dist/hexo/post.js`):
 * `{% name %}` runs to the first later `{% … %}` naming `endname`, when there is one.
 */
export function placeholderSpans(original: string, rendered: string): PlaceholderSpan[] {
  const spans: PlaceholderSpan[] = [];
  let inOriginal = 0;
  let inRendered = 0;
  for (const match of rendered.matchAll(/<!--((?:swig|comment|code)\uFFFC\d+)-->/g)) {
    const between = rendered.slice(inRendered, match.index);
    let start = original.startsWith(between, inOriginal) ? inOriginal + between.length : -1;
    if (start < 0) {
      const found = original.indexOf(between, inOriginal);
      if (found < 0) break;
      start = found + between.length;
    }
    const end = constructEnd(original, start);
    if (end < 0) break;
    spans.push({ comment: match[1]!, start, end });
    inOriginal = end;
    inRendered = match.index + match[0].length;
  }
  return spans;
}

/** The end of the tag, variable, Nunjucks comment or HTML comment at `start`; -1 if none is there. */
function constructEnd(text: string, start: number): number {
  const closeOf = (close: string, from: number) => {
    const at = text.indexOf(close, from);
    return at < 0 ? -1 : at + close.length;
  };
  if (text.startsWith('<!--', start)) return closeOf('-->', start + 4);
  if (text.startsWith('{{', start)) return closeOf('}}', start + 2);
  if (text.startsWith('{#', start)) return closeOf('#}', start + 2);
  if (!text.startsWith('{%', start)) return -1;
  const openEnd = closeOf('%}', start + 2);
  if (openEnd < 0) return -1;
  const name = parseTag(text.slice(start + 2, openEnd - 2)).name;
  if (!text.includes(`end${name}`)) return openEnd;
  for (const tag of text.slice(openEnd).matchAll(/\{%([\s\S]*?)%\}/g)) {
    if (tag[1]!.includes(`end${name}`)) return openEnd + tag.index + tag[0].length;
  }
  return openEnd;
}

/** The math timelines of the posts being rendered, and the context of each render. */
export class PostMath {
  private readonly timelines = new Map<string, { body: string; timeline: MathTimeline | undefined }>();
  private reader: MathReader | undefined;

  constructor(
    private readonly options: Readonly<MlpostOptions>,
    /** The post's body as written, by its full path. */
    private readonly bodyOf: (source: string) => string | undefined,
    /** Whether Hexo renders a tag of this name (asked at render time: themes register late). */
    private readonly hexoRendersTag: () => (name: string) => boolean,
  ) {}

  /** The context of the render of a post's body (`rendered`: with Hexo's placeholders). */
  forPost(source: string, rendered: string): MathContext | undefined {
    const body = this.bodyOf(source);
    if (body === undefined || !rendered.includes('<!--swig\uFFFC') || !hasStatefulMath(body)) return undefined;
    const spans = placeholderSpans(body, rendered).filter((span) => span.comment.startsWith('swig'));
    const timeline = spans.length > 0 ? this.timelineOf(source) : undefined;
    return timeline && postMathContext(timeline, spans);
  }

  /** The context of the render of `text`, a tag body of the post at `source`. */
  forTagBody(source: string, text: string): MathContext | undefined {
    const timeline = this.timelineOf(source);
    const at = timeline && locateInBody(this.bodyOf(source)!, text);
    return at && pieceMathContext(timeline, at[0], at[1]);
  }

  private timelineOf(source: string): MathTimeline | undefined {
    const body = this.bodyOf(source);
    if (body === undefined || !hasStatefulMath(body)) return undefined;
    const known = this.timelines.get(source);
    if (known && known.body === body) return known.timeline;
    let timeline: MathTimeline | undefined;
    try {
      this.reader ??= mathReader(this.options);
      timeline = readMathTimeline(body, this.reader, this.hexoRendersTag());
    } catch {
      timeline = undefined; // the post's own render reports what is wrong with it; pieces render alone
    }
    this.timelines.set(source, { body, timeline });
    return timeline;
  }
}

/**
 * The numbered units of a formula, as LaTeX and MathJax (`tags: 'ams'`) number them:
 *
 * - each row of `align`, `alignat`, `flalign`, `xalignat`, `xxalignat`, `gather` and
 *   `eqnarray` (rows end at `\\` or `\cr`; an empty last row is no row);
 * - the whole of `equation` and `multline`;
 * - the starred forms and other environments (`aligned`, `cases` …) number nothing, but their
 *   rows may carry a `\tag` or a `\label` of their own;
 * - what is outside every environment is one more unit (`$$ a \tag{1} $$`).
 *
 * Each unit knows its `\tag`, `\label`s and `\nonumber`/`\notag`, and where a `\tag` goes.
 */
import { controlSequenceEnd, findCommands, readArgument, skipSpace, type Span } from './tex-source.js';

/** Environments numbered row by row. */
const ROW_NUMBERED = new Set(['align', 'alignat', 'flalign', 'xalignat', 'xxalignat', 'gather', 'eqnarray']);
/** Environments numbered once. */
const ONCE_NUMBERED = new Set(['equation', 'multline']);
const MARKS = new Set(['tag', 'label', 'nonumber', 'notag']);
/**
 * Commands that take the next token as their argument: `\hat\\theta` (written for marked,
 * which made it `\hat\theta`) is one row, not a row break after `\hat`.
 */
const TAKES_ARGUMENT = /\\(?:hat|widehat|bar|overline|underline|vec|tilde|widetilde|dot|ddot|breve|check|acute|grave|mathbf|mathrm|mathit|mathsf|mathtt|mathcal|mathbb|mathfrak|boldsymbol|bm|sqrt|operatorname|text)$/;

/** A `\tag{…}` or `\tag*{…}` in a unit. */
export interface Tag extends Span {
  text: string;
  starred: boolean;
  /** The span of its argument's content (inside the braces). */
  content: Span;
}

/** A `\label{…}` in a unit. */
export interface Label extends Span {
  key: string;
}

/** One unit that may carry an equation number. */
export interface NumberedUnit {
  /** LaTeX numbers it by itself (a row of an unstarred numbered environment). */
  numbered: boolean;
  tag: Tag | undefined;
  labels: Label[];
  /** `\nonumber` or `\notag`. */
  suppressed: boolean;
  /** Where a `\tag{…}` for this unit is written. */
  tagAt: number;
  /** The unit is outside every environment (a `\tag` for it goes at the formula's end). */
  outside: boolean;
}

/** The units of `tex`, in order. */
export function numberedUnits(tex: string): NumberedUnit[] {
  const units: NumberedUnit[] = [];
  const outside: Span[] = [];
  let from = 0;
  for (const environment of topEnvironments(tex)) {
    outside.push({ start: from, end: environment.start });
    from = environment.end;
    const rowNumbered = ROW_NUMBERED.has(environment.name);
    const once = ONCE_NUMBERED.has(environment.name);
    const rows = once ? [environment.body] : rowsOf(tex, environment.body);
    for (const row of rows) units.push(unitOf(tex, [row], rowNumbered || once, false));
  }
  outside.push({ start: from, end: tex.length });
  const formulaLevel = unitOf(tex, outside, false, true);
  if (formulaLevel.tag || formulaLevel.labels.length > 0 || units.length === 0) units.push(formulaLevel);
  return units;
}

interface Environment extends Span {
  name: string;
  /** The body between `\begin{name}` (and its arguments) and `\end{name}`. */
  body: Span;
}

/** The environments of `tex` not inside another environment. */
function topEnvironments(tex: string): Environment[] {
  const found: Environment[] = [];
  const marks = findCommands(tex, new Set(['begin', 'end']));
  let depth = 0;
  let open: { at: number; name: string; bodyStart: number } | undefined;
  for (const { at, name: command } of marks) {
    const argument = readArgument(tex, controlSequenceEnd(tex, at));
    if (!argument) continue;
    if (command === 'begin') {
      if (depth === 0) open = { at, name: argument.content.trim(), bodyStart: argument.end };
      depth++;
    } else if (depth > 0 && --depth === 0 && open) {
      found.push({ start: open.at, end: argument.end, name: open.name, body: { start: open.bodyStart, end: at } });
      open = undefined;
    }
  }
  return found;
}

/** The rows of an environment's body: split at `\\` and `\cr` outside groups and inner environments. */
function rowsOf(tex: string, body: Span): Span[] {
  const rows: Span[] = [];
  let start = body.start;
  let braces = 0;
  let environments = 0;
  for (let index = body.start; index < body.end; index++) {
    const char = tex[index];
    if (char === '%') {
      while (index + 1 < body.end && tex[index + 1] !== '\n') index++;
    } else if (char === '{') braces++;
    else if (char === '}') braces--;
    else if (char === '\\') {
      const end = controlSequenceEnd(tex, index);
      const name = tex.slice(index + 1, end);
      if (name === 'begin') environments++;
      else if (name === 'end') environments--;
      else if ((name === '\\' || name === 'cr') && braces === 0 && environments === 0 && !TAKES_ARGUMENT.test(tex.slice(Math.max(body.start, index - 16), index))) {
        rows.push({ start, end: index });
        // `\\[2pt]`: the spacing belongs to the break.
        const after = skipSpace(tex, end);
        start = tex[after] === '[' && name === '\\' ? Math.max(end, tex.indexOf(']', after) + 1 || end) : end;
      }
      index = end - 1;
    }
  }
  rows.push({ start, end: body.end });
  // An empty last row (`… \\` before `\end`) is no row, for LaTeX, MathJax and KaTeX alike.
  if (rows.length > 1 && isBlank(tex.slice(rows[rows.length - 1]!.start, rows[rows.length - 1]!.end))) rows.pop();
  return rows;
}

function isBlank(text: string): boolean {
  return text.replace(/%[^\n]*/g, '').trim() === '';
}

function unitOf(tex: string, spans: Span[], numbered: boolean, outside: boolean): NumberedUnit {
  let tag: Tag | undefined;
  const labels: Label[] = [];
  let suppressed = false;
  for (const span of spans) {
    const text = tex.slice(span.start, span.end);
    for (const { at, name } of findCommands(text, MARKS)) {
      const start = span.start + at;
      if (name === 'nonumber' || name === 'notag') {
        suppressed = true;
        continue;
      }
      let after = controlSequenceEnd(tex, start);
      const starred = name === 'tag' && tex[after] === '*';
      if (starred) after++;
      const argument = readArgument(tex, after);
      if (!argument || tex[argument.start] !== '{' || argument.end > span.end) continue;
      const content = { start: argument.start + 1, end: argument.end - 1 };
      if (name === 'label') labels.push({ start, end: argument.end, key: argument.content.trim() });
      else tag ??= { start, end: argument.end, text: argument.content.trim(), starred, content };
    }
  }
  const last = spans[spans.length - 1]!;
  return { numbered, tag, labels, suppressed, tagAt: trimEnd(tex, last), outside };
}

/** Where a unit's text ends, before trailing spaces (a `\tag` goes right after its content). */
function trimEnd(tex: string, span: Span): number {
  let end = span.end;
  while (end > span.start && /[ \t]/.test(tex[end - 1]!)) end--;
  return end;
}

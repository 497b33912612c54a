/**
 * TeX that MathJax typesets and KaTeX rejects, rewritten where a cheap rewrite gives what
 * MathJax showed (anything else goes to MathJax itself):
 *
 * - `\text{a_b}`: `_` is a character in MathJax's text mode, an error in KaTeX's → `\_`;
 * - `\*`, `\.` (`\right\.`), `e\^{x}`: the `\` before punctuation that KaTeX names in its
 *   error (or its complaint about a text accent in math mode): the blogs ran marked first,
 *   which turned them into the punctuation mark MathJax saw;
 * - `\require{…}`: MathJax's extension loader, nothing to typeset;
 * - `x_\boldsymbol{w}`: MathJax takes a command with its arguments as a subscript, KaTeX
 *   wants braces → `x_{\boldsymbol{w}}`.
 */
import { applyEdits, controlSequenceEnd, findCommands, groupEnd, readArgument, type Edit } from './tex-source.js';

const TEXT_COMMANDS = new Set(['text', 'textrm', 'textit', 'textbf', 'textsf', 'texttt', 'textnormal', 'mbox', 'hbox']);
const REQUIRE = new Set(['require']);
/** KaTeX's complaint about a `\` before punctuation (`\*`, `\.`): which mark. */
const PUNCTUATION_COMMAND = /^(?:Undefined control sequence: |Got function '|LaTeX's accent )\\([!-/:-@[-`{-~])/;

/** `tex` with the rewrites that apply to KaTeX's `error` (its raw message), or undefined when none does. */
export function closeKatexGaps(tex: string, error: string): string | undefined {
  let out = tex;
  const mark = PUNCTUATION_COMMAND.exec(error)?.[1];
  if (mark) out = out.replace(new RegExp(`\\\\${mark.replace(/[$()*+.?[\\\]^{|}-]/g, '\\$&')}`, 'g'), (whole, offset: number) => (isEscaped(out, offset) ? whole : mark));
  out = removeRequire(out);
  out = escapeTextUnderscores(out);
  out = braceScriptCommands(out);
  return out === tex ? undefined : out;
}

/** The `\` at `offset` is itself escaped (`\\*` is a line break and a star). */
function isEscaped(tex: string, offset: number): boolean {
  let backslashes = 0;
  for (let index = offset - 1; index >= 0 && tex[index] === '\\'; index--) backslashes++;
  return backslashes % 2 === 1;
}

function removeRequire(tex: string): string {
  const edits: Edit[] = [];
  for (const { at } of findCommands(tex, REQUIRE)) {
    const argument = readArgument(tex, controlSequenceEnd(tex, at));
    if (argument) edits.push({ start: at, end: argument.end, text: '' });
  }
  return edits.length ? applyEdits(tex, edits) : tex;
}

function escapeTextUnderscores(tex: string): string {
  const edits: Edit[] = [];
  for (const { at } of findCommands(tex, TEXT_COMMANDS)) {
    const argument = readArgument(tex, controlSequenceEnd(tex, at));
    if (!argument || tex[argument.start] !== '{') continue;
    for (let index = argument.start + 1; index < argument.end - 1; index++) {
      if (tex[index] === '\\') index = controlSequenceEnd(tex, index) - 1;
      else if (tex[index] === '_') edits.push({ start: index, end: index + 1, text: '\\_' });
    }
  }
  return edits.length ? applyEdits(tex, edits) : tex;
}

function braceScriptCommands(tex: string): string {
  const edits: Edit[] = [];
  for (let index = 0; index < tex.length; index++) {
    const char = tex[index];
    if (char === '\\') {
      index = controlSequenceEnd(tex, index) - 1;
      continue;
    }
    if (char !== '_' && char !== '^') continue;
    let start = index + 1;
    while (tex[start] === ' ') start++;
    if (tex[start] !== '\\' || !/[A-Za-z]/.test(tex[start + 1] ?? '')) continue;
    const nameEnd = controlSequenceEnd(tex, start);
    // Only a command followed by a braced argument: `_\alpha` is fine for KaTeX already.
    if (tex[nameEnd] !== '{') continue;
    let end = nameEnd;
    while (tex[end] === '{') {
      const close = groupEnd(tex, end);
      if (close === -1) break;
      end = close;
    }
    if (end === nameEnd) continue;
    edits.push({ start, end: start, text: '{' }, { start: end, end, text: '}' });
    index = end - 1;
  }
  return edits.length ? applyEdits(tex, edits) : tex;
}

/**
 * MathJax's page-wide macro scope, for KaTeX: in MathJax a `\newcommand`, `\renewcommand`,
 * `\def`, `\gdef`, `\let` or `\DeclareMathOperator` in any formula holds for every later
 * formula of the page (authors often define macros in an inline `$\newcommand{…}$`), and
 * `\newcommand` may redefine a macro. KaTeX keeps definitions local to their formula and
 * refuses those redefinitions, so each definition is rewritten to its global TeX form
 * before KaTeX sees the formula (`\newcommand{\R}[1]{…}` → `\gdef\R#1{…}`); the document's
 * macro table (one per post) then carries it on, in document order.
 *
 * A definition with an optional argument (`\newcommand{\f}[2][x]{…}`) has no `\gdef` form:
 * it is left to KaTeX as written (which rejects it, so MathJax typesets that formula).
 */
import { applyEdits, controlSequenceEnd, findCommands, readArgument, readOptional, skipSpace, type Edit } from './tex-source.js';

const DEFINING = new Set(['newcommand', 'renewcommand', 'def', 'gdef', 'let', 'DeclareMathOperator']);
const MAYBE_DEFINING = /\\(?:newcommand|renewcommand|def|gdef|let|DeclareMathOperator)(?![A-Za-z])/;

/** A formula's definitions. */
export interface Definitions {
  /** The formula with every definition in its global form, for KaTeX. */
  tex: string;
  /** Those global definitions alone, in order (to replay when the formula fails). */
  global: string;
  /** The definitions as the author wrote them, in order (for MathJax). */
  written: string[];
}

/** The definitions in `tex`, or undefined when it makes none (the common case, tested cheaply). */
export function findDefinitions(tex: string): Definitions | undefined {
  if (!MAYBE_DEFINING.test(tex)) return undefined;
  const edits: Edit[] = [];
  const global: string[] = [];
  const written: string[] = [];
  let after = 0;
  for (const { at, name } of findCommands(tex, DEFINING)) {
    if (at < after) continue;
    const definition = readDefinition(tex, at, name);
    if (!definition) continue;
    after = definition.end;
    written.push(tex.slice(at, definition.end));
    if (definition.global === undefined) continue;
    edits.push({ start: at, end: definition.end, text: definition.global });
    global.push(definition.global);
  }
  if (written.length === 0) return undefined;
  return { tex: applyEdits(tex, edits), global: global.join(''), written };
}

interface Definition {
  end: number;
  /** Its global form; undefined when it has none. */
  global: string | undefined;
}

function readDefinition(tex: string, at: number, command: string): Definition | undefined {
  const afterCommand = controlSequenceEnd(tex, at);
  switch (command) {
    case 'newcommand':
    case 'renewcommand': {
      let from = tex[afterCommand] === '*' ? afterCommand + 1 : afterCommand;
      const name = readArgument(tex, from);
      if (!name || !/^\\(?:[A-Za-z]+|.)$/.test(name.content.trim())) return undefined;
      from = name.end;
      const count = readOptional(tex, from);
      if (count) from = count.end;
      const fallback = count ? readOptional(tex, from) : undefined;
      if (fallback) from = fallback.end;
      const body = readArgument(tex, from);
      if (!body) return undefined;
      const parameters = Number.parseInt(count?.content.trim() ?? '0', 10);
      if (!(parameters >= 0 && parameters <= 9)) return undefined;
      const params = Array.from({ length: parameters }, (_, index) => `#${index + 1}`).join('');
      const global = fallback ? undefined : `\\gdef${name.content.trim()}${params}{${body.content}}`;
      return { end: body.end, global };
    }
    case 'def':
    case 'gdef': {
      // `\def\name<parameter text>{body}`: only the command word changes.
      const name = skipSpace(tex, afterCommand);
      if (tex[name] !== '\\') return undefined;
      let brace = controlSequenceEnd(tex, name);
      while (brace < tex.length && tex[brace] !== '{') brace++;
      const body = readArgument(tex, brace);
      if (!body) return undefined;
      return { end: body.end, global: `\\gdef${tex.slice(afterCommand, body.end)}` };
    }
    case 'let': {
      const name = readArgument(tex, afterCommand);
      if (!name) return undefined;
      let from = skipSpace(tex, name.end);
      if (tex[from] === '=') from++;
      const value = readArgument(tex, from);
      if (!value) return undefined;
      return { end: value.end, global: `\\global\\let${name.content}${value.content}` };
    }
    case 'DeclareMathOperator': {
      const limits = tex[afterCommand] === '*';
      const name = readArgument(tex, limits ? afterCommand + 1 : afterCommand);
      if (!name) return undefined;
      const text = readArgument(tex, name.end);
      if (!text) return undefined;
      return { end: text.end, global: `\\gdef${name.content.trim()}{\\operatorname${limits ? '*' : ''}{${text.content}}}` };
    }
    default:
      return undefined;
  }
}

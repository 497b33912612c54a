/**
 * Which formulas a paragraph's text leaves open at its end, by the rules of the inline
 * tokenizer (`math-text.ts`) applied to a string. The block tokenizer needs it where
 * Markdown's line-by-line block structure meets formulas that span lines:
 *
 * - a line that starts with a display delimiter right after a paragraph line that leaves a
 *   formula open (`where $$` / `\begin{aligned}` / … / `$$`) is inside that formula or
 *   closes it: it must not interrupt the paragraph as a display of its own;
 * - a paragraph that starts with a display and goes on after it on the same line goes on
 *   to the next line while a formula is open there (`$$ … $$ and $$` / `b` / `$$`).
 *
 * A formula that does not close in the text read so far counts as text (as pandoc reads it
 * when it never closes; when it closes on a later line, the `$$` that follows is inside it
 * and the paragraph goes on all the same).
 *
 * Each formula is read to its end, and the block tokenizer asks again at every line that
 * starts with a delimiter, so a hostile paragraph would take cubic time (8 kB of lines
 * `\[a` took 146 s): the caller gives a budget of characters to read (`ReadBudget`), and
 * past it gets no answer.
 */
import { MATH_ENVIRONMENTS } from './delimiters.js';

const PUNCTUATION = /[!-/:-@[-`{-~]/;

/** What is open at the end of a paragraph's text. */
export interface OpenFormulas {
  /**
   * A formula other than `$…$` (money is common in prose), outside its groups: a line that
   * starts with a display delimiter is inside it (or, for `$$`, closes it).
   */
  outside: boolean;
  /** Any formula, which a later line may close. */
  any: boolean;
}

/** Characters {@link openFormulas} may still read; below zero, it stops. */
export interface ReadBudget {
  left: number;
}

/** The formulas `text` leaves open at its end; `undefined` when that takes more than `budget` allows. */
export function openFormulas(text: string, budget: ReadBudget = { left: Infinity }): OpenFormulas | undefined {
  const open: OpenFormulas = { outside: false, any: false };
  // The answer cannot change once both are known.
  for (let at = 0; at < text.length && !(open.outside && open.any); ) {
    if (--budget.left < 0) return undefined;
    const char = text[at];
    if (char === '$') {
      let run = at;
      while (text[run] === '$') run++;
      const single = run - at === 1;
      if (run - at > 2 || (single && /\s/.test(text[run] ?? ' '))) {
        at = run;
        continue;
      }
      const end = formulaEnd(text, run, single ? '$' : '$$', single, false, budget);
      if (end === undefined) return undefined;
      if (end === 'open' || end === 'nested') {
        open.any = true;
        if (end === 'open' && !single) open.outside = true;
      }
      at = typeof end === 'number' ? end : run;
      continue;
    }
    if (char === '\\') {
      const opening = /^\\(\\?)([[(])|^\\begin[ \t]*\{([A-Za-z]+)(\\?\*)?\}/.exec(text.slice(at, at + 40));
      const environment = opening?.[3] === undefined ? undefined : `${opening[3]}${opening[4] ? '*' : ''}`;
      if (opening && (opening[2] || MATH_ENVIRONMENTS.has(environment!))) {
        // (`\begin{align\*}` was written for marked: its end may be written either way.)
        const close = opening[2] ? `${opening[1]}\\${opening[2] === '[' ? ']' : ')'}` : `\\end{${opening[3]}${opening[4] ?? ''}}`;
        const end = formulaEnd(text, at + opening[0].length, close, false, opening[1] === '\\' || opening[4] === '\\*', budget);
        if (end === undefined) return undefined;
        if (typeof end === 'number') {
          at = end;
          continue;
        }
        open.any = true;
        if (end === 'open') open.outside = true;
      }
      at += PUNCTUATION.test(text[at + 1] ?? '') ? 2 : 1;
      continue;
    }
    at++;
  }
  return open;
}

/**
 * Where the formula whose content starts at `from` ends (after `close`), `'fails'` when
 * pandoc's `$` rules end the attempt, `'open'` when the text ends first outside groups,
 * `'nested'` when it ends inside a group; `undefined` past the budget.
 */
function formulaEnd(text: string, from: number, close: string, dollarRules: boolean, unescape: boolean, budget: ReadBudget): number | 'fails' | 'open' | 'nested' | undefined {
  let braces = 0;
  let afterSpace = false;
  let afterCommand = false;
  for (let at = from; at < text.length; at++) {
    if (--budget.left < 0) return undefined;
    if (braces === 0 && (text.startsWith(close, at) || (unescape && text.startsWith(`\\${close}`, at)))) {
      if (!dollarRules) return at + close.length + (text.startsWith(close, at) ? 0 : 1);
      if (afterSpace && (!afterCommand || text.slice(from, at).includes('\n'))) return 'fails';
      return /[0-9]/.test(text[at + 1] ?? '') ? 'fails' : at + 1;
    }
    const char = text[at]!;
    afterSpace = /\s/.test(char);
    if (char === '\\') {
      if (/[A-Za-z]/.test(text[at + 1] ?? '')) afterCommand = true;
      // marked's reading: `\{` is a brace, `\\` one backslash (which takes the next character).
      if (unescape && PUNCTUATION.test(text[at + 1] ?? '') && text[at + 1] !== '\\') {
        at++;
        countBrace(text[at]!);
        continue;
      }
      at += unescape && text[at + 1] === '\\' ? 2 : 1;
      continue;
    }
    countBrace(char);
  }
  return braces === 0 ? 'open' : 'nested';

  function countBrace(char: string): void {
    if (char === '{') braces++;
    else if (char === '}' && braces > 0) braces--;
  }
}

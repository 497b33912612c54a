/**
 * A reference scanner for math delimiters, written from the documented rules and sharing
 * no code with `src/math/syntax/`: plain string scanning, one paragraph at a time.
 *
 * Pandoc's MANUAL (`tex_math_dollars`): "Anything between two $ characters will be treated
 * as TeX math. The opening $ must have a non-space character immediately to its right,
 * while the closing $ must have a non-space character immediately to its left, and must
 * not be followed immediately by a digit. [...] For display math, use $$ delimiters. (In
 * this case, the delimiters may be separated from the formula by whitespace. However,
 * there can be no blank lines between the opening and closing $$ delimiters.)" Pandoc's
 * reader gives up on a `$` formula at the first space followed by `$`. `tex_math_single_backslash`:
 * `\(…\)` and `\[…\]`; `tex_math_double_backslash`: `\\(…\\)` and `\\[…\\]`.
 *
 * MathJax (`FindTeX.findEnd`): the closing delimiter counts only outside `{…}` groups, and a
 * backslash with the character after it is one unit. `processEnvironments`: a math
 * environment outside delimiters is display math; `processRefs`: `\ref{…}`/`\eqref{…}` in
 * text. For the double-backslash forms MathJax saw the text after marked had undone
 * Markdown's backslash escapes, so they are scanned in that unescaped text.
 *
 * mlpost's choices where those leave a gap: a run of three or more `$` is text; a `$$`
 * that does not close is text (both dollars); a space before a closing `$` ends the
 * attempt unless the formula so far is on one line and has a TeX command (a backslash and a
 * letter): the MathJax blogs showed `$\alpha $` as math, and money has no commands.
 */

export interface Formula {
  tex: string;
  display: boolean;
}

/** A formula with where it starts and ends in the Markdown (offsets). */
export interface PlacedFormula extends Formula {
  start: number;
  end: number;
  delimiter: string;
}

const ENVIRONMENTS = new Set([
  'align', 'align*', 'alignat', 'alignat*', 'aligned', 'alignedat', 'array', 'Bmatrix', 'bmatrix',
  'cases', 'CD', 'eqnarray', 'eqnarray*', 'equation', 'equation*', 'gather', 'gather*', 'gathered',
  'matrix', 'multline', 'multline*', 'pmatrix', 'smallmatrix', 'split', 'subarray', 'Vmatrix', 'vmatrix',
]);

const PUNCTUATION = /[!-/:-@[-`{-~]/;

/** Every formula of `markdown` (paragraphs of prose, no other Markdown syntax), in order. */
export function referenceFormulas(markdown: string): Formula[] {
  return placedFormulas(markdown).map(({ tex, display }) => ({ tex, display }));
}

/** The same, with their places. */
export function placedFormulas(markdown: string): PlacedFormula[] {
  const found: PlacedFormula[] = [];
  const blank = /\n[ \t]*(?:\n[ \t]*)*\n/g;
  let start = 0;
  for (const match of [...markdown.matchAll(blank), undefined]) {
    const end = match ? match.index : markdown.length;
    scanParagraph(markdown.slice(start, end), found, start);
    if (match) start = match.index + match[0].length;
  }
  return found;
}

function scanParagraph(text: string, found: PlacedFormula[], offset: number): void {
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (char === '$') {
      let run = at;
      while (text[run] === '$') run++;
      const dollars = run - at;
      const formula = dollars === 1 ? singleDollar(text, at) : dollars === 2 ? doubleDollar(text, at) : undefined;
      if (formula) {
        found.push({ ...formula.formula, start: offset + at, end: offset + formula.end, delimiter: text.slice(at, run) });
        at = formula.end;
      } else {
        at = run;
      }
      continue;
    }
    if (char === '\\') {
      const formula = backslashDelimited(text, at) ?? environment(text, at) ?? reference(text, at);
      if (formula) {
        found.push({ ...formula.formula, start: offset + at, end: offset + formula.end, delimiter: '\\' });
        at = formula.end;
        continue;
      }
      // Markdown's escape: `\$` is a dollar, `\\` a backslash.
      at += PUNCTUATION.test(text[at + 1] ?? '') ? 2 : 1;
      continue;
    }
    at++;
  }
}

interface Found {
  formula: Formula;
  end: number;
}

/**
 * MathJax's search for `close` from `from`: outside groups, a backslash and the next
 * character one unit. Returns the index of the closing delimiter, or -1.
 */
function findEnd(text: string, from: number, close: string, dollarRules = false): number {
  let braces = 0;
  // Pandoc reads `\x` as one unit: only a space of its own comes before a failing `$`.
  let afterSpace = false;
  let afterCommand = false;
  for (let at = from; at < text.length; at++) {
    if (braces === 0 && text.startsWith(close, at)) {
      if (!dollarRules) return at;
      // Pandoc's `$`: not after a space (the whole attempt fails), not before a digit.
      if (afterSpace && (!afterCommand || text.slice(from, at).includes('\n'))) return -1;
      return /[0-9]/.test(text[at + 1] ?? '') ? -1 : at;
    }
    const char = text[at]!;
    afterSpace = /\s/.test(char);
    if (char === '\\' && /[A-Za-z]/.test(text[at + 1] ?? '')) afterCommand = true;
    if (char === '\\') at++;
    else if (char === '{') braces++;
    else if (char === '}' && braces > 0) braces--;
  }
  return -1;
}

function singleDollar(text: string, at: number): Found | undefined {
  if (/\s/.test(text[at + 1] ?? ' ')) return undefined;
  const close = findEnd(text, at + 1, '$', true);
  if (close === -1) return undefined;
  return { formula: { tex: text.slice(at + 1, close), display: false }, end: close + 1 };
}

function doubleDollar(text: string, at: number): Found | undefined {
  const close = findEnd(text, at + 2, '$$');
  if (close === -1 || close === at + 2) return undefined;
  return { formula: { tex: text.slice(at + 2, close), display: true }, end: close + 2 };
}

function backslashDelimited(text: string, at: number): Found | undefined {
  if (text.startsWith('\\\\(', at) || text.startsWith('\\\\[', at)) {
    const display = text[at + 2] === '[';
    return unescapedFormula(text, at + 3, display ? '\\]' : '\\)', display);
  }
  if (text.startsWith('\\(', at) || text.startsWith('\\[', at)) {
    const display = text[at + 1] === '[';
    const close = findEnd(text, at + 2, display ? '\\]' : '\\)');
    if (close === -1) return undefined;
    return { formula: { tex: text.slice(at + 2, close), display }, end: close + 2 };
  }
  return undefined;
}

/**
 * `\\(…\\)` and `\\[…\\]` (and `\begin{align\*}…`), scanned in the text as marked passed
 * it to MathJax; `endPattern`, when given, is the closing delimiter (it is kept in the TeX).
 */
function unescapedFormula(text: string, from: number, close: string, display: boolean, endPattern?: RegExp): Found | undefined {
  // The unescaped text, and for each of its characters the source index after it.
  let plain = '';
  const ends: number[] = [];
  for (let at = from; at < text.length; at++) {
    if (text[at] === '\\' && PUNCTUATION.test(text[at + 1] ?? '')) at++;
    plain += text[at];
    ends.push(at + 1);
  }
  if (endPattern) {
    let braces = 0;
    for (let index = 0; index < plain.length; index++) {
      if (braces === 0) {
        const end = endPattern.exec(plain.slice(index));
        if (end) {
          const last = index + end[0].length - 1;
          return { formula: { tex: plain.slice(0, last + 1), display }, end: ends[last]! };
        }
      }
      const char = plain[index]!;
      if (char === '\\') index++;
      else if (char === '{') braces++;
      else if (char === '}' && braces > 0) braces--;
    }
    return undefined;
  }
  const end = findEnd(plain, 0, close);
  if (end === -1) return undefined;
  return { formula: { tex: plain.slice(0, end), display }, end: ends[end + close.length - 1]! };
}

function environment(text: string, at: number): Found | undefined {
  const begin = /^\\begin[ \t]*\{([A-Za-z]+)(\\?\*)?\}/.exec(text.slice(at));
  if (!begin || !ENVIRONMENTS.has(`${begin[1]}${begin[2] ? '*' : ''}`)) return undefined;
  // `\begin{align\*}`: written for marked, scanned (and read) in marked's unescaped text.
  if (begin[2] === '\\*') {
    const found = unescapedFormula(text, at + begin[0].length, '', true, new RegExp(`^\\\\end[ \\t]*\\{${begin[1]}\\*\\}`));
    return found && { formula: { tex: `\\begin{${begin[1]}*}${found.formula.tex}`, display: true }, end: found.end };
  }
  const endPattern = new RegExp(`^\\\\end[ \\t]*\\{${begin[1]}${begin[2] ? '\\*' : ''}\\}`);
  let braces = 0;
  for (let index = at + begin[0].length; index < text.length; index++) {
    if (braces === 0) {
      const end = endPattern.exec(text.slice(index));
      if (end) return { formula: { tex: text.slice(at, index + end[0].length), display: true }, end: index + end[0].length };
    }
    const char = text[index]!;
    if (char === '\\') index++;
    else if (char === '{') braces++;
    else if (char === '}' && braces > 0) braces--;
  }
  return undefined;
}

function reference(text: string, at: number): Found | undefined {
  const ref = /^\\(?:eq)?ref[ \t]*\{[^{}\n]*\}/.exec(text.slice(at));
  return ref ? { formula: { tex: ref[0], display: false }, end: at + ref[0].length } : undefined;
}

/**
 * Places inside a formula, in the author's file: a KaTeX error at index 40 of a display
 * that starts at line 12 is reported at the line of the display that holds index 40.
 */
import type { Element } from 'hast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';

const OPENING = /^(?:\$\$|\$|\\\\\[|\\\\\(|\\\[|\\\(|`{3,}[^\n]*|~{3,}[^\n]*)/;

/** Where the TeX of the formula `scope` (its element, or the `pre` of a display block) starts. */
export function texStart(file: VFile, scope: Element, display: boolean): Point | undefined {
  const start = scope.position?.start;
  if (!start || start.offset === undefined || file.value === undefined) return undefined;
  const source = String(file.value);
  let offset = start.offset + (OPENING.exec(source.slice(start.offset, start.offset + 200))?.[0].length ?? 0);
  let { line, column } = start;
  column += offset - start.offset;
  // A display whose opening line holds nothing more starts on the next line.
  const rest = /^[ \t]*(?:\r?\n|\r)/.exec(source.slice(offset));
  if (display && rest) {
    offset += rest[0].length;
    line += 1;
    column = 1;
  }
  return { line, column, offset };
}

/** The place `column` characters into line `line` (0-based) of a formula whose TeX starts at `start`. */
export function placeInFormula(start: Point, line: number, column: number): Point {
  return line === 0 ? { line: start.line, column: start.column + column } : { line: start.line + line, column: column + 1 };
}

/**
 * Where the characters of an mdast `text` node came from in the author's file.
 *
 * remark decodes `\[` and `&#91;` into a plain `[` and drops blockquote markers and
 * indentation between lines, so a text value alone cannot tell a syntax bracket from an
 * escaped one, nor give the column of a problem. Aligning the value with its source
 * slice gives both: the source offset of every value character, and whether it was
 * written as an escape or a character reference (literal text, never syntax).
 */
import type { Point } from 'unist';

/** The source of each character of a text value. */
export interface TextSourceMap {
  /** Source offset of each value character (value.length + 1 entries: the last is the end). */
  offsets: number[];
  /** Whether each value character was written as `\x` or `&…;` (so it is never syntax). */
  literal: boolean[];
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const CHARACTER_REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/y;

/**
 * Align `value` with `source` (the file text from the node's start offset to its end).
 * Never fails: characters that cannot be found are mapped to the last known offset.
 */
export function mapTextToSource(value: string, source: string, start: number): TextSourceMap {
  const offsets = new Array<number>(value.length + 1);
  const literal = new Array<boolean>(value.length).fill(false);
  if (value === source) {
    for (let index = 0; index <= value.length; index++) offsets[index] = start + index;
    return { offsets, literal };
  }
  let position = 0;
  for (let index = 0; index < value.length; index++) {
    const char = value[index]!;
    let found = false;
    // Skip what the value does not hold (line prefixes such as `> ` or indentation).
    while (position < source.length) {
      const here = source[position]!;
      if (here === '\\' && source[position + 1] === char && ASCII_PUNCTUATION.test(char)) {
        offsets[index] = start + position;
        literal[index] = true;
        position += 2;
        found = true;
        break;
      }
      if (here === char) {
        offsets[index] = start + position;
        position += 1;
        found = true;
        break;
      }
      if (here === '&') {
        CHARACTER_REFERENCE.lastIndex = position;
        const reference = CHARACTER_REFERENCE.exec(source);
        if (reference) {
          offsets[index] = start + position;
          literal[index] = true;
          // An astral character decodes to two code units.
          const code = char.charCodeAt(0);
          if (code >= 0xd800 && code <= 0xdbff && index + 1 < value.length) {
            index++;
            offsets[index] = start + position;
            literal[index] = true;
          }
          position += reference[0].length;
          found = true;
          break;
        }
      }
      position++;
    }
    if (!found) offsets[index] = start + Math.min(position, source.length);
  }
  offsets[value.length] = start + Math.min(position, source.length);
  return { offsets, literal };
}

/** Line and column of source offsets, from a table of line starts built once per file. */
export class SourcePoints {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let index = 0; index < text.length; index++) {
      if (text.charCodeAt(index) === 10) this.lineStarts.push(index + 1);
    }
  }

  /** The 1-based line and column of `offset`. */
  pointAt(offset: number): Point {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1, offset };
  }
}

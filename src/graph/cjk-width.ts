/**
 * Size CJK labels so that they fit their shapes.
 *
 * Graphviz-WASM has no fonts: it estimates text width from built-in Latin metrics and,
 * for every byte outside ASCII, falls back to the width of a space. A CJK character is
 * three UTF-8 bytes, so in Times it is sized 3 × 0.25 em = 0.75 em although every CJK
 * font draws it 1 em wide (`状态转移` at 14 pt: 42 pt estimated, 56 pt drawn).
 *
 * Fix without touching the DOT grammar: before layout, each wide character U+XXXX is
 * swapped for U+FXXXX (Supplementary Private Use Area-A), a four-byte character that
 * Graphviz sizes 4 × 0.25 em = exactly 1 em in Times (≈1.1 em in Helvetica/Arial, the
 * other built-in proportional metrics). The mapping is one-to-one and works wherever a
 * label can come from (quoted, HTML-like, unquoted IDs, `\N` node names, edge labels);
 * after layout the SVG gets the original characters back.
 */

/** East Asian Wide and Fullwidth characters of the BMP (Han, kana, Hangul, CJK punctuation, fullwidth forms). */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/g;
/** Numeric character references (`&#29366;`, `&#x72B6;`) to wide characters, which Graphviz would also size narrow. */
const WIDE_REFERENCE = /&#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}));/g;
const SHIFT = 0xf0000;
const SHIFTED = /[\u{F0000}-\u{FFFFD}]/gu;

function isWide(codePoint: number): boolean {
  WIDE.lastIndex = 0;
  return codePoint <= 0xffff && WIDE.test(String.fromCharCode(codePoint));
}

/**
 * Whether `dot` can be widened safely: it must not already contain characters of the
 * private range we borrow (no real text does; if one does, we leave the graph as is).
 */
export function canWidenCjk(dot: string): boolean {
  SHIFTED.lastIndex = 0;
  return !SHIFTED.test(dot);
}

/** Swap wide characters (literal or as numeric references) for their 1 em stand-ins. Lines are kept, so error lines still point into the author's DOT. */
export function widenCjk(dot: string): string {
  return dot
    .replace(WIDE, (char) => String.fromCodePoint(SHIFT + char.charCodeAt(0)))
    .replace(WIDE_REFERENCE, (reference, hex: string | undefined, decimal: string | undefined) => {
      const codePoint = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal);
      return isWide(codePoint) ? String.fromCodePoint(SHIFT + codePoint) : reference;
    });
}

/** Give back the original characters in Graphviz's output (SVG text, titles, messages). */
export function restoreCjk(text: string): string {
  return text.replace(SHIFTED, (char) => String.fromCharCode(char.codePointAt(0)! - SHIFT));
}

/** Whether `text` holds a wide (CJK) character. */
export function hasCjk(text: string): boolean {
  WIDE.lastIndex = 0;
  return WIDE.test(text);
}

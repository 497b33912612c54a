/**
 * Numbers for people and for programs: every number on a page is a `<data value>` whose
 * `value` is JavaScript's shortest round-trip form and whose text is a short display.
 */
import { h } from 'hastscript';
import type { Element } from 'hast';

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
};

/** `-3` → `⁻³`: exponents in Unicode superscripts, so displays stay plain text. */
export function superscript(exponent: number): string {
  return String(exponent).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c]!);
}

/** The full-precision form stored in `value=` (`String(x)` is the shortest round trip). */
export function valueString(x: number): string {
  return Object.is(x, -0) ? '0' : String(x);
}

/**
 * Round to `digits` significant digits for display: `0.036280000000000004` → `0.03628`,
 * `1.2345e-7` → `1.235×10⁻⁷`, `-Infinity` → `−∞`. Uses a real minus sign.
 */
export function displayNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  if (x === 0) return '0';
  const magnitude = Math.abs(x);
  let text: string;
  if (magnitude >= 1e-4 && magnitude < 1e6) {
    text = String(Number(x.toPrecision(digits)));
  } else {
    const [mantissa, exponent] = x.toExponential(digits - 1).split('e') as [string, string];
    const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
    text = `${trimmed}×10${superscript(Number(exponent))}`;
  }
  return text.replace(/^-/, '−');
}

/** What a number is, for its `<data>` element's class and title. */
export type NumberKind = 'probability' | 'log-probability' | 'plain';

/**
 * `<data value="0.036280000000000004">0.03628</data>`; a log-probability carries
 * `class="mlpost-logprob"` and a `title` that says so.
 */
export function dataElement(x: number, kind: NumberKind = 'plain', digits = 4): Element {
  const properties: Record<string, string> = { value: valueString(x) };
  if (kind === 'log-probability') {
    properties.className = 'mlpost-logprob';
    properties.title = 'natural log-probability';
  }
  return h('data', properties, displayNumber(x, digits));
}

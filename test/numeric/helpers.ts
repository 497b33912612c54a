import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { toRows, type Matrix } from '../../src/numeric/matrix.js';

/** A reference JSON copied from ../shared/reference/numeric into fixtures/. */
export function loadReference<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

type Numbers = number | string | ReadonlyArray<Numbers>;

function flatten(v: Numbers | Matrix | Float64Array | Int32Array, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v);
  else if (typeof v === 'string') out.push(Number(v)); // "-Infinity" in JSON
  else if (v instanceof Float64Array || v instanceof Int32Array) out.push(...v);
  else if (Array.isArray(v)) for (const x of v as ReadonlyArray<Numbers>) flatten(x, out);
  else flatten(toRows(v as Matrix), out);
  return out;
}

/**
 * Every entry within rel·|expected| + abs of the reference (and the same shape).
 * Infinite references must be matched exactly.
 */
export function expectClose(
  actual: Numbers | Matrix | Float64Array | Int32Array,
  expected: Numbers | Matrix | Float64Array,
  rel = 1e-12,
  abs = 1e-15,
): void {
  const a = flatten(actual);
  const e = flatten(expected);
  expect(a.length).toBe(e.length);
  for (let k = 0; k < e.length; k++) {
    if (!Number.isFinite(e[k])) {
      expect(a[k]).toBe(e[k]);
      continue;
    }
    const err = Math.abs(a[k] - e[k]);
    if (!(err <= rel * Math.abs(e[k]) + abs)) {
      throw new Error(`entry ${k}: got ${a[k]}, expected ${e[k]} (error ${err}, allowed ${rel * Math.abs(e[k]) + abs})`);
    }
  }
}

/**
 * Numerically careful helpers. Zero probabilities are legal everywhere:
 * log(0) = -Infinity flows through without ever producing NaN.
 */

/**
 * ln Σ exp(v_i), shifted by the maximum so nothing overflows.
 * All entries -Infinity (or no entries) → -Infinity, not NaN.
 */
export function logSumExp(v: ArrayLike<number>, start = 0, end = v.length): number {
  let m = -Infinity;
  for (let i = start; i < end; i++) if (v[i] > m) m = v[i];
  if (m === -Infinity || m === Infinity) return m;
  let s = 0;
  for (let i = start; i < end; i++) s += Math.exp(v[i] - m);
  return m + Math.log(s);
}

/** ln(e^a + e^b) for two numbers; -Infinity when both are. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** softmax(z)_i = exp(z_i − max z) / Σ_j exp(z_j − max z). Writes into `out` when given. */
export function softmax(z: ArrayLike<number>, out: Float64Array = new Float64Array(z.length)): Float64Array {
  let m = -Infinity;
  for (let i = 0; i < z.length; i++) if (z[i] > m) m = z[i];
  let s = 0;
  for (let i = 0; i < z.length; i++) {
    const e = Math.exp(z[i] - m);
    out[i] = e;
    s += e;
  }
  const inv = 1 / s;
  for (let i = 0; i < z.length; i++) out[i] *= inv;
  return out;
}

/** log softmax(z)_i = z_i − logSumExp(z): the loss uses this, never ln(softmax). */
export function logSoftmax(z: ArrayLike<number>, out: Float64Array = new Float64Array(z.length)): Float64Array {
  const lse = logSumExp(z);
  for (let i = 0; i < z.length; i++) out[i] = z[i] - lse;
  return out;
}

/** Natural log of each entry; log(0) = -Infinity. */
export function logOf(v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.log(v[i]);
  return out;
}

import { zeros, type Matrix } from '../matrix.js';
import { logSumExp } from '../stable.js';
import { toIndices, validateSequence, type Hmm, type Sequence } from './model.js';

/** Scaled forward pass (Rabiner 1989): alphaHat rows sum to 1, scale[t] = c_t. */
export interface ScaledForward {
  /** T × N, alphaHat_t(i) = P(x_t = i | o_1..o_t). */
  readonly alphaHat: Matrix;
  /** c_t = P(o_t | o_1..o_{t-1}); 0 from the first impossible observation on. */
  readonly scale: Float64Array;
  /** ln P(O) = Σ_t ln c_t (+ ln Σ_i alphaHat_T(i) end(i) with an end vector); -Infinity if impossible. */
  readonly logLikelihood: number;
  /** Σ_i alphaHat_T(i) end(i), or 1 without an end vector. */
  readonly endScale: number;
}

/**
 * Unscaled forward, alpha_t(j) = P(o_1..o_t, x_t = j). Kept to show the
 * underflow (every entry is exactly 0 by t ≈ 640 on the weather model);
 * use `forward` or `forwardLog` for real sequences.
 */
export function forwardUnscaled(hmm: Hmm, observations: Sequence): Matrix {
  const obs = toIndices(observations);
  validateSequence(obs, hmm.emission.cols);
  const n = hmm.start.length;
  const m = hmm.emission.cols;
  const A = hmm.transition.data;
  const B = hmm.emission.data;
  const alpha = zeros(obs.length, n);
  const a = alpha.data;
  // alpha_1(i) = pi_i b_i(o_1)
  for (let i = 0; i < n; i++) a[i] = hmm.start[i] * B[i * m + obs[0]];
  // alpha_t(j) = (Σ_i alpha_{t-1}(i) a_ij) b_j(o_t)
  for (let t = 1; t < obs.length; t++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += a[(t - 1) * n + i] * A[i * n + j];
      a[t * n + j] = s * B[j * m + obs[t]];
    }
  }
  return alpha;
}

/** P(O) from an unscaled forward trellis (0 once it has underflowed). */
export function unscaledProbability(hmm: Hmm, alpha: Matrix): number {
  const n = alpha.cols;
  const last = (alpha.rows - 1) * n;
  let p = 0;
  for (let i = 0; i < n; i++) p += alpha.data[last + i] * (hmm.end ? hmm.end[i] : 1);
  return p;
}

function finishScaled(hmm: Hmm, alphaHat: Matrix, scale: Float64Array): ScaledForward {
  let ll = 0;
  for (let t = 0; t < scale.length; t++) ll += Math.log(scale[t]);
  let endScale = 1;
  if (hmm.end && ll > -Infinity) {
    const n = alphaHat.cols;
    const last = (alphaHat.rows - 1) * n;
    endScale = 0;
    for (let i = 0; i < n; i++) endScale += alphaHat.data[last + i] * hmm.end[i];
    ll += Math.log(endScale);
  }
  return { alphaHat, scale, logLikelihood: ll, endScale };
}

/**
 * Scaled forward, plain version (one equation per loop, reads like the maths).
 * `forward` computes the same numbers faster; the tests hold them together.
 */
export function forwardPlain(hmm: Hmm, observations: Sequence): ScaledForward {
  const obs = toIndices(observations);
  validateSequence(obs, hmm.emission.cols);
  const n = hmm.start.length;
  const m = hmm.emission.cols;
  const A = hmm.transition.data;
  const B = hmm.emission.data;
  const T = obs.length;
  const alphaHat = zeros(T, n);
  const a = alphaHat.data;
  const scale = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    // alpha~_t(j) = (Σ_i alphaHat_{t-1}(i) a_ij) b_j(o_t),  alpha~_1(j) = pi_j b_j(o_1)
    let c = 0;
    for (let j = 0; j < n; j++) {
      let s = 0;
      if (t === 0) s = hmm.start[j];
      else for (let i = 0; i < n; i++) s += a[(t - 1) * n + i] * A[i * n + j];
      const v = s * B[j * m + obs[t]];
      a[t * n + j] = v;
      c += v;
    }
    // c_t = Σ_j alpha~_t(j),  alphaHat_t = alpha~_t / c_t  (c_t = 0: impossible; row stays 0, no NaN)
    scale[t] = c;
    if (c > 0) for (let j = 0; j < n; j++) a[t * n + j] /= c;
  }
  return finishScaled(hmm, alphaHat, scale);
}

/**
 * Scaled forward algorithm (the tuned kernel): transition read column-wise
 * from a transposed copy so every inner product streams contiguous memory,
 * unrolled by four; emissions read from a transposed copy, one row per symbol.
 */
export function forward(hmm: Hmm, observations: Sequence): ScaledForward {
  const obs = toIndices(observations);
  validateSequence(obs, hmm.emission.cols);
  const n = hmm.start.length;
  const T = obs.length;
  const AT = transposeData(hmm.transition);
  const BT = transposeData(hmm.emission);
  const alphaHat = zeros(T, n);
  const scale = new Float64Array(T);
  forwardKernel(n, hmm.start, AT, BT, obs, alphaHat.data, scale);
  return finishScaled(hmm, alphaHat, scale);
}

/** Row-major data of the transpose. */
export function transposeData(m: Matrix): Float64Array {
  const out = new Float64Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out[j * m.rows + i] = m.data[i * m.cols + j];
  return out;
}

/**
 * alphaHat_t(j) ∝ (Σ_i alphaHat_{t-1}(i) a_ij) b_j(o_t), written into `a` (T×N) and `scale`.
 * AT = transitionᵀ (N×N), BT = emissionᵀ (M×N).
 */
export function forwardKernel(
  n: number,
  start: Float64Array,
  AT: Float64Array,
  BT: Float64Array,
  obs: Int32Array,
  a: Float64Array,
  scale: Float64Array,
): void {
  const T = obs.length;
  const n4 = n - (n % 4);
  let c = 0;
  let bo = obs[0] * n;
  for (let j = 0; j < n; j++) {
    const v = start[j] * BT[bo + j];
    a[j] = v;
    c += v;
  }
  scale[0] = c;
  if (c > 0) {
    const inv = 1 / c;
    for (let j = 0; j < n; j++) a[j] *= inv;
  }
  for (let t = 1; t < T; t++) {
    const prev = (t - 1) * n;
    const cur = t * n;
    bo = obs[t] * n;
    c = 0;
    // Four target states at a time: each alphaHat_{t-1}(i) is loaded once for four
    // independent sums (four dependency chains, a quarter of the loads of a).
    let j = 0;
    for (; j < n4; j += 4) {
      const c0 = j * n;
      const c1 = c0 + n;
      const c2 = c1 + n;
      const c3 = c2 + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < n; i++) {
        const ai = a[prev + i];
        s0 += ai * AT[c0 + i];
        s1 += ai * AT[c1 + i];
        s2 += ai * AT[c2 + i];
        s3 += ai * AT[c3 + i];
      }
      const v0 = s0 * BT[bo + j];
      const v1 = s1 * BT[bo + j + 1];
      const v2 = s2 * BT[bo + j + 2];
      const v3 = s3 * BT[bo + j + 3];
      a[cur + j] = v0;
      a[cur + j + 1] = v1;
      a[cur + j + 2] = v2;
      a[cur + j + 3] = v3;
      c += v0 + v1 + (v2 + v3);
    }
    for (; j < n; j++) {
      const col = j * n;
      let s0 = 0;
      for (let i = 0; i < n; i++) s0 += a[prev + i] * AT[col + i];
      const v = s0 * BT[bo + j];
      a[cur + j] = v;
      c += v;
    }
    scale[t] = c;
    if (c > 0) {
      const inv = 1 / c;
      for (let j = 0; j < n; j++) a[cur + j] *= inv;
    }
  }
}

/** Log-space forward: logAlpha_t(j) = ln alpha_t(j); never underflows, slower (exp/log per term). */
export function forwardLog(hmm: Hmm, observations: Sequence): { logAlpha: Matrix; logLikelihood: number } {
  const obs = toIndices(observations);
  validateSequence(obs, hmm.emission.cols);
  const n = hmm.start.length;
  const m = hmm.emission.cols;
  const lA = hmm.transition.data.map(Math.log);
  const lB = hmm.emission.data.map(Math.log);
  const T = obs.length;
  const logAlpha = zeros(T, n);
  const la = logAlpha.data;
  const terms = new Float64Array(n);
  // ln alpha_1(j) = ln pi_j + ln b_j(o_1)
  for (let j = 0; j < n; j++) la[j] = Math.log(hmm.start[j]) + lB[j * m + obs[0]];
  // ln alpha_t(j) = logsumexp_i(ln alpha_{t-1}(i) + ln a_ij) + ln b_j(o_t)
  for (let t = 1; t < T; t++) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) terms[i] = la[(t - 1) * n + i] + lA[i * n + j];
      la[t * n + j] = logSumExp(terms) + lB[j * m + obs[t]];
    }
  }
  const last = new Float64Array(n);
  for (let i = 0; i < n; i++) last[i] = la[(T - 1) * n + i] + (hmm.end ? Math.log(hmm.end[i]) : 0);
  return { logAlpha, logLikelihood: logSumExp(last) };
}

/** P(O | model) and ln P(O | model) by the scaled forward algorithm (P underflows to 0 for long O; ln P does not). */
export function likelihood(hmm: Hmm, observations: Sequence): { probability: number; logProbability: number } {
  const { logLikelihood } = forward(hmm, observations);
  return { probability: Math.exp(logLikelihood), logProbability: logLikelihood };
}

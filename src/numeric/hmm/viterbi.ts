import { zeros, type Matrix } from '../matrix.js';
import { transposeData } from './forward.js';
import { toIndices, validateSequence, type Hmm, type Sequence } from './model.js';

/** The Viterbi path and its trellis. */
export interface ViterbiResult {
  /** Most likely state sequence. Ties: the lowest state index wins (numpy argmax). */
  readonly path: Int32Array;
  /** ln P(path, O) (including the stop with an end vector); -Infinity if O is impossible. */
  readonly logProbability: number;
  /** T × N, delta_t(j) = max over paths ending in j at t of ln P(x_1..x_t, o_1..o_t). */
  readonly logDelta: Matrix;
  /** T × N (row-major), backpointers[t][j] = best predecessor of j at t (row 0 is 0). */
  readonly backpointers: Int32Array;
}

/** Viterbi in log space, plain version: delta_t(j) = max_i(delta_{t-1}(i) + ln a_ij) + ln b_j(o_t). */
export function viterbiPlain(hmm: Hmm, observations: Sequence): ViterbiResult {
  const obs = toIndices(observations);
  validateSequence(obs, hmm.emission.cols);
  const n = hmm.start.length;
  const m = hmm.emission.cols;
  const lA = hmm.transition.data.map(Math.log);
  const lB = hmm.emission.data.map(Math.log);
  const T = obs.length;
  const logDelta = zeros(T, n);
  const d = logDelta.data;
  const bp = new Int32Array(T * n);
  for (let j = 0; j < n; j++) d[j] = Math.log(hmm.start[j]) + lB[j * m + obs[0]];
  for (let t = 1; t < T; t++) {
    for (let j = 0; j < n; j++) {
      let best = -Infinity;
      let arg = 0;
      for (let i = 0; i < n; i++) {
        const v = d[(t - 1) * n + i] + lA[i * n + j];
        if (v > best) {
          best = v;
          arg = i;
        }
      }
      d[t * n + j] = best + lB[j * m + obs[t]];
      bp[t * n + j] = arg;
    }
  }
  return backtrack(hmm, logDelta, bp);
}

/** Viterbi in log space (tuned kernel: transposed log-transition, comparisons on contiguous rows). */
export function viterbi(hmm: Hmm, observations: Sequence): ViterbiResult {
  const obs = toIndices(observations);
  validateSequence(obs, hmm.emission.cols);
  const n = hmm.start.length;
  const lAT = transposeData(hmm.transition).map(Math.log);
  const lBT = transposeData(hmm.emission).map(Math.log);
  const T = obs.length;
  const logDelta = zeros(T, n);
  const d = logDelta.data;
  const bp = new Int32Array(T * n);
  const n4 = n - (n % 4);
  let bo = obs[0] * n;
  for (let j = 0; j < n; j++) d[j] = Math.log(hmm.start[j]) + lBT[bo + j];
  for (let t = 1; t < T; t++) {
    const prev = (t - 1) * n;
    const cur = t * n;
    bo = obs[t] * n;
    // Four target states at a time: each logDelta_{t-1}(i) is loaded once for four
    // independent running maxima. Ties keep the first (smallest) i, as the plain kernel.
    let j = 0;
    for (; j < n4; j += 4) {
      const c0 = j * n;
      const c1 = c0 + n;
      const c2 = c1 + n;
      const c3 = c2 + n;
      let b0 = -Infinity;
      let b1 = -Infinity;
      let b2 = -Infinity;
      let b3 = -Infinity;
      let g0 = 0;
      let g1 = 0;
      let g2 = 0;
      let g3 = 0;
      for (let i = 0; i < n; i++) {
        const di = d[prev + i];
        const v0 = di + lAT[c0 + i];
        const v1 = di + lAT[c1 + i];
        const v2 = di + lAT[c2 + i];
        const v3 = di + lAT[c3 + i];
        if (v0 > b0) {
          b0 = v0;
          g0 = i;
        }
        if (v1 > b1) {
          b1 = v1;
          g1 = i;
        }
        if (v2 > b2) {
          b2 = v2;
          g2 = i;
        }
        if (v3 > b3) {
          b3 = v3;
          g3 = i;
        }
      }
      d[cur + j] = b0 + lBT[bo + j];
      d[cur + j + 1] = b1 + lBT[bo + j + 1];
      d[cur + j + 2] = b2 + lBT[bo + j + 2];
      d[cur + j + 3] = b3 + lBT[bo + j + 3];
      bp[cur + j] = g0;
      bp[cur + j + 1] = g1;
      bp[cur + j + 2] = g2;
      bp[cur + j + 3] = g3;
    }
    for (; j < n; j++) {
      const col = j * n;
      let best = -Infinity;
      let arg = 0;
      for (let i = 0; i < n; i++) {
        const v = d[prev + i] + lAT[col + i];
        if (v > best) {
          best = v;
          arg = i;
        }
      }
      d[cur + j] = best + lBT[bo + j];
      bp[cur + j] = arg;
    }
  }
  return backtrack(hmm, logDelta, bp);
}

function backtrack(hmm: Hmm, logDelta: Matrix, bp: Int32Array): ViterbiResult {
  const T = logDelta.rows;
  const n = logDelta.cols;
  const d = logDelta.data;
  let best = -Infinity;
  let arg = 0;
  for (let j = 0; j < n; j++) {
    const v = d[(T - 1) * n + j] + (hmm.end ? Math.log(hmm.end[j]) : 0);
    if (v > best) {
      best = v;
      arg = j;
    }
  }
  const path = new Int32Array(T);
  path[T - 1] = arg;
  for (let t = T - 1; t > 0; t--) path[t - 1] = bp[t * n + path[t]];
  return { path, logProbability: best, logDelta, backpointers: bp };
}

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
  let bo = obs[0] * n;
  for (let j = 0; j < n; j++) d[j] = Math.log(hmm.start[j]) + lBT[bo + j];
  for (let t = 1; t < T; t++) {
    const prev = (t - 1) * n;
    const cur = t * n;
    bo = obs[t] * n;
    for (let j = 0; j < n; j++) {
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

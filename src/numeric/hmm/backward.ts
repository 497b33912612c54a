import { zeros, type Matrix } from '../matrix.js';
import { logSumExp } from '../stable.js';
import { forward, type ScaledForward } from './forward.js';
import { toIndices, validateSequence, type Hmm, type Sequence } from './model.js';

/** Unscaled backward: beta_t(i) = P(o_{t+1}..o_T (, stop) | x_t = i). Underflows like the unscaled forward. */
export function backwardUnscaled(hmm: Hmm, observations: Sequence): Matrix {
  const obs = toIndices(observations);
  validateSequence(obs, hmm.emission.cols);
  const n = hmm.start.length;
  const m = hmm.emission.cols;
  const A = hmm.transition.data;
  const B = hmm.emission.data;
  const T = obs.length;
  const beta = zeros(T, n);
  const b = beta.data;
  // beta_T(i) = 1 (or end_i)
  for (let i = 0; i < n; i++) b[(T - 1) * n + i] = hmm.end ? hmm.end[i] : 1;
  // beta_t(i) = Σ_j a_ij b_j(o_{t+1}) beta_{t+1}(j)
  for (let t = T - 2; t >= 0; t--) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += A[i * n + j] * B[j * m + obs[t + 1]] * b[(t + 1) * n + j];
      b[t * n + i] = s;
    }
  }
  return beta;
}

/**
 * Scaled backward with the forward pass's scale factors:
 * betaHat_T = 1 (or end / Σ alphaHat_T·end), betaHat_t(i) = Σ_j a_ij b_j(o_{t+1}) betaHat_{t+1}(j) / c_{t+1}.
 * Rows are all 0 when the sequence is impossible (no NaN).
 */
export function backward(hmm: Hmm, observations: Sequence, fwd: ScaledForward = forward(hmm, observations)): Matrix {
  const obs = toIndices(observations);
  const n = hmm.start.length;
  const m = hmm.emission.cols;
  const A = hmm.transition.data;
  const B = hmm.emission.data;
  const T = obs.length;
  const betaHat = zeros(T, n);
  if (fwd.logLikelihood === -Infinity) return betaHat;
  const b = betaHat.data;
  for (let i = 0; i < n; i++) b[(T - 1) * n + i] = hmm.end ? hmm.end[i] / fwd.endScale : 1;
  for (let t = T - 2; t >= 0; t--) {
    const inv = 1 / fwd.scale[t + 1];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += A[i * n + j] * B[j * m + obs[t + 1]] * b[(t + 1) * n + j];
      b[t * n + i] = s * inv;
    }
  }
  return betaHat;
}

/** Log-space backward: ln beta_t(i) = logsumexp_j(ln a_ij + ln b_j(o_{t+1}) + ln beta_{t+1}(j)). */
export function backwardLog(hmm: Hmm, observations: Sequence): Matrix {
  const obs = toIndices(observations);
  validateSequence(obs, hmm.emission.cols);
  const n = hmm.start.length;
  const m = hmm.emission.cols;
  const lA = hmm.transition.data.map(Math.log);
  const lB = hmm.emission.data.map(Math.log);
  const T = obs.length;
  const logBeta = zeros(T, n);
  const lb = logBeta.data;
  const terms = new Float64Array(n);
  for (let i = 0; i < n; i++) lb[(T - 1) * n + i] = hmm.end ? Math.log(hmm.end[i]) : 0;
  for (let t = T - 2; t >= 0; t--) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) terms[j] = lA[i * n + j] + lB[j * m + obs[t + 1]] + lb[(t + 1) * n + j];
      lb[t * n + i] = logSumExp(terms);
    }
  }
  return logBeta;
}

/** Posteriors of the forward–backward algorithm. */
export interface Posterior {
  /** T × N, gamma_t(i) = P(x_t = i | O); each row sums to 1 (all 0 if O is impossible). */
  readonly gamma: Matrix;
  readonly logLikelihood: number;
}

/** gamma_t(i) = alphaHat_t(i) betaHat_t(i) = P(x_t = i | O). */
export function posterior(hmm: Hmm, observations: Sequence): Posterior {
  const fwd = forward(hmm, observations);
  const betaHat = backward(hmm, observations, fwd);
  const gamma = zeros(fwd.alphaHat.rows, fwd.alphaHat.cols);
  for (let k = 0; k < gamma.data.length; k++) gamma.data[k] = fwd.alphaHat.data[k] * betaHat.data[k];
  return { gamma, logLikelihood: fwd.logLikelihood };
}

import { zeros, type Matrix } from '../matrix.js';
import { Random } from '../random.js';
import { backward } from './backward.js';
import { forwardKernel, forwardPlain, transposeData } from './forward.js';
import { toIndices, validateHmm, validateSequence, type Hmm, type Sequence } from './model.js';

/** Expected sufficient statistics of the E-step, summed over sequences. */
export interface ExpectedCounts {
  /** Σ_sequences gamma_1(i). */
  readonly start: Float64Array;
  /** xi: Σ_t P(x_t = i, x_{t+1} = j | O). */
  readonly transition: Matrix;
  /** Σ_t gamma_t(i) [o_t = k]. */
  readonly emission: Matrix;
  /** Σ_sequences gamma_T(i): expected stops (used when the model has an end vector). */
  readonly end: Float64Array;
  /** Σ_sequences ln P(O | model) of the model the counts were taken under. */
  readonly logLikelihood: number;
}

function emptyCounts(n: number, m: number): { start: Float64Array; transition: Matrix; emission: Matrix; end: Float64Array } {
  return { start: new Float64Array(n), transition: zeros(n, n), emission: zeros(n, m), end: new Float64Array(n) };
}

/** E-step, plain version: forward, backward, then gamma and xi one equation at a time. */
export function expectedCountsPlain(hmm: Hmm, sequences: ReadonlyArray<Sequence>): ExpectedCounts {
  const n = hmm.start.length;
  const m = hmm.emission.cols;
  const A = hmm.transition.data;
  const B = hmm.emission.data;
  const counts = emptyCounts(n, m);
  let ll = 0;
  for (const sequence of sequences) {
    const obs = toIndices(sequence);
    const fwd = forwardPlain(hmm, obs);
    ll += fwd.logLikelihood;
    if (fwd.logLikelihood === -Infinity) continue;
    const a = fwd.alphaHat.data;
    const b = backward(hmm, obs, fwd).data;
    const T = obs.length;
    for (let t = 0; t < T; t++) {
      // gamma_t(i) = alphaHat_t(i) betaHat_t(i)
      for (let i = 0; i < n; i++) {
        const g = a[t * n + i] * b[t * n + i];
        if (t === 0) counts.start[i] += g;
        if (t === T - 1) counts.end[i] += g;
        counts.emission.data[i * m + obs[t]] += g;
      }
      if (t === T - 1) break;
      // xi_t(i, j) = alphaHat_t(i) a_ij b_j(o_{t+1}) betaHat_{t+1}(j) / c_{t+1}
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          counts.transition.data[i * n + j] +=
            (a[t * n + i] * A[i * n + j] * B[j * m + obs[t + 1]] * b[(t + 1) * n + j]) / fwd.scale[t + 1];
        }
      }
    }
  }
  return { ...counts, logLikelihood: ll };
}

/** Reusable buffers for the tuned E-step (sized for the longest sequence). */
export interface EStepWorkspace {
  alphaHat: Float64Array;
  scale: Float64Array;
}

/** Buffers for sequences up to `maxLength` long with `states` states. */
export function createWorkspace(states: number, maxLength: number): EStepWorkspace {
  return { alphaHat: new Float64Array(states * maxLength), scale: new Float64Array(maxLength) };
}

/**
 * E-step, tuned: one scaled forward pass, then a single backward sweep that
 * computes betaHat_{t-1} = A w_t (w_t(j) = b_j(o_t) betaHat_t(j) / c_t), adds
 * alphaHat_{t-1} ⊗ w_t to the xi accumulator in the same loop over A, and adds
 * gamma_t to the emission counts; betaHat is never stored. xi = A ∘ accumulator.
 */
export function expectedCounts(
  hmm: Hmm,
  sequences: ReadonlyArray<Sequence>,
  workspace?: EStepWorkspace,
): ExpectedCounts {
  const n = hmm.start.length;
  const m = hmm.emission.cols;
  const A = hmm.transition.data;
  const AT = transposeData(hmm.transition);
  const BT = transposeData(hmm.emission);
  const seqs = sequences.map(toIndices);
  let maxT = 0;
  for (const s of seqs) {
    validateSequence(s, m);
    maxT = Math.max(maxT, s.length);
  }
  const ws = workspace && workspace.scale.length >= maxT && workspace.alphaHat.length >= maxT * n
    ? workspace
    : createWorkspace(n, maxT);
  const X = new Float64Array(n * n);
  const ET = new Float64Array(m * n);
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  let beta = new Float64Array(n);
  let betaPrev = new Float64Array(n);
  const w = new Float64Array(n);
  const n4 = n - (n % 4);
  let ll = 0;
  for (const obs of seqs) {
    const T = obs.length;
    const a = ws.alphaHat;
    const c = ws.scale;
    forwardKernel(n, hmm.start, AT, BT, obs, a, c);
    let seqLl = 0;
    for (let t = 0; t < T; t++) seqLl += Math.log(c[t]);
    let endScale = 1;
    if (hmm.end && seqLl > -Infinity) {
      endScale = 0;
      for (let i = 0; i < n; i++) endScale += a[(T - 1) * n + i] * hmm.end[i];
      seqLl += Math.log(endScale);
    }
    ll += seqLl;
    if (seqLl === -Infinity) continue;
    for (let i = 0; i < n; i++) beta[i] = hmm.end ? hmm.end[i] / endScale : 1;
    for (let i = 0; i < n; i++) end[i] += a[(T - 1) * n + i] * beta[i];
    for (let t = T - 1; t >= 0; t--) {
      const cur = t * n;
      const o = obs[t] * n;
      // gamma_t(i) = alphaHat_t(i) betaHat_t(i), added to the counts of symbol o_t
      for (let i = 0; i < n; i++) ET[o + i] += a[cur + i] * beta[i];
      if (t === 0) {
        for (let i = 0; i < n; i++) start[i] += a[i] * beta[i];
        break;
      }
      // w_t(j) = b_j(o_t) betaHat_t(j) / c_t
      const inv = 1 / c[t];
      for (let j = 0; j < n; j++) w[j] = BT[o + j] * beta[j] * inv;
      // X += alphaHat_{t-1} ⊗ w_t ;  betaHat_{t-1}(i) = Σ_j a_ij w_t(j). Four rows at a
      // time: each w_t(j) is loaded once for four rows (four independent sums).
      const prev = (t - 1) * n;
      let i = 0;
      for (; i < n4; i += 4) {
        const a0 = a[prev + i];
        const a1 = a[prev + i + 1];
        const a2 = a[prev + i + 2];
        const a3 = a[prev + i + 3];
        const r0 = i * n;
        const r1 = r0 + n;
        const r2 = r1 + n;
        const r3 = r2 + n;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let j = 0; j < n; j++) {
          const wj = w[j];
          X[r0 + j] += a0 * wj;
          X[r1 + j] += a1 * wj;
          X[r2 + j] += a2 * wj;
          X[r3 + j] += a3 * wj;
          s0 += A[r0 + j] * wj;
          s1 += A[r1 + j] * wj;
          s2 += A[r2 + j] * wj;
          s3 += A[r3 + j] * wj;
        }
        betaPrev[i] = s0;
        betaPrev[i + 1] = s1;
        betaPrev[i + 2] = s2;
        betaPrev[i + 3] = s3;
      }
      for (; i < n; i++) {
        const ai = a[prev + i];
        const r = i * n;
        let sum = 0;
        for (let j = 0; j < n; j++) {
          X[r + j] += ai * w[j];
          sum += A[r + j] * w[j];
        }
        betaPrev[i] = sum;
      }
      const swap = beta;
      beta = betaPrev;
      betaPrev = swap;
    }
  }
  const transition = zeros(n, n);
  for (let k = 0; k < n * n; k++) transition.data[k] = A[k] * X[k];
  const emission = zeros(n, m);
  for (let k = 0; k < m; k++) for (let i = 0; i < n; i++) emission.data[i * m + k] = ET[k * n + i];
  return { start, transition, emission, end, logLikelihood: ll };
}

/**
 * M-step: normalise the expected counts into a model. A state never visited
 * (all its counts 0) keeps its previous row, so no 0/0 appears.
 */
export function maximize(counts: ExpectedCounts, previous: Hmm): Hmm {
  const n = previous.start.length;
  const m = previous.emission.cols;
  const start = normalizeOr(counts.start, previous.start);
  const transition = zeros(n, n);
  const emission = zeros(n, m);
  const end = previous.end ? new Float64Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    // a_ij = xi_ij / Σ_j' xi_ij'   (with an end vector the stop count joins the row)
    let total = end ? counts.end[i] : 0;
    for (let j = 0; j < n; j++) total += counts.transition.data[i * n + j];
    for (let j = 0; j < n; j++) {
      transition.data[i * n + j] = total > 0 ? counts.transition.data[i * n + j] / total : previous.transition.data[i * n + j];
    }
    if (end && previous.end) end[i] = total > 0 ? counts.end[i] / total : previous.end[i];
    // b_i(k) = Σ_t gamma_t(i)[o_t = k] / Σ_t gamma_t(i)
    let occ = 0;
    for (let k = 0; k < m; k++) occ += counts.emission.data[i * m + k];
    for (let k = 0; k < m; k++) {
      emission.data[i * m + k] = occ > 0 ? counts.emission.data[i * m + k] / occ : previous.emission.data[i * m + k];
    }
  }
  return end ? { start, transition, emission, end } : { start, transition, emission };
}

function normalizeOr(v: Float64Array, fallback: Float64Array): Float64Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  if (!(s > 0)) return new Float64Array(fallback);
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] / s;
  return out;
}

/** Options of `baumWelch`. */
export interface BaumWelchOptions {
  /** Number of hidden states N (ignored when `initial` is given). */
  readonly states: number;
  /** Alphabet size M (ignored when `initial` is given). */
  readonly symbols: number;
  /** Upper bound on EM updates. Default 100. */
  readonly iterations?: number;
  /** Stop when the log-likelihood gain of an update is below this. Default 1e-8. */
  readonly tolerance?: number;
  /** Random initialisations; the one with the highest final log-likelihood is kept. Default 1. */
  readonly restarts?: number;
  /** Seed of the generator drawing the initialisations. Default 0. */
  readonly seed?: number;
  /** Start restart 0 from this model instead of a random one. */
  readonly initial?: Hmm;
}

/** The learned model and its learning curve. */
export interface BaumWelchResult {
  readonly model: Hmm;
  /** ln P(sequences | model_k) for k = 0, 1, …: the curve of the best restart; the last entry is the returned model's. */
  readonly logLikelihoods: number[];
  /** Whether the best restart stopped on the tolerance rather than the iteration cap. */
  readonly converged: boolean;
  /** Index of the best restart. */
  readonly bestRestart: number;
  /** Final log-likelihood of every restart, in order. */
  readonly restartLogLikelihoods: number[];
}

/** A random row-stochastic model: each row drawn from a flat Dirichlet (normalised exponentials). */
export function randomHmm(states: number, symbols: number, random: Random): Hmm {
  const row = (k: number): Float64Array => {
    const r = new Float64Array(k);
    let s = 0;
    for (let i = 0; i < k; i++) {
      r[i] = -Math.log(1 - random.uniform53());
      s += r[i];
    }
    for (let i = 0; i < k; i++) r[i] /= s;
    return r;
  };
  const start = row(states);
  const transition = zeros(states, states);
  for (let i = 0; i < states; i++) transition.data.set(row(states), i * states);
  const emission = zeros(states, symbols);
  for (let i = 0; i < states; i++) emission.data.set(row(symbols), i * symbols);
  return { start, transition, emission };
}

/** One EM run from `model`: returns the final model, its curve and whether it converged. */
export function runEm(
  model: Hmm,
  sequences: ReadonlyArray<Sequence>,
  iterations: number,
  tolerance: number,
): { model: Hmm; logLikelihoods: number[]; converged: boolean } {
  const seqs = sequences.map(toIndices);
  let maxT = 0;
  for (const s of seqs) maxT = Math.max(maxT, s.length);
  const ws = createWorkspace(model.start.length, maxT);
  const curve: number[] = [];
  let current = model;
  for (let k = 0; k <= iterations; k++) {
    const counts = expectedCounts(current, seqs, ws);
    curve.push(counts.logLikelihood);
    if (k > 0 && counts.logLikelihood - curve[k - 1] < tolerance) return { model: current, logLikelihoods: curve, converged: true };
    if (k === iterations || counts.logLikelihood === -Infinity) break;
    current = maximize(counts, current);
  }
  return { model: current, logLikelihoods: curve, converged: false };
}

/**
 * Baum–Welch (EM) from several observation sequences, with an iteration cap,
 * a tolerance on the log-likelihood gain, and random restarts drawn from the
 * seeded generator. The log-likelihood never decreases along a curve (EM).
 */
export function baumWelch(sequences: ReadonlyArray<Sequence>, options: BaumWelchOptions): BaumWelchResult {
  if (sequences.length === 0) throw new RangeError('Baum–Welch needs at least one sequence');
  const n = options.initial ? options.initial.start.length : options.states;
  const m = options.initial ? options.initial.emission.cols : options.symbols;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`states must be a positive integer, got ${n}`);
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`symbols must be a positive integer, got ${m}`);
  if (options.initial) validateHmm(options.initial);
  for (const s of sequences) validateSequence(s, m);
  const iterations = options.iterations ?? 100;
  const tolerance = options.tolerance ?? 1e-8;
  const restarts = options.restarts ?? 1;
  if (!Number.isInteger(iterations) || iterations < 0) throw new RangeError(`iterations must be an integer ≥ 0, got ${iterations}`);
  if (!Number.isInteger(restarts) || restarts < 1) throw new RangeError(`restarts must be an integer ≥ 1, got ${restarts}`);
  const random = new Random(options.seed ?? 0);
  let best: { model: Hmm; logLikelihoods: number[]; converged: boolean } | undefined;
  let bestRestart = 0;
  const finals: number[] = [];
  for (let r = 0; r < restarts; r++) {
    const init = r === 0 && options.initial ? options.initial : randomHmm(n, m, random);
    const run = runEm(init, sequences, iterations, tolerance);
    const final = run.logLikelihoods[run.logLikelihoods.length - 1];
    finals.push(final);
    if (!best || final > best.logLikelihoods[best.logLikelihoods.length - 1]) {
      best = run;
      bestRestart = r;
    }
  }
  const chosen = best!;
  return { ...chosen, bestRestart, restartLogLikelihoods: finals };
}

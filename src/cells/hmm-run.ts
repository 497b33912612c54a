/**
 * Execute a validated `hmm` cell against the numeric core. Computes only what its `show`
 * items need; the result is plain JSON-like data (numbers, arrays), ready to cross a
 * worker boundary and to be cached.
 */
import { baumWelch, createHmm, estimateByCounting, likelihood, posterior, sampleHmm, viterbi, type Hmm } from '../numeric/hmm/index.js';
import { toRows } from '../numeric/matrix.js';
import { Random } from '../numeric/random.js';
import type { HmmCellSpec, HmmParameters } from './spec.js';

/** What an `hmm` cell computed. */
export interface HmmResult {
  kind: 'hmm';
  /** The model the queries used: given, or learned. */
  model: HmmParameters;
  /** Baum–Welch: ln P(data) per iteration of the best restart, and how it ended. */
  baumWelch?: { logLikelihoods: number[]; converged: boolean; bestRestart: number; restartLogLikelihoods: number[] };
  /** Counting: the (smoothed) counts behind the estimate. */
  counts?: { start: number[]; transition: number[][]; emission: number[][] };
  likelihood?: { probability: number; logProbability: number };
  viterbi?: { path: number[]; logProbability: number; logDelta: number[][]; backPointers: number[][] };
  /** γ_t(i) = P(x_t = i | observe), T × N. */
  posterior?: number[][];
  /** One per `sample` item, in order. */
  samples: Array<{ states: number[]; symbols: number[] }>;
}

function parametersOf(hmm: Hmm): HmmParameters {
  return { start: Array.from(hmm.start), transition: toRows(hmm.transition), emission: toRows(hmm.emission) };
}

/** Run an `hmm` cell (synchronously, in the calling thread). */
export function runHmm(spec: HmmCellSpec): HmmResult {
  const wants = new Set(spec.show.map((item) => item.item));
  const result: HmmResult = { kind: 'hmm', model: { start: [], transition: [], emission: [] }, samples: [] };
  let hmm: Hmm;
  if (spec.learn?.method === 'baum-welch') {
    const learned = baumWelch(spec.learn.sequences, {
      states: spec.states.length,
      symbols: spec.symbols.length,
      iterations: spec.learn.iterations,
      tolerance: spec.learn.tolerance,
      restarts: spec.learn.restarts,
      seed: spec.learn.seed,
    });
    hmm = learned.model;
    result.baumWelch = {
      logLikelihoods: learned.logLikelihoods,
      converged: learned.converged,
      bestRestart: learned.bestRestart,
      restartLogLikelihoods: learned.restartLogLikelihoods,
    };
  } else if (spec.learn?.method === 'counting') {
    const estimate = estimateByCounting(spec.learn.labelled, spec.states.length, spec.symbols.length, spec.learn.smoothing);
    hmm = estimate.model;
    result.counts = {
      start: Array.from(estimate.counts.start),
      transition: toRows(estimate.counts.transition),
      emission: toRows(estimate.counts.emission),
    };
  } else {
    hmm = createHmm(spec.model!);
  }
  result.model = parametersOf(hmm);

  const observe = spec.observe;
  if (observe) {
    if (wants.has('likelihood')) result.likelihood = likelihood(hmm, observe);
    if (wants.has('viterbi') || wants.has('trellis')) {
      const best = viterbi(hmm, observe);
      const N = spec.states.length;
      const backPointers: number[][] = [];
      for (let t = 0; t < observe.length; t++) backPointers.push(Array.from(best.backpointers.subarray(t * N, (t + 1) * N)));
      result.viterbi = { path: Array.from(best.path), logProbability: best.logProbability, logDelta: toRows(best.logDelta), backPointers };
    }
    if (wants.has('posterior')) result.posterior = toRows(posterior(hmm, observe).gamma);
  }
  for (const item of spec.show) {
    if (item.item !== 'sample') continue;
    // Each sample has its own seed: adding a sample never changes another one.
    const drawn = sampleHmm(hmm, item.length, new Random(item.seed));
    result.samples.push({ states: Array.from(drawn.states), symbols: Array.from(drawn.symbols) });
  }
  return result;
}

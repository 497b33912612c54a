import { fromRows, type Matrix } from '../matrix.js';

/**
 * A hidden Markov model with discrete emissions, in hmmlearn's layout:
 * start[i] = P(x_1 = i), transition[i][j] = P(x_{t+1} = j | x_t = i),
 * emission[i][k] = P(o_t = k | x_t = i). Optional `end[i]` = P(stop | x_t = i)
 * (Eisner's and Jurafsky & Martin's variant); then each row of
 * [transition | end] sums to 1 and P(O) includes the final stop.
 */
export interface Hmm {
  readonly start: Float64Array;
  readonly transition: Matrix;
  readonly emission: Matrix;
  readonly end?: Float64Array;
}

/** A sequence of symbol (or state) indices. */
export type Sequence = ArrayLike<number>;

/** Build an HMM from nested arrays (as written in a cell or a reference file). */
export function createHmm(spec: {
  start: ArrayLike<number>;
  transition: ReadonlyArray<ArrayLike<number>>;
  emission: ReadonlyArray<ArrayLike<number>>;
  end?: ArrayLike<number>;
}): Hmm {
  const hmm: Hmm = {
    start: Float64Array.from(spec.start),
    transition: fromRows(spec.transition),
    emission: fromRows(spec.emission),
    ...(spec.end ? { end: Float64Array.from(spec.end) } : {}),
  };
  validateHmm(hmm);
  return hmm;
}

/** Number of hidden states N. */
export function stateCount(hmm: Hmm): number {
  return hmm.start.length;
}

/** Number of symbols M. */
export function symbolCount(hmm: Hmm): number {
  return hmm.emission.cols;
}

const STOCHASTIC_TOLERANCE = 1e-9;

function checkDistribution(what: string, values: ArrayLike<number>, extra = 0): void {
  let sum = extra;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${what} has entry ${v} at ${k}; probabilities must be finite and ≥ 0`);
    sum += v;
  }
  if (Math.abs(sum - 1) > STOCHASTIC_TOLERANCE) throw new RangeError(`${what} sums to ${sum}, expected 1`);
}

/** Throw a RangeError naming the first shape or probability problem. */
export function validateHmm(hmm: Hmm): void {
  const n = hmm.start.length;
  if (n === 0) throw new RangeError('an HMM needs at least one state');
  if (hmm.transition.rows !== n || hmm.transition.cols !== n) {
    throw new RangeError(`transition is ${hmm.transition.rows}×${hmm.transition.cols}, expected ${n}×${n}`);
  }
  if (hmm.emission.rows !== n || hmm.emission.cols === 0) {
    throw new RangeError(`emission is ${hmm.emission.rows}×${hmm.emission.cols}, expected ${n}×M with M ≥ 1`);
  }
  if (hmm.end && hmm.end.length !== n) throw new RangeError(`end has ${hmm.end.length} entries, expected ${n}`);
  checkDistribution('start', hmm.start);
  for (let i = 0; i < n; i++) {
    const rowA = hmm.transition.data.subarray(i * n, (i + 1) * n);
    const stop = hmm.end ? hmm.end[i] : 0;
    if (hmm.end && (!Number.isFinite(stop) || stop < 0)) throw new RangeError(`end has entry ${stop} at ${i}`);
    checkDistribution(`transition row ${i}${hmm.end ? ' (with end)' : ''}`, rowA, stop);
    const m = hmm.emission.cols;
    checkDistribution(`emission row ${i}`, hmm.emission.data.subarray(i * m, (i + 1) * m));
  }
}

/** Throw unless every symbol is an integer in [0, M) and the sequence is non-empty. */
export function validateSequence(obs: Sequence, symbols: number, what = 'observation'): void {
  if (obs.length === 0) throw new RangeError(`${what} sequence is empty`);
  for (let t = 0; t < obs.length; t++) {
    const o = obs[t];
    if (!Number.isInteger(o) || o < 0 || o >= symbols) {
      throw new RangeError(`${what} ${t} is ${o}, expected an integer in [0, ${symbols})`);
    }
  }
}

/** Copy a sequence into an Int32Array (one monomorphic type for the hot loops). */
export function toIndices(obs: Sequence): Int32Array {
  return obs instanceof Int32Array ? obs : Int32Array.from(obs as ArrayLike<number>);
}

import { Random } from '../random.js';
import type { Hmm } from './model.js';

/**
 * Sample `length` steps (hmmlearn's rule): draw x_1 from start, then for each
 * t > 0 the transition draw before the emission draw; each draw takes the first
 * index whose cumulative probability exceeds u = uniform(). With an end vector
 * the stop is not sampled: exactly `length` steps come out.
 */
export function sampleHmm(hmm: Hmm, length: number, random: Random): { states: Int32Array; symbols: Int32Array } {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`length must be an integer ≥ 0, got ${length}`);
  const n = hmm.start.length;
  const m = hmm.emission.cols;
  const states = new Int32Array(length);
  const symbols = new Int32Array(length);
  if (length === 0) return { states, symbols };
  let x = random.categorical(hmm.start);
  for (let t = 0; t < length; t++) {
    if (t > 0) x = random.categorical(hmm.transition.data, x * n, n);
    states[t] = x;
    symbols[t] = random.categorical(hmm.emission.data, x * m, m);
  }
  return { states, symbols };
}

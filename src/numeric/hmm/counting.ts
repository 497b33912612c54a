import { zeros, type Matrix } from '../matrix.js';
import { validateSequence, type Hmm, type Sequence } from './model.js';

/** One labelled sequence: the hidden states and the symbols they emitted, step by step. */
export interface LabelledSequence {
  readonly states: Sequence;
  readonly symbols: Sequence;
}

/** The supervised estimate and the counts it came from (smoothing included). */
export interface CountingEstimate {
  readonly model: Hmm;
  readonly counts: { readonly start: Float64Array; readonly transition: Matrix; readonly emission: Matrix };
}

/**
 * Supervised estimation by counting (maximum likelihood from labelled data):
 * pi_i ∝ k + #(x_1 = i), a_ij ∝ k + #(i → j), b_i(o) ∝ k + #(i emits o), with
 * add-k (Laplace) smoothing k = `smoothing` (default 0). A row with no counts
 * at all (a state never seen, k = 0) becomes uniform, so every row is stochastic.
 */
export function estimateByCounting(
  corpus: ReadonlyArray<LabelledSequence>,
  states: number,
  symbols: number,
  smoothing = 0,
): CountingEstimate {
  if (!(smoothing >= 0) || !Number.isFinite(smoothing)) throw new RangeError(`smoothing must be ≥ 0, got ${smoothing}`);
  const start = new Float64Array(states).fill(smoothing);
  const transition = zeros(states, states);
  transition.data.fill(smoothing);
  const emission = zeros(states, symbols);
  emission.data.fill(smoothing);
  corpus.forEach((item, s) => {
    validateSequence(item.states, states, `sequence ${s}: state`);
    validateSequence(item.symbols, symbols, `sequence ${s}: symbol`);
    if (item.states.length !== item.symbols.length) {
      throw new RangeError(`sequence ${s} has ${item.states.length} states but ${item.symbols.length} symbols`);
    }
    start[item.states[0]] += 1;
    for (let t = 0; t < item.states.length; t++) {
      if (t > 0) transition.data[item.states[t - 1] * states + item.states[t]] += 1;
      emission.data[item.states[t] * symbols + item.symbols[t]] += 1;
    }
  });
  const model: Hmm = {
    start: normalizeRow(start),
    transition: normalizeRows(transition),
    emission: normalizeRows(emission),
  };
  return { model, counts: { start, transition, emission } };
}

function normalizeRow(v: Float64Array): Float64Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = s > 0 ? v[i] / s : 1 / v.length;
  return out;
}

function normalizeRows(m: Matrix): Matrix {
  const out = zeros(m.rows, m.cols);
  for (let i = 0; i < m.rows; i++) out.data.set(normalizeRow(m.data.subarray(i * m.cols, (i + 1) * m.cols)), i * m.cols);
  return out;
}

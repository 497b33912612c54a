import { fromRows } from '../../src/numeric/matrix.js';
import type { RnnModel } from '../../src/numeric/rnn/rnn.js';
import { loadReference } from './helpers.js';

const tiny = loadReference<{ rnn_tiny: { C: number; H: number; U: number[][]; V: number[][]; W: number[][] } }>('rnn_ref.json').rnn_tiny;

/** The reference's tiny tanh RNN (no biases: b = c = 0). */
export function tinyModel(): RnnModel {
  return { activation: 'tanh', U: fromRows(tiny.U), W: fromRows(tiny.W), V: fromRows(tiny.V), b: new Float64Array(tiny.H), c: new Float64Array(tiny.C) };
}

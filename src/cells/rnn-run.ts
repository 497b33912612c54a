/** Placeholder until the RNN core lands. */
import type { RnnCellSpec } from './spec.js';

/** What an `rnn` cell computed. */
export interface RnnResult {
  kind: 'rnn';
}

/** Run an `rnn` cell. */
export function runRnn(spec: RnnCellSpec): RnnResult {
  void spec;
  throw new Error('rnn cells are not available yet');
}

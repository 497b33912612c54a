/** Placeholder until the RNN core lands. */
import type { Element } from 'hast';
import type { RnnResult } from './rnn-run.js';
import type { RenderContext } from './render-context.js';
import type { RnnCellSpec } from './spec.js';

/** Render every `show` item of an executed `rnn` cell. */
export function renderRnn(spec: RnnCellSpec, result: RnnResult, context: RenderContext): Element[] {
  void spec;
  void result;
  void context;
  return [];
}

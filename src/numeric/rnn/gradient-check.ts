import { Random } from '../random.js';
import { LSTM_PARAMETERS, lstmForward, lstmGradients, lstmParameter, type LstmInputs, type LstmModel } from './lstm.js';
import { rnnForward, rnnGradientsPlain, type RnnModel } from './rnn.js';

/** One row of a gradient check: the largest relative error over the entries checked. */
export interface GradientCheckRow {
  readonly parameter: string;
  /** max over entries of |analytic − numeric| / (|analytic| + |numeric|) (0 when both are 0). */
  readonly maxRelativeError: number;
  readonly checked: number;
}

/** Options of a gradient check. */
export interface GradientCheckOptions {
  /** Step of the centred difference (L(θ+h) − L(θ−h)) / 2h. Default 1e-5. */
  readonly h?: number;
  /** Check at most this many entries per parameter, chosen by the seeded generator (default: all). */
  readonly entries?: number;
  readonly seed?: number;
}

/** A parameter's storage and its analytic gradient. */
export interface CheckedParameter {
  readonly name: string;
  readonly values: Float64Array;
  readonly analytic: Float64Array;
}

/**
 * Compare analytic gradients with centred differences of `loss`, entry by
 * entry (each entry is perturbed in place and restored). Relative error as in
 * the WildML tutorial: |a − n| / (|a| + |n|).
 */
export function gradientCheck(parameters: ReadonlyArray<CheckedParameter>, loss: () => number, options: GradientCheckOptions = {}): GradientCheckRow[] {
  const h = options.h ?? 1e-5;
  const random = new Random(options.seed ?? 0);
  return parameters.map(({ name, values, analytic }) => {
    let indices: number[] = Array.from({ length: values.length }, (_, k) => k);
    if (options.entries !== undefined && options.entries < values.length) {
      // partial Fisher–Yates: a deterministic sample without repeats
      for (let k = 0; k < options.entries; k++) {
        const r = k + random.integer(values.length - k);
        [indices[k], indices[r]] = [indices[r], indices[k]];
      }
      indices = indices.slice(0, options.entries);
    }
    let worst = 0;
    for (const k of indices) {
      const old = values[k];
      values[k] = old + h;
      const plus = loss();
      values[k] = old - h;
      const minus = loss();
      values[k] = old;
      const numeric = (plus - minus) / (2 * h);
      const a = analytic[k];
      const denom = Math.abs(a) + Math.abs(numeric);
      const err = denom === 0 ? 0 : Math.abs(a - numeric) / denom;
      if (err > worst) worst = err;
    }
    return { parameter: name, maxRelativeError: worst, checked: indices.length };
  });
}

/** Gradient check of a vanilla RNN (U, W, V, b, c) with full BPTT on one sequence. */
export function rnnGradientCheck(
  model: RnnModel,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: GradientCheckOptions = {},
): GradientCheckRow[] {
  const { gradients: g } = rnnGradientsPlain(model, x, y, Infinity);
  return gradientCheck(
    [
      { name: 'U', values: model.U.data, analytic: g.U.data },
      { name: 'W', values: model.W.data, analytic: g.W.data },
      { name: 'V', values: model.V.data, analytic: g.V.data },
      { name: 'b', values: model.b, analytic: g.b },
      { name: 'c', values: model.c, analytic: g.c },
    ],
    () => rnnForward(model, x, y).loss,
    options,
  );
}

/** Gradient check of an LSTM (each gate's weights and bias, Vy, by) with full BPTT. */
export function lstmGradientCheck(model: LstmModel, inputs: LstmInputs, y: ArrayLike<number>, options: GradientCheckOptions = {}): GradientCheckRow[] {
  const { gradients } = lstmGradients(model, inputs, y);
  return gradientCheck(
    LSTM_PARAMETERS.map((name) => ({ name, values: lstmParameter(model, name), analytic: lstmParameter(gradients, name) })),
    () => lstmForward(model, inputs, y).loss,
    options,
  );
}

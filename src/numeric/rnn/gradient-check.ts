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
  /**
   * Centred-difference stencil: 2 = (L(θ+h) − L(θ−h)) / 2h (the tutorials' check,
   * error O(h²)); 4 = (8(L(θ+h) − L(θ−h)) − (L(θ+2h) − L(θ−2h))) / 12h, error
   * O(h⁴), which lets h be large enough that rounding in L does not swamp
   * small gradients. Default 4.
   */
  readonly stencil?: 2 | 4;
  /** Step h. Default 1e-5 for the 2-point stencil, 1e-3 for the 4-point one. */
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
  const stencil = options.stencil ?? 4;
  const h = options.h ?? (stencil === 2 ? 1e-5 : 1e-3);
  const at = (values: Float64Array, k: number, old: number, step: number): number => {
    values[k] = old + step;
    const v = loss();
    values[k] = old;
    return v;
  };
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
      const d1 = at(values, k, old, h) - at(values, k, old, -h);
      const numeric = stencil === 2 ? d1 / (2 * h) : (8 * d1 - (at(values, k, old, 2 * h) - at(values, k, old, -2 * h))) / (12 * h);
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

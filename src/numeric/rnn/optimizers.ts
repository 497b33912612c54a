/** Gradient clipping by value: each entry into [−clip, clip]; clip = 0 turns it off. */
export function clipByValue(g: Float64Array, clip: number): void {
  if (!(clip > 0)) return;
  for (let k = 0; k < g.length; k++) {
    const v = g[k];
    g[k] = v > clip ? clip : v < -clip ? -clip : v;
  }
}

/** Which update rule. */
export type OptimizerKind = 'sgd' | 'adagrad';

/** Updates parameters in place from their gradients (same order on every call). */
export interface Optimizer {
  step(parameters: ReadonlyArray<Float64Array>, gradients: ReadonlyArray<Float64Array>): void;
}

/**
 * SGD (θ ← θ − η g) or Adagrad as in min-char-rnn (m ← m + g², θ ← θ − η g / √(m + 1e-8)),
 * with the gradients clipped by value first. Adagrad's memory lives here, next
 * to the parameters it belongs to, one buffer per parameter in call order.
 */
export function createOptimizer(kind: OptimizerKind, learningRate: number, clip = 0): Optimizer {
  const memory: Float64Array[] = [];
  return {
    step(parameters, gradients) {
      parameters.forEach((theta, p) => {
        const g = gradients[p];
        clipByValue(g, clip);
        if (kind === 'sgd') {
          for (let k = 0; k < theta.length; k++) theta[k] -= learningRate * g[k];
          return;
        }
        const m = (memory[p] ??= new Float64Array(theta.length));
        for (let k = 0; k < theta.length; k++) {
          m[k] += g[k] * g[k];
          theta[k] -= (learningRate * g[k]) / Math.sqrt(m[k] + 1e-8);
        }
      });
    },
  };
}

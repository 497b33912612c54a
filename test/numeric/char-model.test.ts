import { describe, expect, it } from 'vitest';
import {
  charGradientCheck,
  charJacobianNorms,
  charModelParameters,
  clipByValue,
  createOptimizer,
  encodeText,
  sampleText,
  trainCharModel,
  vocabularyOf,
} from '../../src/numeric/rnn/index.js';
import { NUMERIC_CORE_VERSION } from '../../src/numeric/version.js';

const text = 'hello world. hello rnn. hello lstm.';

describe('character-level training', () => {
  it('RNN: loss falls, the run is deterministic, a trained model predicts the text', () => {
    const opts = { hidden: 16, bptt: 8, epochs: 60, learningRate: 0.1, optimizer: 'adagrad', clip: 5, seed: 1 } as const;
    const a = trainCharModel(text, opts);
    const b = trainCharModel(text, opts);
    expect(a.lossPerEpoch).toEqual(b.lossPerEpoch);
    expect(a.lossPerEpoch).toHaveLength(60);
    expect(a.lossPerEpoch[0]).toBeGreaterThan(Math.log(vocabularyOf(text).length) - 0.3);
    expect(a.lossPerEpoch[59]).toBeLessThan(0.5 * a.lossPerEpoch[0]);
    expect(sampleText(a.model, { length: 4, prime: 'hel', temperature: 0 }).join('')).toBe('lo w');
  });

  it('LSTM, relu, sgd and full BPTT all train without NaN', () => {
    for (const opts of [
      { cell: 'lstm', hidden: 8, bptt: 'full', epochs: 40, learningRate: 0.1, seed: 2 },
      { cell: 'rnn', activation: 'relu', hidden: 8, bptt: 5, epochs: 40, learningRate: 0.05, optimizer: 'sgd', clip: 1, seed: 3 },
    ] as const) {
      const r = trainCharModel(text, opts);
      expect(r.lossPerEpoch.every(Number.isFinite)).toBe(true);
      expect(r.lossPerEpoch[39]).toBeLessThan(r.lossPerEpoch[0]);
      expect(r.model.cell).toBe(opts.cell);
    }
  });

  it('sampling: deterministic from the seed, temperature changes it, unknown characters are refused', () => {
    const { model } = trainCharModel(text, { hidden: 8, epochs: 5, learningRate: 0.1, seed: 4 });
    const s = sampleText(model, { length: 30, prime: 'h', temperature: 0.8, seed: 3 });
    expect(s).toHaveLength(30);
    expect(sampleText(model, { length: 30, prime: 'h', temperature: 0.8, seed: 3 })).toEqual(s);
    expect(sampleText(model, { length: 30, prime: 'h', temperature: 2, seed: 3 })).not.toEqual(s);
    expect(s.every((ch) => model.vocabulary.includes(ch))).toBe(true);
    expect(sampleText(model, { length: 3 })).toHaveLength(3);
    expect(() => sampleText(model, { length: 3, prime: 'Z' })).toThrow(/"Z" is not in the model's vocabulary/);
  });

  it('gradient check and Jacobian norms on a trained model (RNN and LSTM of the same size)', () => {
    for (const cell of ['rnn', 'lstm'] as const) {
      const { model } = trainCharModel(text, { cell, hidden: 6, epochs: 10, learningRate: 0.1, seed: 5 });
      const rows = charGradientCheck(model, text, { steps: 12 });
      expect(rows.map((r) => r.parameter)).toEqual(charModelParameters(model).map((p) => p.name));
      for (const r of rows) expect(r.maxRelativeError).toBeLessThan(1e-6);
      const norms = charJacobianNorms(model, text, 20);
      expect(norms).toHaveLength(21);
      expect(norms.every((n) => Number.isFinite(n.frobenius) && n.frobenius >= 0)).toBe(true);
      expect(norms[0].frobenius).toBeCloseTo(Math.sqrt(6), 12);
    }
  });

  it('vocabulary is sorted by code point and handles astral characters', () => {
    expect(vocabularyOf('ba😀a')).toEqual(['a', 'b', '😀']);
    expect(Array.from(encodeText(['a', 'b', '😀'], '😀ab'))).toEqual([2, 0, 1]);
    expect(NUMERIC_CORE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('optimizers', () => {
  it('clipping by value, SGD and Adagrad updates', () => {
    const g = Float64Array.from([-10, 0.5, 7]);
    clipByValue(g, 5);
    expect(Array.from(g)).toEqual([-5, 0.5, 5]);
    const theta = Float64Array.from([1, 1]);
    createOptimizer('sgd', 0.1).step([theta], [Float64Array.from([2, -1])]);
    expectArrayClose(theta, [0.8, 1.1]);
    const t2 = Float64Array.from([1, 1]);
    const ada = createOptimizer('adagrad', 0.1);
    ada.step([t2], [Float64Array.from([2, -1])]);
    expectArrayClose(t2, [1 - 0.1 * 2 / Math.sqrt(4 + 1e-8), 1 + 0.1 / Math.sqrt(1 + 1e-8)]);
    ada.step([t2], [Float64Array.from([2, 0])]);
    expectArrayClose(t2, [1 - 0.1 * 2 / Math.sqrt(4 + 1e-8) - 0.1 * 2 / Math.sqrt(8 + 1e-8), 1 + 0.1 / Math.sqrt(1 + 1e-8)]);
  });
});

function expectArrayClose(a: Float64Array, b: number[]): void {
  b.forEach((v, k) => expect(Math.abs(a[k] - v)).toBeLessThan(1e-15));
}

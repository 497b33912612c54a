import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { Random } from '../../src/numeric/random.js';
import { createRnn, rnnGradientsPlain, type Activation, type RnnModel } from '../../src/numeric/rnn/rnn.js';
import { createRnnWorkspace, rnnGradients } from '../../src/numeric/rnn/rnn-kernel.js';
import { OUTPUT_LAYER_WAT_SHA256 } from '../../src/numeric/rnn/simd/output-layer-wasm.js';
import { trainCharModel, charModelParameters } from '../../src/numeric/rnn/char-model.js';
import { expectClose } from './helpers.js';

/** Where the 64-bit patterns first differ (−0 ≠ +0, NaN payloads count), as `name[index] a vs b`; '' if nowhere. */
function bitDifference(name: string, a: Float64Array, b: Float64Array): string {
  if (a.length !== b.length) return `${name}: ${a.length} vs ${b.length} entries`;
  const x = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const y = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return `${name}[${k}]: ${a[k]} vs ${b[k]}`;
  return '';
}

type Result = ReturnType<typeof rnnGradients>;
function expectSameBits(a: Result, b: Result): void {
  expect(bitDifference('loss', Float64Array.of(a.loss), Float64Array.of(b.loss))).toBe('');
  for (const k of ['U', 'W', 'V'] as const) expect(bitDifference(k, a.gradients[k].data, b.gradients[k].data)).toBe('');
  expect(bitDifference('b', a.gradients.b, b.gradients.b)).toBe('');
  expect(bitDifference('c', a.gradients.c, b.gradients.c)).toBe('');
  expect(bitDifference('lastState', a.lastState, b.lastState)).toBe('');
}

interface Case {
  model: RnnModel;
  x: number[];
  y: number[];
  truncate: number;
  s0: Float64Array | undefined;
}

/** Random sizes (odd and even, below and above the kernels' block sizes), weights, biases, activations, truncations. */
const arbCase: fc.Arbitrary<Case> = fc
  .record({
    C: fc.integer({ min: 1, max: 41 }),
    H: fc.integer({ min: 1, max: 23 }),
    T: fc.integer({ min: 1, max: 29 }),
    truncate: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant(Infinity)),
    activation: fc.constantFrom<Activation>('tanh', 'relu'),
    scale: fc.constantFrom(0.1, 1, 3),
    carried: fc.boolean(),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  })
  .map(({ C, H, T, truncate, activation, scale, carried, seed }) => {
    const r = new Random(seed);
    const model = createRnn(C, H, r, activation);
    for (const m of [model.U, model.W, model.V]) for (let k = 0; k < m.data.length; k++) m.data[k] *= scale;
    for (let k = 0; k < H; k++) model.b[k] = r.between(-0.5, 0.5);
    for (let k = 0; k < C; k++) model.c[k] = r.between(-0.5, 0.5);
    const x = Array.from({ length: T }, () => r.integer(C));
    const y = Array.from({ length: T }, () => r.integer(C));
    const s0 = carried ? Float64Array.from({ length: H }, () => r.between(-0.9, 0.9)) : undefined;
    return { model, x, y, truncate, s0 };
  });

describe('RNN output layer in WebAssembly SIMD', () => {
  it('runs here (so the properties below compare two different kernels)', () => {
    expect(createRnnWorkspace(createRnn(5, 3, new Random(1)), 4).simd).toBeDefined();
    expect(createRnnWorkspace(createRnn(5, 3, new Random(1)), 4, { simd: false }).simd).toBeUndefined();
  });

  it('gives the same bits as the scalar kernel, and agrees with the plain per-step kernel', () => {
    fc.assert(
      fc.property(arbCase, ({ model, x, y, truncate, s0 }) => {
        const scalar = rnnGradients(model, x, y, truncate, s0, createRnnWorkspace(model, x.length, { simd: false }));
        const simd = rnnGradients(model, x, y, truncate, s0, createRnnWorkspace(model, x.length));
        expectSameBits(simd, scalar);
        const plain = rnnGradientsPlain(model, x, y, truncate, s0);
        expectClose(simd.loss, plain.loss, 1e-12);
        // The plain kernel sums in another order: an entry that is a small difference of large
        // terms (1.7e-4 from terms ~1e-1 in one case CI found) differs by ~1e-14 absolute, which
        // is more than 1e-10 relative to it. A wrong kernel is off by far more than 1e-12.
        for (const k of ['U', 'V', 'W'] as const) expectClose(simd.gradients[k], plain.gradients[k], 1e-10, 1e-12);
        expectClose(simd.gradients.b, plain.gradients.b, 1e-10, 1e-12);
        expectClose(simd.gradients.c, plain.gradients.c, 1e-10, 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('a reused workspace gives the same bits for shorter sentences after longer ones', () => {
    fc.assert(
      fc.property(arbCase, fc.array(fc.integer({ min: 1, max: 29 }), { minLength: 1, maxLength: 4 }), ({ model, x, y, truncate }, lengths) => {
        const simd = createRnnWorkspace(model, 29);
        const scalar = createRnnWorkspace(model, 29, { simd: false });
        for (const n of lengths) {
          const xs = Array.from({ length: n }, (_, t) => x[t % x.length]);
          const ys = Array.from({ length: n }, (_, t) => y[(t + 1) % y.length]);
          expectSameBits(rnnGradients(model, xs, ys, truncate, undefined, simd), rnnGradients(model, xs, ys, truncate, undefined, scalar));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a workspace made for another model size is not used for this one', () => {
    const r = new Random(9);
    const small = createRnn(6, 4, r);
    const big = createRnn(11, 7, r);
    const ws = createRnnWorkspace(small, 10);
    const x = [1, 5, 10, 2, 0];
    const y = [5, 10, 2, 0, 3];
    expectSameBits(rnnGradients(big, x, y, 3, undefined, ws), rnnGradients(big, x, y, 3, undefined, createRnnWorkspace(big, 5, { simd: false })));
  });

  it('character models train to the same bits with either kernel (cells print these numbers)', async () => {
    const text = 'to be, or not to be, that is the question.';
    const options = { hidden: 13, bptt: 7, epochs: 8, learningRate: 0.1, seed: 2 } as const;
    const a = trainCharModel(text, options);
    expect(a.lossPerEpoch.at(-1)).toBeLessThan(a.lossPerEpoch[0]);
    // The same module graph with the SIMD layer unavailable: every workspace runs the scalar kernels.
    vi.resetModules();
    vi.doMock('../../src/numeric/rnn/simd/output-layer-simd.js', async (importOriginal) => ({
      ...(await importOriginal<object>()),
      createSimdOutputLayer: () => undefined,
    }));
    try {
      const scalar = await import('../../src/numeric/rnn/char-model.js');
      const kernel = await import('../../src/numeric/rnn/rnn-kernel.js');
      expect(kernel.createRnnWorkspace(createRnn(4, 3, new Random(0)), 5).simd).toBeUndefined();
      const b = scalar.trainCharModel(text, options);
      expect(a.lossPerEpoch).toEqual(b.lossPerEpoch);
      const pa = charModelParameters(a.model);
      const pb = scalar.charModelParameters(b.model);
      for (let k = 0; k < pa.length; k++) expect(bitDifference(pa[k].name, pa[k].values, pb[k].values)).toBe('');
    } finally {
      vi.doUnmock('../../src/numeric/rnn/simd/output-layer-simd.js');
    }
  });
});

describe('numeric core 1.1.0 bits', () => {
  // SHA-256 of the bits of loss, dU, dW, dV, db, dc and the last state, recorded from the
  // scalar tuned kernel as it was in numeric core 1.1.0 (before the SIMD layer and the blocked
  // softmax and BPTT loops; the relu cases have zero deltas, which those loops skip). Cells
  // cache on NUMERIC_CORE_VERSION: if a change moves one of these, bump it.
  const pinned: [number, number, number, number, Activation, number, string][] = [
    [37, 13, 23, 4, 'tanh', 1, 'dae366a54b69dd952809e63649b8830e554df268c47eab62b79f535e20c118fa'],
    [2003, 101, 23, 4, 'tanh', 2, 'bf0d9462b4a00918e49e8c5cceb8558c7e22666efd764bd89e04b94f014eef34'],
    [61, 24, 16, Infinity, 'relu', 3, 'ca4b0c666fa26de147d0ac97c228f4f3f14a07c8cc27b0c43b48680dac84f3c8'],
    [5, 3, 9, 0, 'tanh', 4, 'ad285ec71335841051db589ee545b4bffa31a94060a4a1dd6f164c815ce2e759'],
    [29, 10, 31, 3, 'relu', 5, 'fc23a06828e24a5dbd38ade4ca013be630dd63df9f7539968061e5d84d537037'],
    [8, 16, 12, 1, 'relu', 6, 'a53bb5dd6582ff8b7d2b9d3f9596d22f411c2b74cdf269cf77932e8cde522f81'],
  ];
  for (const [C, H, T, truncate, activation, seed, sha] of pinned) {
    it(`C = ${C}, H = ${H}, T = ${T}, truncation ${truncate}, ${activation}: both kernels`, () => {
      const r = new Random(seed);
      const model = createRnn(C, H, r, activation);
      for (let k = 0; k < H; k++) model.b[k] = r.between(-0.5, 0.5);
      for (let k = 0; k < C; k++) model.c[k] = r.between(-0.5, 0.5);
      const x = Array.from({ length: T }, () => r.integer(C));
      const y = Array.from({ length: T }, () => r.integer(C));
      const s0 = Float64Array.from({ length: H }, () => r.between(-0.9, 0.9));
      for (const simd of [true, false]) {
        const g = rnnGradients(model, x, y, truncate, s0, createRnnWorkspace(model, T, { simd }));
        const hash = createHash('sha256');
        for (const a of [Float64Array.of(g.loss), g.gradients.U.data, g.gradients.W.data, g.gradients.V.data, g.gradients.b, g.gradients.c, g.lastState]) {
          hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
        }
        expect(hash.digest('hex')).toBe(sha);
      }
    });
  }
});

describe('the committed WebAssembly module', () => {
  const wat = new URL('../../src/numeric/rnn/simd/output-layer.wat', import.meta.url);

  it('was assembled from the .wat as it is now', () => {
    expect(createHash('sha256').update(readFileSync(wat, 'utf8')).digest('hex')).toBe(OUTPUT_LAYER_WAT_SHA256);
  });

  it('is byte for byte what scripts/build-wasm.mjs makes of it', () => {
    const script = new URL('../../scripts/build-wasm.mjs', import.meta.url);
    const run = spawnSync(process.execPath, [script.pathname, '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { toRows, zeros } from '../../src/numeric/matrix.js';
import { Random } from '../../src/numeric/random.js';
import { createRnn, rnnForward, rnnGradientsPlain, type RnnModel } from '../../src/numeric/rnn/rnn.js';
import { createRnnWorkspace, rnnGradients } from '../../src/numeric/rnn/rnn-kernel.js';
import { expectClose, loadReference } from './helpers.js';
import { tinyModel } from './tiny-rnn.js';

type Rows = number[][];
interface Grads {
  dU: Rows;
  dV: Rows;
  dW: Rows;
}
interface RnnRef {
  rnn_tiny: {
    C: number;
    H: number;
    U: Rows;
    V: Rows;
    W: Rows;
    x: number[];
    y: number[];
    s: Rows;
    o: Rows;
    predict: number[];
    total_loss: number;
    mean_loss: number;
    bptt_truncate_1000: Grads;
    bptt_truncate_4: Grads;
    bptt_truncate_2: Grads;
    bptt_truncate_1: Grads;
    bptt_truncate_0: Grads;
    gradient_check: { 'h=0.001': { max_rel_err_U_V_W: number[] }; 'h=1e-05': { max_rel_err_U_V_W: number[] }; trunc1_vs_full_max_abs_diff_dW: number; trunc1_vs_full_max_abs_diff_dU: number };
    [key: string]: unknown;
  };
  uniform_loss: { 'C=5': { mean_loss: number; ln_C: number }; 'C=8000': { mean_loss: number; ln_C: number } };
}
const rnnRef = loadReference<RnnRef>('rnn_ref.json');
const tiny = rnnRef.rnn_tiny;

describe('RNN against rnn_ref.json', () => {
  it('forward: states, outputs, loss, predictions', () => {
    const f = rnnForward(tinyModel(), tiny.x, tiny.y);
    expectClose(f.s, tiny.s);
    expectClose(f.o, tiny.o);
    expectClose(f.loss, tiny.total_loss);
    expectClose(f.loss / tiny.x.length, tiny.mean_loss);
    expect(toRows(f.o).map((r) => r.indexOf(Math.max(...r)))).toEqual(tiny.predict);
  });

  for (const trunc of [1000, 4, 2, 1, 0]) {
    it(`BPTT gradients with truncation ${trunc}: plain and tuned kernels`, () => {
      const want = tiny[`bptt_truncate_${trunc}`] as Grads;
      const plain = rnnGradientsPlain(tinyModel(), tiny.x, tiny.y, trunc);
      const tuned = rnnGradients(tinyModel(), tiny.x, tiny.y, trunc);
      for (const r of [plain, tuned]) {
        expectClose(r.loss, tiny.total_loss);
        expectClose(r.gradients.U, want.dU);
        expectClose(r.gradients.V, want.dV);
        expectClose(r.gradients.W, want.dW);
      }
    });
  }

  it('one SGD step (lr 0.005) gives the reference parameters and loss', () => {
    for (const trunc of [1000, 4]) {
      const want = tiny[`after_sgd_step_lr0.005_trunc${trunc}`] as { U: Rows; V: Rows; W: Rows; total_loss: number };
      const m = tinyModel();
      const { gradients: g } = rnnGradients(m, tiny.x, tiny.y, trunc);
      for (const k of ['U', 'V', 'W'] as const) for (let e = 0; e < m[k].data.length; e++) m[k].data[e] -= 0.005 * g[k].data[e];
      expectClose(m.U, want.U);
      expectClose(m.V, want.V);
      expectClose(m.W, want.W);
      expectClose(rnnForward(m, tiny.x, tiny.y).loss, want.total_loss);
    }
  });

  it('uniform predictions cost ln C per step', () => {
    for (const C of [5, 8000]) {
      const H = 4;
      const m: RnnModel = { activation: 'tanh', U: zeros(H, C), W: zeros(H, H), V: zeros(C, H), b: new Float64Array(H), c: new Float64Array(C) };
      const x = [0, 3, 1, 4, 2];
      const f = rnnForward(m, x, [1, 2, 3, 4, 0]);
      const want = rnnRef.uniform_loss[`C=${C}` as 'C=5'];
      expectClose(f.loss / x.length, want.mean_loss);
      expectClose(f.loss / x.length, want.ln_C);
    }
  });

  it('truncation 1 is not the true gradient (reference differences)', () => {
    const full = rnnGradients(tinyModel(), tiny.x, tiny.y, Infinity).gradients;
    const t1 = rnnGradients(tinyModel(), tiny.x, tiny.y, 1).gradients;
    const maxDiff = (a: Float64Array, b: Float64Array): number => a.reduce((m, v, k) => Math.max(m, Math.abs(v - b[k])), 0);
    expectClose(maxDiff(full.W.data, t1.W.data), tiny.gradient_check.trunc1_vs_full_max_abs_diff_dW);
    expectClose(maxDiff(full.U.data, t1.U.data), tiny.gradient_check.trunc1_vs_full_max_abs_diff_dU);
  });

  it('tuned kernel agrees with the plain one on random models (biases, relu, odd sizes, carried state)', () => {
    const r = new Random(3);
    for (const [C, H, T, trunc, act] of [[7, 5, 9, 3, 'tanh'], [13, 6, 11, Infinity, 'relu'], [8, 8, 1, 0, 'tanh'], [33, 17, 23, 4, 'tanh'], [3, 2, 7, 6, 'relu']] as const) {
      const m = createRnn(C, H, r, act);
      for (let k = 0; k < H; k++) m.b[k] = r.between(-0.5, 0.5);
      for (let k = 0; k < C; k++) m.c[k] = r.between(-0.5, 0.5);
      const x = Array.from({ length: T }, () => r.integer(C));
      const y = Array.from({ length: T }, () => r.integer(C));
      const s0 = Float64Array.from({ length: H }, () => r.between(-0.9, 0.9));
      const a = rnnGradientsPlain(m, x, y, trunc, s0);
      const ws = createRnnWorkspace(m, 40);
      const b = rnnGradients(m, x, y, trunc, s0, ws);
      expectClose(b.loss, a.loss, 1e-12);
      for (const k of ['U', 'V', 'W'] as const) expectClose(b.gradients[k], a.gradients[k], 1e-10, 1e-14);
      expectClose(b.gradients.b, a.gradients.b, 1e-10, 1e-14);
      expectClose(b.gradients.c, a.gradients.c, 1e-10, 1e-14);
      expectClose(b.lastState, a.lastState, 1e-12, 1e-15);
      const again = rnnGradients(m, x, y, trunc, s0, ws);
      expect(Array.from(again.gradients.U.data)).toEqual(Array.from(b.gradients.U.data));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { frobeniusNorm, fromRows, zeros, type Matrix } from '../../src/numeric/matrix.js';
import { Random } from '../../src/numeric/random.js';
import { rnnGradientCheck, lstmGradientCheck } from '../../src/numeric/rnn/gradient-check.js';
import { lstmJacobianNorms, recurrentJacobianNorms, rnnJacobianNorms } from '../../src/numeric/rnn/jacobian.js';
import { createLstm, LSTM_PARAMETERS, lstmForward, lstmGradients, lstmParameter, type LstmModel } from '../../src/numeric/rnn/lstm.js';
import { createRnn } from '../../src/numeric/rnn/rnn.js';
import { expectClose, loadReference } from './helpers.js';
import { tinyModel } from './tiny-rnn.js';

type Rows = number[][];
interface LstmRef {
  D: number;
  H: number;
  K: number;
  params: Record<string, Rows | number[]>;
  x: Rows;
  y: number[];
  loss: number;
  h: Rows;
  C: Rows;
  gates: { f: number[]; i: number[]; Ctilde: number[]; o: number[] }[];
  p: Rows;
  grads: Record<string, Rows | number[]>;
  'gradcheck_h1e-5_max_rel_err': Record<string, number>;
}
interface VanishingRef {
  H: number;
  T: number;
  gaps: number[];
  radii: Record<string, { fro: number[]; spec2: number[]; mean_abs_s: number }>;
}
interface Ref {
  rnn_tiny: { x: number[]; y: number[]; gradient_check: Record<string, { max_rel_err_U_V_W: number[] }> };
  lstm_tiny: LstmRef;
  vanishing_gradient: VanishingRef;
  vanishing_gradient_small_input: VanishingRef;
}
const ref = loadReference<Ref>('rnn_ref.json');
const L = ref.lstm_tiny;

function lstmOf(params: Record<string, Rows | number[]>): LstmModel {
  const m = (k: string): Matrix => fromRows(params[k] as Rows);
  const v = (k: string): Float64Array => Float64Array.from(params[k] as number[]);
  return { Wf: m('Wf'), bf: v('bf'), Wi: m('Wi'), bi: v('bi'), Wc: m('Wc'), bc: v('bc'), Wo: m('Wo'), bo: v('bo'), Vy: m('Vy'), by: v('by') };
}

describe('LSTM against rnn_ref.json (colah’s equations)', () => {
  it('forward: gates, cell states, hidden states, outputs, loss', () => {
    const f = lstmForward(lstmOf(L.params), fromRows(L.x), L.y);
    expectClose(f.loss, L.loss);
    expectClose(f.h, L.h);
    expectClose(f.C, L.C);
    expectClose(f.p, L.p);
    expectClose(f.f, L.gates.map((g) => g.f));
    expectClose(f.i, L.gates.map((g) => g.i));
    expectClose(f.Ctilde, L.gates.map((g) => g.Ctilde));
    expectClose(f.o, L.gates.map((g) => g.o));
  });
  it('backward: every gradient', () => {
    const { gradients, loss } = lstmGradients(lstmOf(L.params), fromRows(L.x), L.y);
    expectClose(loss, L.loss);
    for (const name of LSTM_PARAMETERS) expectClose(lstmParameter(gradients, name), L.grads[name] as Rows, 1e-11, 1e-17);
  });
  it('gradient check below 1e-6 and of the reference’s size', () => {
    const rows = lstmGradientCheck(lstmOf(L.params), fromRows(L.x), L.y, { h: 1e-5, stencil: 2 });
    for (const r of rows) {
      expect(r.maxRelativeError).toBeLessThan(1e-6);
      const want = L['gradcheck_h1e-5_max_rel_err'][r.parameter];
      expect(r.maxRelativeError).toBeLessThan(Math.max(20 * want, 1e-8));
    }
  });
  it('one-hot inputs equal dense one-hot rows', () => {
    const m = createLstm(5, 4, 5, new Random(2));
    const x = [0, 3, 4, 1];
    const dense = zeros(4, 5);
    x.forEach((v, t) => (dense.data[t * 5 + v] = 1));
    const a = lstmGradients(m, x, [3, 4, 1, 2]);
    const b = lstmGradients(m, dense, [3, 4, 1, 2]);
    expect(a.loss).toBe(b.loss);
    expect(Array.from(a.gradients.Wc.data)).toEqual(Array.from(b.gradients.Wc.data));
    const rows = lstmGradientCheck(m, x, [3, 4, 1, 2]);
    for (const r of rows) expect(r.maxRelativeError).toBeLessThan(1e-6);
  });
});

describe('RNN gradient check', () => {
  it('reproduces the reference’s truncation-error-dominated values at h = 1e-3 and is below 1e-6 at h = 1e-5', () => {
    const t = ref.rnn_tiny;
    const pick = (rows: { parameter: string; maxRelativeError: number }[]): number[] => ['U', 'V', 'W'].map((p) => rows.find((r) => r.parameter === p)!.maxRelativeError);
    expectClose(pick(rnnGradientCheck(tinyModel(), t.x, t.y, { h: 1e-3, stencil: 2 })), t.gradient_check['h=0.001'].max_rel_err_U_V_W, 1e-4);
    const fine = rnnGradientCheck(tinyModel(), t.x, t.y, { h: 1e-5, stencil: 2 });
    const want = t.gradient_check['h=1e-05'].max_rel_err_U_V_W;
    pick(fine).forEach((v, k) => {
      expect(v).toBeLessThan(1e-6);
      expect(v).toBeLessThan(10 * want[k]);
    });
  });
  it('biases and relu too; sampling entries is deterministic', () => {
    const r = new Random(9);
    const m = createRnn(6, 5, r, 'relu');
    for (let k = 0; k < 5; k++) m.b[k] = 0.3;
    const rows = rnnGradientCheck(m, [0, 1, 2, 3, 4, 5, 0], [1, 2, 3, 4, 5, 0, 1]);
    expect(rows.map((x) => x.parameter)).toEqual(['U', 'W', 'V', 'b', 'c']);
    for (const x of rows) expect(x.maxRelativeError).toBeLessThan(1e-6);
    const a = rnnGradientCheck(m, [0, 1, 2], [1, 2, 3], { entries: 4, seed: 1 });
    expect(a.every((x) => x.checked <= 5)).toBe(true);
    expect(rnnGradientCheck(m, [0, 1, 2], [1, 2, 3], { entries: 4, seed: 1 })).toEqual(a);
  });
});

describe('Jacobian norms ‖∂s_T/∂s_{T−k}‖', () => {
  for (const key of ['vanishing_gradient', 'vanishing_gradient_small_input'] as const) {
    it(`${key}: every radius, Frobenius and spectral`, () => {
      const v = ref[key];
      const H = v.H;
      const div = key === 'vanishing_gradient' ? 10 : 1000;
      for (const [radius, want] of Object.entries(v.radii)) {
        const W = zeros(H, H);
        for (let j = 0; j < H; j++) W.data[((j + 1) % H) * H + j] = Number(radius);
        // s_t = tanh(W s_{t−1} + u_t), u_t[j] = (((7t + 3j) mod 11) − 5) / div, t = 1…T
        const S = zeros(v.T, H);
        let prev: Float64Array = new Float64Array(H);
        let absSum = 0;
        for (let t = 1; t <= v.T; t++) {
          const s = S.data.subarray((t - 1) * H, t * H);
          for (let i = 0; i < H; i++) {
            let a = (((7 * t + 3 * i) % 11) - 5) / div;
            for (let j = 0; j < H; j++) a += W.data[i * H + j] * prev[j];
            s[i] = Math.tanh(a);
            absSum += Math.abs(s[i]);
          }
          prev = s;
        }
        expectClose(absSum / (v.T * H), want.mean_abs_s, 1e-12);
        const norms = recurrentJacobianNorms(W, S, 'tanh', v.gaps.length - 1);
        expect(norms.map((n) => n.k)).toEqual(v.gaps);
        expectClose(norms.map((n) => n.frobenius), want.fro, 1e-10, 0);
        expectClose(norms.map((n) => n.spectral!), want.spec2, 1e-9, 0);
      }
    });
  }

  it('RNN and LSTM norms agree with finite differences of the state', () => {
    const r = new Random(4);
    const rnn = createRnn(6, 5, r);
    const x = [1, 2, 3, 4, 5, 0, 1];
    const norms = rnnJacobianNorms(rnn, x, 3);
    expect(norms[0].frobenius).toBeCloseTo(Math.sqrt(5), 12);
    const lstm = createLstm(6, 4, 6, r);
    const ln = lstmJacobianNorms(lstm, x, 3);
    // finite differences of h_T with respect to h_{T−k} (C_{T−k} held fixed)
    const fw = lstmForward(lstm, x);
    const T = x.length;
    for (const k of [1, 2, 3]) {
      const h0 = new Float64Array(fw.h.data.subarray((T - 1 - k) * 4, (T - k) * 4));
      const c0 = new Float64Array(fw.C.data.subarray((T - 1 - k) * 4, (T - k) * 4));
      const tail = x.slice(T - k);
      const J = zeros(4, 4);
      const eps = 1e-6;
      for (let j = 0; j < 4; j++) {
        const hp = new Float64Array(h0);
        hp[j] += eps;
        const hm = new Float64Array(h0);
        hm[j] -= eps;
        const a = lstmForward(lstm, tail, undefined, hp, c0).h;
        const b = lstmForward(lstm, tail, undefined, hm, c0).h;
        for (let i = 0; i < 4; i++) J.data[i * 4 + j] = (a.data[(k - 1) * 4 + i] - b.data[(k - 1) * 4 + i]) / (2 * eps);
      }
      expect(Math.abs(ln[k].frobenius - frobeniusNorm(J))).toBeLessThan(1e-7);
    }
  });
});

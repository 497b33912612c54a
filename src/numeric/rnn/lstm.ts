import { addOuter, matTVec, matVec, zeros, type Matrix } from '../matrix.js';
import type { Random } from '../random.js';
import { logSoftmax, softmax } from '../stable.js';

/**
 * An LSTM cell in colah's equations, with z_t = [h_{t-1}; x_t] (H + D):
 *   f_t = σ(Wf z_t + bf), i_t = σ(Wi z_t + bi), C̃_t = tanh(Wc z_t + bc),
 *   C_t = f_t ∘ C_{t-1} + i_t ∘ C̃_t, o_t = σ(Wo z_t + bo), h_t = o_t ∘ tanh(C_t),
 *   p_t = softmax(Vy h_t + by).
 * Gate weights are H × (H + D), Vy is K × H.
 */
export interface LstmModel {
  readonly Wf: Matrix;
  readonly bf: Float64Array;
  readonly Wi: Matrix;
  readonly bi: Float64Array;
  readonly Wc: Matrix;
  readonly bc: Float64Array;
  readonly Wo: Matrix;
  readonly bo: Float64Array;
  readonly Vy: Matrix;
  readonly by: Float64Array;
}

/** Parameter names of an LSTM, in a fixed order (tables, gradient checks, optimisers). */
export const LSTM_PARAMETERS = ['Wf', 'bf', 'Wi', 'bi', 'Wc', 'bc', 'Wo', 'bo', 'Vy', 'by'] as const;
/** One LSTM parameter name. */
export type LstmParameter = (typeof LSTM_PARAMETERS)[number];

/** The storage of parameter `name` (a matrix's data or a bias vector). */
export function lstmParameter(model: LstmModel, name: LstmParameter): Float64Array {
  const p = model[name];
  return p instanceof Float64Array ? p : p.data;
}

/** Weights U(±1/√(H+D)), Vy U(±1/√H), biases 0 except the forget gate's, 1 (remember by default). */
export function createLstm(inputSize: number, hidden: number, outputs: number, random: Random): LstmModel {
  const gate = (): Matrix => {
    const m = zeros(hidden, hidden + inputSize);
    const bound = 1 / Math.sqrt(hidden + inputSize);
    for (let k = 0; k < m.data.length; k++) m.data[k] = random.between(-bound, bound);
    return m;
  };
  const Wf = gate();
  const Wi = gate();
  const Wc = gate();
  const Wo = gate();
  const Vy = zeros(outputs, hidden);
  for (let k = 0; k < Vy.data.length; k++) Vy.data[k] = random.between(-1 / Math.sqrt(hidden), 1 / Math.sqrt(hidden));
  return {
    Wf, bf: new Float64Array(hidden).fill(1),
    Wi, bi: new Float64Array(hidden),
    Wc, bc: new Float64Array(hidden),
    Wo, bo: new Float64Array(hidden),
    Vy, by: new Float64Array(outputs),
  };
}

/** Zero gradients shaped like `model`. */
export function zeroLstmGradients(model: LstmModel): LstmModel {
  const m = (a: Matrix): Matrix => zeros(a.rows, a.cols);
  const v = (a: Float64Array): Float64Array => new Float64Array(a.length);
  return {
    Wf: m(model.Wf), bf: v(model.bf), Wi: m(model.Wi), bi: v(model.bi), Wc: m(model.Wc), bc: v(model.bc),
    Wo: m(model.Wo), bo: v(model.bo), Vy: m(model.Vy), by: v(model.by),
  };
}

/** Inputs: symbol indices (one-hot x_t over D symbols) or a T × D matrix of dense rows. */
export type LstmInputs = ArrayLike<number> | Matrix;

/** Per-step values of a forward pass, kept for the backward pass and for display. */
export interface LstmForward {
  /** T × H each. */
  readonly h: Matrix;
  readonly C: Matrix;
  readonly f: Matrix;
  readonly i: Matrix;
  readonly Ctilde: Matrix;
  readonly o: Matrix;
  /** T × K output probabilities. */
  readonly p: Matrix;
  /** T × (H + D): z_t = [h_{t-1}; x_t]. */
  readonly z: Matrix;
  /** −Σ_t ln p_t[y_t]; NaN without targets. */
  readonly loss: number;
}

function isMatrix(x: LstmInputs): x is Matrix {
  return typeof (x as Matrix).rows === 'number' && (x as Matrix).data instanceof Float64Array;
}

const sigmoid = (a: number): number => 1 / (1 + Math.exp(-a));

/** Forward pass from state (h0, C0) (zeros by default). */
export function lstmForward(
  model: LstmModel,
  inputs: LstmInputs,
  y?: ArrayLike<number>,
  h0?: Float64Array,
  C0?: Float64Array,
): LstmForward {
  const H = model.Wf.rows;
  const D = model.Wf.cols - H;
  const K = model.Vy.rows;
  const T = isMatrix(inputs) ? inputs.rows : inputs.length;
  if (isMatrix(inputs) && inputs.cols !== D) throw new RangeError(`inputs have ${inputs.cols} columns, expected ${D}`);
  if (y && y.length !== T) throw new RangeError(`${T} inputs but ${y.length} targets`);
  const out = {
    h: zeros(T, H), C: zeros(T, H), f: zeros(T, H), i: zeros(T, H), Ctilde: zeros(T, H), o: zeros(T, H),
    p: zeros(T, K), z: zeros(T, H + D),
  };
  let hPrev = h0 ?? new Float64Array(H);
  let cPrev = C0 ?? new Float64Array(H);
  const a = new Float64Array(H);
  const logits = new Float64Array(K);
  const lp = new Float64Array(K);
  let loss = y ? 0 : NaN;
  const row = (m: Matrix, t: number): Float64Array => m.data.subarray(t * m.cols, (t + 1) * m.cols);
  for (let t = 0; t < T; t++) {
    // z_t = [h_{t-1}; x_t]
    const z = row(out.z, t);
    z.set(hPrev, 0);
    if (isMatrix(inputs)) z.set(row(inputs, t), H);
    else {
      const xt = inputs[t];
      if (!Number.isInteger(xt) || xt < 0 || xt >= D) throw new RangeError(`input ${t} is ${xt}, expected an integer in [0, ${D})`);
      z[H + xt] = 1;
    }
    const gate = (W: Matrix, b: Float64Array, dst: Float64Array, squash: (v: number) => number): void => {
      matVec(W, z, a);
      for (let j = 0; j < H; j++) dst[j] = squash(a[j] + b[j]);
    };
    const f = row(out.f, t);
    const i = row(out.i, t);
    const Ct = row(out.Ctilde, t);
    const o = row(out.o, t);
    gate(model.Wf, model.bf, f, sigmoid);
    gate(model.Wi, model.bi, i, sigmoid);
    gate(model.Wc, model.bc, Ct, Math.tanh);
    gate(model.Wo, model.bo, o, sigmoid);
    // C_t = f ∘ C_{t-1} + i ∘ C̃,  h_t = o ∘ tanh(C_t)
    const C = row(out.C, t);
    const h = row(out.h, t);
    for (let j = 0; j < H; j++) {
      C[j] = f[j] * cPrev[j] + i[j] * Ct[j];
      h[j] = o[j] * Math.tanh(C[j]);
    }
    // p_t = softmax(Vy h_t + by)
    matVec(model.Vy, h, logits);
    for (let k = 0; k < K; k++) logits[k] += model.by[k];
    softmax(logits, row(out.p, t));
    if (y) {
      const yt = y[t];
      if (!Number.isInteger(yt) || yt < 0 || yt >= K) throw new RangeError(`target ${t} is ${yt}, expected an integer in [0, ${K})`);
      loss -= logSoftmax(logits, lp)[yt];
    }
    hPrev = h;
    cPrev = C;
  }
  return { ...out, loss };
}

/**
 * Loss and gradients by full BPTT (walking the forward equations in reverse).
 * Returns the final (h, C) so training can carry the state to the next chunk.
 */
export function lstmGradients(
  model: LstmModel,
  inputs: LstmInputs,
  y: ArrayLike<number>,
  h0?: Float64Array,
  C0?: Float64Array,
): { loss: number; gradients: LstmModel; lastHidden: Float64Array; lastCell: Float64Array; forward: LstmForward } {
  const fw = lstmForward(model, inputs, y, h0, C0);
  const H = model.Wf.rows;
  const K = model.Vy.rows;
  const T = fw.h.rows;
  const g = zeroLstmGradients(model);
  const row = (m: Matrix, t: number): Float64Array => m.data.subarray(t * m.cols, (t + 1) * m.cols);
  const cStart = C0 ?? new Float64Array(H);
  const dy = new Float64Array(K);
  const dh = new Float64Array(H);
  const dC = new Float64Array(H);
  const dhNext = new Float64Array(H);
  const dCNext = new Float64Array(H);
  const da = { f: new Float64Array(H), i: new Float64Array(H), c: new Float64Array(H), o: new Float64Array(H) };
  const dz = new Float64Array(model.Wf.cols);
  for (let t = T - 1; t >= 0; t--) {
    // dy = p_t − onehot(y_t); dVy += dy ⊗ h_t; dh = Vyᵀ dy + dh_next
    dy.set(row(fw.p, t));
    dy[y[t]] -= 1;
    const h = row(fw.h, t);
    addOuter(g.Vy, dy, h);
    for (let k = 0; k < K; k++) g.by[k] += dy[k];
    matTVec(model.Vy, dy, dh);
    const f = row(fw.f, t);
    const i = row(fw.i, t);
    const Ct = row(fw.Ctilde, t);
    const o = row(fw.o, t);
    const C = row(fw.C, t);
    const cPrev = t > 0 ? row(fw.C, t - 1) : cStart;
    for (let j = 0; j < H; j++) {
      dh[j] += dhNext[j];
      const tc = Math.tanh(C[j]);
      // dC = dh ∘ o ∘ (1 − tanh² C_t) + dC_next
      dC[j] = dh[j] * o[j] * (1 - tc * tc) + dCNext[j];
      // pre-activation gradients of the four gates
      da.o[j] = dh[j] * tc * o[j] * (1 - o[j]);
      da.f[j] = dC[j] * cPrev[j] * f[j] * (1 - f[j]);
      da.i[j] = dC[j] * Ct[j] * i[j] * (1 - i[j]);
      da.c[j] = dC[j] * i[j] * (1 - Ct[j] * Ct[j]);
      dCNext[j] = dC[j] * f[j];
    }
    const z = row(fw.z, t);
    dz.fill(0);
    const pairs: [Matrix, Float64Array, Float64Array, Matrix][] = [
      [g.Wf, g.bf, da.f, model.Wf], [g.Wi, g.bi, da.i, model.Wi], [g.Wc, g.bc, da.c, model.Wc], [g.Wo, g.bo, da.o, model.Wo],
    ];
    for (const [gW, gb, d, W] of pairs) {
      addOuter(gW, d, z);
      for (let j = 0; j < H; j++) gb[j] += d[j];
      // dz += Wᵀ d
      const back = matTVec(W, d);
      for (let k = 0; k < dz.length; k++) dz[k] += back[k];
    }
    dhNext.set(dz.subarray(0, H));
  }
  const last = T - 1;
  return {
    loss: fw.loss,
    gradients: g,
    lastHidden: T > 0 ? new Float64Array(row(fw.h, last)) : new Float64Array(h0 ?? new Float64Array(H)),
    lastCell: T > 0 ? new Float64Array(row(fw.C, last)) : new Float64Array(cStart),
    forward: fw,
  };
}

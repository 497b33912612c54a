import { frobeniusNorm, identity, spectralNorm, zeros, type Matrix } from '../matrix.js';
import { lstmForward, type LstmInputs, type LstmModel } from './lstm.js';
import { activationSlope, rnnForward, type Activation, type RnnModel } from './rnn.js';

/** ‖∂s_T/∂s_{T−k}‖ for k = 0, 1, …: the vanishing (or exploding) gradient. */
export interface JacobianNorm {
  readonly k: number;
  readonly frobenius: number;
  /** Largest singular value (omitted when not asked for). */
  readonly spectral?: number;
}

/**
 * Norms of ∂s_T/∂s_{T−k} = Π_{m=0}^{k−1} diag(f'(s_{T−m})) W for a recurrence
 * s_t = f(W s_{t−1} + input_t), from its states (rows of `states`, the last row is s_T).
 */
export function recurrentJacobianNorms(
  W: Matrix,
  states: Matrix,
  activation: Activation,
  steps: number,
  spectral = true,
): JacobianNorm[] {
  const H = W.rows;
  const T = states.rows;
  let J = identity(H);
  const out: JacobianNorm[] = [];
  for (let k = 0; k <= Math.min(steps, T - 1); k++) {
    out.push(spectral ? { k, frobenius: frobeniusNorm(J), spectral: spectralNorm(J) } : { k, frobenius: frobeniusNorm(J) });
    // J ← J · diag(f'(s_{T−k})) · W
    const s = states.data.subarray((T - 1 - k) * H, (T - k) * H);
    const next = zeros(H, H);
    for (let i = 0; i < H; i++) {
      for (let m = 0; m < H; m++) {
        const jm = J.data[i * H + m] * activationSlope(activation, s[m]);
        if (jm === 0) continue;
        for (let j = 0; j < H; j++) next.data[i * H + j] += jm * W.data[m * H + j];
      }
    }
    J = next;
  }
  return out;
}

/** ‖∂s_T/∂s_{T−k}‖ of a vanilla RNN run over `x` (T = x.length − 1 is the last step). */
export function rnnJacobianNorms(model: RnnModel, x: ArrayLike<number>, steps: number, spectral = true): JacobianNorm[] {
  const { s } = rnnForward(model, x);
  return recurrentJacobianNorms(model.W, s, model.activation, steps, spectral);
}

/**
 * ‖∂h_T/∂h_{T−k}‖ of an LSTM run over `inputs`: the product of the step
 * Jacobians of the full state (h, C), restricted to the h block, so the path
 * through the cell state (the LSTM's memory) is included.
 */
export function lstmJacobianNorms(model: LstmModel, inputs: LstmInputs, steps: number, spectral = true): JacobianNorm[] {
  const fw = lstmForward(model, inputs);
  const H = model.Wf.rows;
  const T = fw.h.rows;
  const n = 2 * H;
  let P = identity(n); // ∂(h_T, C_T)/∂(h_{T−k}, C_{T−k})
  const hBlock = (): Matrix => {
    const m = zeros(H, H);
    for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) m.data[i * H + j] = P.data[i * n + j];
    return m;
  };
  const out: JacobianNorm[] = [];
  const at = (m: Matrix, t: number, j: number): number => m.data[t * H + j];
  for (let k = 0; k <= Math.min(steps, T - 1); k++) {
    const hb = hBlock();
    out.push(spectral ? { k, frobenius: frobeniusNorm(hb), spectral: spectralNorm(hb) } : { k, frobenius: frobeniusNorm(hb) });
    const t = T - 1 - k;
    // step Jacobian J_t = ∂(h_t, C_t)/∂(h_{t−1}, C_{t−1}), 2H × 2H
    const J = zeros(n, n);
    const cols = model.Wf.cols;
    for (let r = 0; r < H; r++) {
      const f = at(fw.f, t, r);
      const i = at(fw.i, t, r);
      const ct = at(fw.Ctilde, t, r);
      const o = at(fw.o, t, r);
      const tc = Math.tanh(at(fw.C, t, r));
      const cPrev = t > 0 ? at(fw.C, t - 1, r) : 0;
      const df = f * (1 - f) * cPrev;
      const di = i * (1 - i) * ct;
      const dc = (1 - ct * ct) * i;
      const dout = o * (1 - o) * tc;
      const carry = o * (1 - tc * tc);
      for (let j = 0; j < H; j++) {
        // ∂C_t/∂h_{t−1} = diag(C_{t−1} f(1−f)) Wf_h + diag(C̃ i(1−i)) Wi_h + diag(i(1−C̃²)) Wc_h
        const dC = df * model.Wf.data[r * cols + j] + di * model.Wi.data[r * cols + j] + dc * model.Wc.data[r * cols + j];
        J.data[(H + r) * n + j] = dC;
        // ∂h_t/∂h_{t−1} = diag(tanh C_t o(1−o)) Wo_h + diag(o(1−tanh² C_t)) ∂C_t/∂h_{t−1}
        J.data[r * n + j] = dout * model.Wo.data[r * cols + j] + carry * dC;
      }
      // ∂C_t/∂C_{t−1} = diag(f),  ∂h_t/∂C_{t−1} = diag(o(1−tanh² C_t) f)
      J.data[(H + r) * n + H + r] = f;
      J.data[r * n + H + r] = carry * f;
    }
    // P ← P · J_t
    const next = zeros(n, n);
    for (let a = 0; a < n; a++) {
      for (let m = 0; m < n; m++) {
        const pm = P.data[a * n + m];
        if (pm === 0) continue;
        for (let b = 0; b < n; b++) next.data[a * n + b] += pm * J.data[m * n + b];
      }
    }
    P = next;
  }
  return out;
}

/**
 * The RNN's output layer for every step of a sentence at once, scalar version:
 * the three C×H products that are most of forward + BPTT's work (C = vocabulary,
 * H = hidden), and the softmax + cross-entropy between them. simd/ does the two
 * product kernels in WebAssembly with the same operation order (same bits).
 */

/** Z[i, t] = V_i · s_t + c_i (row stride T), two rows of V × four steps per block. S row t+1 is s_t. */
export function logits(H: number, C: number, T: number, V: Float64Array, c: Float64Array, S: Float64Array, Z: Float64Array): void {
  const t4 = T - (T % 4);
  let i = 0;
  for (; i + 1 < C; i += 2) {
    const v0 = i * H;
    const v1 = v0 + H;
    const z0 = i * T;
    const z1 = z0 + T;
    const c0 = c[i];
    const c1 = c[i + 1];
    let t = 0;
    for (; t < t4; t += 4) {
      const p0 = (t + 1) * H;
      const p1 = p0 + H;
      const p2 = p1 + H;
      const p3 = p2 + H;
      let a00 = 0, a01 = 0, a02 = 0, a03 = 0;
      let a10 = 0, a11 = 0, a12 = 0, a13 = 0;
      for (let j = 0; j < H; j++) {
        const x0 = V[v0 + j];
        const x1 = V[v1 + j];
        const s0 = S[p0 + j];
        const s1 = S[p1 + j];
        const s2 = S[p2 + j];
        const s3 = S[p3 + j];
        a00 += x0 * s0;
        a01 += x0 * s1;
        a02 += x0 * s2;
        a03 += x0 * s3;
        a10 += x1 * s0;
        a11 += x1 * s1;
        a12 += x1 * s2;
        a13 += x1 * s3;
      }
      Z[z0 + t] = a00 + c0;
      Z[z0 + t + 1] = a01 + c0;
      Z[z0 + t + 2] = a02 + c0;
      Z[z0 + t + 3] = a03 + c0;
      Z[z1 + t] = a10 + c1;
      Z[z1 + t + 1] = a11 + c1;
      Z[z1 + t + 2] = a12 + c1;
      Z[z1 + t + 3] = a13 + c1;
    }
    for (; t < T; t++) {
      const p = (t + 1) * H;
      let a0 = 0;
      let a1 = 0;
      for (let j = 0; j < H; j++) {
        a0 += V[v0 + j] * S[p + j];
        a1 += V[v1 + j] * S[p + j];
      }
      Z[z0 + t] = a0 + c0;
      Z[z1 + t] = a1 + c1;
    }
  }
  for (; i < C; i++) {
    const v0 = i * H;
    for (let t = 0; t < T; t++) {
      const p = (t + 1) * H;
      let a = 0;
      for (let j = 0; j < H; j++) a += V[v0 + j] * S[p + j];
      Z[i * T + t] = a + c[i];
    }
  }
}

/** Scratch of `softmaxLoss`, T entries each. */
export interface SoftmaxScratch {
  readonly max: Float64Array;
  readonly sum: Float64Array;
  readonly picked: Float64Array;
}

/**
 * o_t = softmax(Z[:, t]); returns loss = −Σ_t ln o_t[y_t] and leaves Z[:, t] = o_t − onehot(y_t).
 * Z[i, t] is at `offset + i·stride + t`. Four columns per sweep down the rows, their maxima
 * and sums in locals (each still taken over i in order, so the blocking changes no bit).
 */
export function softmaxLoss(C: number, T: number, Z: Float64Array, offset: number, stride: number, y: ArrayLike<number>, scratch: SoftmaxScratch): number {
  const { max, sum, picked } = scratch;
  for (let t = 0; t < T; t++) picked[t] = Z[offset + y[t] * stride + t];
  const t4 = T - (T % 4);
  for (let t = 0; t < t4; t += 4) {
    let m0 = -Infinity, m1 = -Infinity, m2 = -Infinity, m3 = -Infinity;
    for (let i = 0, r = offset + t; i < C; i++, r += stride) {
      const a = Z[r], b = Z[r + 1], c = Z[r + 2], d = Z[r + 3];
      if (a > m0) m0 = a;
      if (b > m1) m1 = b;
      if (c > m2) m2 = c;
      if (d > m3) m3 = d;
    }
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let i = 0, r = offset + t; i < C; i++, r += stride) {
      const a = Math.exp(Z[r] - m0);
      const b = Math.exp(Z[r + 1] - m1);
      const c = Math.exp(Z[r + 2] - m2);
      const d = Math.exp(Z[r + 3] - m3);
      Z[r] = a;
      Z[r + 1] = b;
      Z[r + 2] = c;
      Z[r + 3] = d;
      s0 += a;
      s1 += b;
      s2 += c;
      s3 += d;
    }
    max[t] = m0;
    max[t + 1] = m1;
    max[t + 2] = m2;
    max[t + 3] = m3;
    sum[t] = s0;
    sum[t + 1] = s1;
    sum[t + 2] = s2;
    sum[t + 3] = s3;
  }
  for (let t = t4; t < T; t++) {
    let m = -Infinity;
    for (let i = 0, r = offset + t; i < C; i++, r += stride) if (Z[r] > m) m = Z[r];
    let s = 0;
    for (let i = 0, r = offset + t; i < C; i++, r += stride) {
      const e = Math.exp(Z[r] - m);
      Z[r] = e;
      s += e;
    }
    max[t] = m;
    sum[t] = s;
  }
  let loss = 0;
  for (let t = 0; t < T; t++) {
    loss -= picked[t] - max[t] - Math.log(sum[t]);
    sum[t] = 1 / sum[t];
  }
  for (let i = 0; i < C; i++) {
    const r = offset + i * stride;
    for (let t = 0; t < T; t++) Z[r + t] *= sum[t];
  }
  for (let t = 0; t < T; t++) Z[offset + y[t] * stride + t] -= 1;
  return loss;
}

/**
 * One sweep over V's rows: dV_i = Σ_t g[i, t] s_t (written), dc_i = Σ_t g[i, t],
 * dS_t = Σ_i g[i, t] V_i (written); g = o − onehot(y) lives in Z (row stride T). Four steps per block.
 */
export function outputBackward(
  H: number,
  C: number,
  T: number,
  V: Float64Array,
  S: Float64Array,
  Z: Float64Array,
  dV: Float64Array,
  dc: Float64Array,
  dS: Float64Array,
): void {
  dS.fill(0, 0, T * H);
  const t4 = T - (T % 4);
  for (let i = 0; i < C; i++) {
    const vo = i * H;
    const zo = i * T;
    let csum = 0;
    for (let j = 0; j < H; j++) dV[vo + j] = 0;
    let t = 0;
    for (; t < t4; t += 4) {
      const g0 = Z[zo + t];
      const g1 = Z[zo + t + 1];
      const g2 = Z[zo + t + 2];
      const g3 = Z[zo + t + 3];
      csum += g0 + g1 + g2 + g3;
      const p0 = (t + 1) * H;
      const p1 = p0 + H;
      const p2 = p1 + H;
      const p3 = p2 + H;
      const q0 = t * H;
      const q1 = q0 + H;
      const q2 = q1 + H;
      const q3 = q2 + H;
      for (let j = 0; j < H; j++) {
        const v = V[vo + j];
        dV[vo + j] += g0 * S[p0 + j] + g1 * S[p1 + j] + (g2 * S[p2 + j] + g3 * S[p3 + j]);
        dS[q0 + j] += g0 * v;
        dS[q1 + j] += g1 * v;
        dS[q2 + j] += g2 * v;
        dS[q3 + j] += g3 * v;
      }
    }
    for (; t < T; t++) {
      const g = Z[zo + t];
      csum += g;
      const p = (t + 1) * H;
      const q = t * H;
      for (let j = 0; j < H; j++) {
        dV[vo + j] += g * S[p + j];
        dS[q + j] += g * V[vo + j];
      }
    }
    dc[i] = csum;
  }
}

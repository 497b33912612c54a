/**
 * The one seeded pseudo-random generator of the numeric core.
 *
 * Algorithm: sfc32, Chris Doty-Humphrey's "small fast counting" generator
 * from PractRand, in its original form (tmp = a + b + counter, counter
 * incremented after use; many JavaScript copies increment first and give a
 * different stream). 128-bit state, 32-bit outputs, integer-only arithmetic:
 * the same sequence on every machine. A 32-bit seed s is loaded as PractRand's
 * `sfc32::seed(s)` does: a = 0, b = s, c = 0, counter = 1, then 12 outputs
 * are discarded.
 *
 * mulberry32 and xoshiro128** are provided as alternative sources (tested
 * against the same cross-language vectors); `Random` turns any 32-bit source
 * into the draws the models need.
 */

/** A stream of uniformly distributed unsigned 32-bit integers. */
export type Source32 = () => number;

/** sfc32 from an explicit state (a, b, c, counter), PractRand's original step. */
export function sfc32(a: number, b: number, c: number, counter: number): Source32 {
  a >>>= 0;
  b >>>= 0;
  c >>>= 0;
  counter >>>= 0;
  return () => {
    const t = (a + b + counter) >>> 0;
    counter = (counter + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (((c << 21) | (c >>> 11)) + t) >>> 0;
    return t;
  };
}

/** sfc32 seeded from one 32-bit integer as PractRand seeds it (12 outputs discarded). */
export function sfc32FromSeed(seed: number): Source32 {
  const next = sfc32(0, seed >>> 0, 0, 1);
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** mulberry32 (Tommy Ettinger): 32-bit state, period 2³². */
export function mulberry32(seed: number): Source32 {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** xoshiro128** (Blackman & Vigna) from its 128-bit state. */
export function xoshiro128ss(s0: number, s1: number, s2: number, s3: number): Source32 {
  let a = s0 >>> 0;
  let b = s1 >>> 0;
  let c = s2 >>> 0;
  let d = s3 >>> 0;
  return () => {
    const m = Math.imul(b, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    return result;
  };
}

const TWO_POW_32 = 4294967296;

/** Draws built on one 32-bit source. Every random draw in the core goes through this. */
export class Random {
  private readonly next32: Source32;
  private spareNormal: number | undefined;

  /** A generator over `source`, by default sfc32 seeded with `seed`. */
  constructor(seed: number, source: Source32 = sfc32FromSeed(seed)) {
    this.next32 = source;
  }

  /** The next raw unsigned 32-bit integer. */
  uint32(): number {
    return this.next32();
  }

  /** u32 / 2³²: 32 random bits in [0, 1). One draw. */
  uniform(): number {
    return this.next32() / TWO_POW_32;
  }

  /** A double with 53 random bits in [0, 1): ((a >>> 5)·2²⁶ + (b >>> 6)) / 2⁵³. Two draws. */
  uniform53(): number {
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform53();
  }

  /** Standard normal by Box–Muller (two uniform53 draws give two normals). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return z;
    }
    const u = 1 - this.uniform53(); // (0, 1]: log is finite
    const v = this.uniform53();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /**
   * An index drawn from probabilities p (need not be normalised): u = uniform()·Σp,
   * the first i whose running sum exceeds u (hmmlearn's rule). One draw.
   */
  categorical(p: ArrayLike<number>, start = 0, length = p.length - start): number {
    let total = 0;
    for (let i = 0; i < length; i++) total += p[start + i];
    if (!(total > 0)) throw new RangeError('categorical: probabilities sum to 0');
    // A normalised row is compared with u itself (as hmmlearn does); only a row
    // that is clearly not normalised (an HMM row with an end probability) is rescaled.
    const u = Math.abs(total - 1) < 1e-9 ? this.uniform() : this.uniform() * total;
    let acc = 0;
    let last = 0;
    for (let i = 0; i < length; i++) {
      const pi = p[start + i];
      if (pi > 0) last = i;
      acc += pi;
      if (acc > u) return i;
    }
    return last; // rounding left Σp a hair under u: take the last possible index
  }

  /** An integer in [0, n) (multiply-shift on 32 bits; bias < n / 2³²). */
  integer(n: number): number {
    return Math.floor(this.uniform() * n);
  }
}

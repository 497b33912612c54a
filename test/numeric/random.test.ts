import { describe, expect, it } from 'vitest';
import { mulberry32, Random, sfc32, sfc32FromSeed, xoshiro128ss } from '../../src/numeric/random.js';
import { loadReference } from './helpers.js';

interface PrngRef {
  mulberry32_seed42: number[];
  mulberry32_seed0: number[];
  sfc32_seed_1_2_3_4: number[];
  sfc32_dfirst_seed_1_2_3_4: number[];
  xoshiro128ss_seed_1_2_3_4: number[];
  mulberry32_seed42_unit53_first: number;
  mulberry32_seed42_unit32_first5: number[];
}
const ref = loadReference<PrngRef>('prng_ref.json');
const take = (next: () => number, n: number): number[] => Array.from({ length: n }, next);

describe('PRNG streams match prng_ref.json', () => {
  it('sfc32 is PractRand’s original (counter added before increment), not the d-first copy', () => {
    expect(take(sfc32(1, 2, 3, 4), 8)).toEqual(ref.sfc32_seed_1_2_3_4);
    expect(take(sfc32(1, 2, 3, 4), 8)).not.toEqual(ref.sfc32_dfirst_seed_1_2_3_4);
  });
  it('mulberry32 and xoshiro128**', () => {
    expect(take(mulberry32(42), 8)).toEqual(ref.mulberry32_seed42);
    expect(take(mulberry32(0), 8)).toEqual(ref.mulberry32_seed0);
    expect(take(xoshiro128ss(1, 2, 3, 4), 8)).toEqual(ref.xoshiro128ss_seed_1_2_3_4);
  });
  it('unit conversions', () => {
    const r = new Random(42, mulberry32(42));
    expect(take(() => r.uniform(), 5)).toEqual(ref.mulberry32_seed42_unit32_first5);
    expect(new Random(42, mulberry32(42)).uniform53()).toBe(ref.mulberry32_seed42_unit53_first);
  });
  it('the default generator is sfc32 seeded as PractRand does, and is deterministic', () => {
    const a = new Random(7);
    const b = sfc32FromSeed(7);
    expect(take(() => a.uint32(), 5)).toEqual(take(b, 5));
    const s = sfc32(0, 7, 0, 1);
    for (let i = 0; i < 12; i++) s();
    expect(take(() => new Random(7).uint32(), 1)[0]).toBe(s());
  });
  it('draws stay in range; categorical follows the probabilities', () => {
    const r = new Random(1);
    const counts = [0, 0, 0];
    for (let k = 0; k < 30000; k++) {
      const u = r.uniform53();
      expect(u >= 0 && u < 1).toBe(true);
      counts[r.categorical([0.2, 0, 0.8])]++;
    }
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[0] / 30000 - 0.2)).toBeLessThan(0.01);
    let s = 0;
    let s2 = 0;
    for (let k = 0; k < 20000; k++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / 20000)).toBeLessThan(0.03);
    expect(Math.abs(s2 / 20000 - 1)).toBeLessThan(0.05);
    expect(() => r.categorical([0, 0])).toThrow(/sum to 0/);
  });
});

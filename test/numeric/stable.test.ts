import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logAddExp, logSoftmax, logSumExp, softmax } from '../../src/numeric/stable.js';

describe('stable helpers', () => {
  it('log-sum-exp of −∞ is −∞, not NaN', () => {
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([])).toBe(-Infinity);
    expect(logAddExp(-Infinity, -Infinity)).toBe(-Infinity);
    expect(logSumExp([-Infinity, 0])).toBe(0);
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 12);
  });
  it('softmax([1000, 0]) is [1, e^-1000] without NaN', () => {
    const p = softmax([1000, 0]);
    expect(p[0]).toBe(1);
    expect(p[1]).toBe(0);
    const lp = logSoftmax([1000, 0]);
    expect(lp[1]).toBe(-1000);
  });
  it('softmax sums to 1 and matches exp(logSoftmax)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -500, max: 500, noNaN: true }), { minLength: 1, maxLength: 20 }), (z) => {
        const p = softmax(z);
        const lp = logSoftmax(z);
        let s = 0;
        for (let i = 0; i < z.length; i++) {
          s += p[i];
          expect(Math.abs(Math.exp(lp[i]) - p[i])).toBeLessThan(1e-12);
        }
        expect(Math.abs(s - 1)).toBeLessThan(1e-12);
        expect(Math.abs(logAddExp(z[0], z[z.length - 1]) - logSumExp([z[0], z[z.length - 1]]))).toBeLessThan(1e-9);
      }),
    );
  });
});

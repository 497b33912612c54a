import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { linearScale, logScale, niceStep } from '../../src/charts/scale.js';
import { coordinate } from '../../src/charts/svg-number.js';
import { displayNumber, valueString } from '../../src/charts/number-format.js';

describe('linearScale', () => {
  it('picks 1-2-5 steps and extends the domain to whole ticks', () => {
    const scale = linearScale(0.13, 0.87, 100, 0, 5);
    expect(scale.ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(scale.labels).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    expect(scale.domain).toEqual([0, 1]);
    expect(scale.map(0)).toBe(100);
    expect(scale.map(1)).toBe(0);
    expect(scale.map(0.5)).toBe(50);
  });

  it('labels negative log-likelihoods with a real minus sign', () => {
    const scale = linearScale(-12.3, -3.31, 0, 1, 5);
    expect(scale.ticks).toEqual([-14, -12, -10, -8, -6, -4, -2]);
    expect(scale.labels[0]).toBe('−14');
  });

  it('keeps integer axes on whole numbers', () => {
    expect(linearScale(1, 3, 0, 1, 6, true).ticks).toEqual([1, 2, 3]);
    expect(linearScale(0, 200, 0, 1, 6, true).ticks).toEqual([0, 50, 100, 150, 200]);
  });

  it('widens a single value', () => {
    const scale = linearScale(2, 2, 0, 1);
    expect(scale.domain[0]).toBeLessThan(2);
    expect(scale.domain[1]).toBeGreaterThan(2);
  });

  it('nice steps are 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0, 1, 5)).toEqual({ power: -1, multiple: 2 });
    expect(niceStep(0, 100, 10)).toEqual({ power: 1, multiple: 1 });
    expect(niceStep(0, 30, 5)).toEqual({ power: 0, multiple: 5 });
    expect(niceStep(0, 37, 5)).toEqual({ power: 1, multiple: 1 });
  });

  it('ticks cover the data, are evenly spaced and print without float noise (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (lo, span) => {
        // A span below a millionth of the values is past what a double can tick cleanly.
        fc.pre(span >= Math.abs(lo) * 1e-6);
        const scale = linearScale(lo, lo + span, 0, 1, 5);
        // Within a millionth of the span: the data is on the axis.
        expect(scale.domain[0]).toBeLessThanOrEqual(lo + span * 1e-6);
        expect(scale.domain[1]).toBeGreaterThanOrEqual(lo + span - span * 1e-6);
        expect(scale.ticks.length).toBeGreaterThanOrEqual(2);
        expect(scale.ticks.length).toBeLessThanOrEqual(12);
        for (const label of scale.labels) expect(label).toMatch(/^−?\d+(\.\d+)?$/);
      }),
    );
  });
});

describe('logScale', () => {
  it('spans whole decades with superscript labels', () => {
    const scale = logScale(3e-4, 0.9, 100, 0);
    expect(scale.ticks).toEqual([1e-4, 1e-3, 1e-2, 1e-1, 1]);
    expect(scale.labels).toEqual(['10⁻⁴', '10⁻³', '10⁻²', '10⁻¹', '1']);
    expect(scale.map(1e-4)).toBe(100);
    expect(scale.map(1)).toBe(0);
    expect(scale.map(1e-2)).toBe(50);
  });

  it('thins ticks over many decades', () => {
    const scale = logScale(1e-20, 10, 0, 1, 8);
    expect(scale.ticks.length).toBeLessThanOrEqual(9);
    expect(scale.labels).toContain('10⁻¹⁸');
    expect(scale.domain[0]).toBeLessThanOrEqual(1e-20);
    expect(scale.domain[1]).toBeGreaterThanOrEqual(10);
  });
});

describe('numbers', () => {
  it('formats coordinates with two decimals and no -0', () => {
    expect(coordinate(1.23456)).toBe('1.23');
    expect(coordinate(-0.001)).toBe('0');
    expect(coordinate(10)).toBe('10');
  });

  it('displays four significant digits, scientific for tiny and huge values', () => {
    expect(displayNumber(0.036280000000000004)).toBe('0.03628');
    expect(displayNumber(-3.3164886537352007)).toBe('−3.316');
    expect(displayNumber(9.1276e-19)).toBe('9.128×10⁻¹⁹');
    expect(displayNumber(1e-7)).toBe('1×10⁻⁷');
    expect(displayNumber(-Infinity)).toBe('−∞');
    expect(displayNumber(200)).toBe('200');
    expect(valueString(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(valueString(-0)).toBe('0');
  });

  it('value strings round-trip exactly (property)', () => {
    fc.assert(fc.property(fc.double({ noNaN: true }), (x) => {
      expect(Number(valueString(x))).toBe(Object.is(x, -0) ? 0 : x);
    }));
  });
});

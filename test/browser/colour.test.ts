import { describe, expect, it } from 'vitest';
import { contrast, parseColour } from './colour.js';

describe('WCAG contrast of computed colours', () => {
  it('matches the reference ratios', () => {
    expect(contrast(parseColour('rgb(0, 0, 0)'), parseColour('rgb(255, 255, 255)'))).toBeCloseTo(21, 6);
    expect(contrast(parseColour('rgb(255, 255, 255)'), parseColour('rgb(255, 255, 255)'))).toBe(1);
    // #777 on white is the classic just-below-AA grey: 4.48.
    expect(contrast(parseColour('rgb(119, 119, 119)'), parseColour('rgb(255, 255, 255)'))).toBeCloseTo(4.48, 2);
    // Symmetric in its arguments' roles when both are opaque.
    expect(contrast(parseColour('rgb(255, 255, 255)'), parseColour('rgb(119, 119, 119)'))).toBeCloseTo(4.48, 2);
  });

  it('blends a translucent foreground over the background', () => {
    // 50% black on white is rgb(127.5): luminance 0.214, ratio 1.05 / 0.264.
    expect(contrast(parseColour('rgba(0, 0, 0, 0)'), parseColour('rgb(255, 255, 255)'))).toBe(1);
    expect(contrast(parseColour('rgba(0, 0, 0, 0.5)'), parseColour('rgb(255, 255, 255)'))).toBeCloseTo(3.98, 2);
  });

  it('refuses colour syntax it cannot read instead of guessing', () => {
    expect(() => parseColour('color(display-p3 1 0 0)')).toThrow(/cannot read the colour/);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { endOfNonZero } from '../../src/graph/engine.js';

/** The obvious byte loop, as a reference. */
function reference(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return end;
}

describe('endOfNonZero (the pristine-memory snapshot of the Graphviz engine)', () => {
  it('finds the end of the data across chunk boundaries', () => {
    const bytes = new Uint8Array(200_000);
    expect(endOfNonZero(bytes)).toBe(0);
    bytes[0] = 1;
    expect(endOfNonZero(bytes)).toBe(1);
    bytes[65_535] = 7;
    expect(endOfNonZero(bytes)).toBe(65_536);
    bytes[65_536] = 7;
    expect(endOfNonZero(bytes)).toBe(65_537);
    bytes[199_999] = 1;
    expect(endOfNonZero(bytes)).toBe(200_000);
    expect(endOfNonZero(bytes.subarray(1000, 70_000))).toBe(65_537 - 1000);
  });

  it('agrees with a byte loop on sparse memories of any size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300_000 }), fc.array(fc.nat(), { maxLength: 5 }), (size, marks) => {
        const bytes = new Uint8Array(size);
        for (const mark of marks) if (size > 0) bytes[mark % size] = 1 + (mark % 255);
        expect(endOfNonZero(bytes)).toBe(reference(bytes));
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { toHtml } from 'hast-util-to-html';
import { heatMap } from '../../src/charts/index.js';

describe('heat map column labels', () => {
  it('labels every k-th column when the labels are wider than the cells, so they never run together', () => {
    const columns = Array.from({ length: 24 }, (_, j) => `h${j + 1}`);
    const chart = toHtml(heatMap({ title: 'W', rowLabels: ['a', 'b'], columnLabels: columns, values: [columns.map((_, j) => j), columns.map((_, j) => -j)] }));
    const xs = [...chart.matchAll(/<text x="([\d.]+)" y="[\d.]+" text-anchor="middle">h\d+<\/text>/g)].map((m) => Number(m[1]));
    expect(xs.length).toBeGreaterThan(3);
    expect(xs.length).toBeLessThan(24);
    // 12 px font: a 3-character label is at most ~22 px wide; centres must be further apart.
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(22);
  });
});

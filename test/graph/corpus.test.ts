/**
 * Fidelity: every graph the blog published, drawn by our pinned Graphviz-WASM, has the
 * same nodes, edges and ranks as the published SVG (native Graphviz 2.40.1), and the
 * same reading order except where Graphviz itself changed its tie-breaking.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadVizEngine, type LayoutEngine } from '../../src/graph/engine.js';
import { createGraphRenderer, layoutWithCjk, type GraphRenderer } from '../../src/graph/renderer.js';
import { quoteTexLabels } from '../../src/graph/tex-labels.js';
import { geometryOf, readingOrder, type Box } from './svg-geometry.js';

const fixtures = join(import.meta.dirname, '../../fixtures/graphs');
interface Entry { fileName: string; post: string; line: number; engine?: string; caption?: string; tex: boolean; published?: string }
const entries = JSON.parse(readFileSync(join(fixtures, 'graphs.json'), 'utf8')) as Entry[];
const dotOf = (name: string) => readFileSync(join(fixtures, `${name}.dot`), 'utf8');

/**
 * Graphs whose order inside a rank differs from 2.40.1: mincross tie-breaking changed
 * between releases, and native Debian Graphviz 2.43 draws these three exactly as we do.
 * Ranks still match.
 */
const ORDER_WITHIN_RANK_DIFFERS = new Set(['test', 'graphviz_subgraph_1', 'graphviz_matrix']);

/** Ranks as sets along the rank axis (y for top-to-bottom, x for left-to-right graphs). */
function ranks(nodes: Map<string, Box>, leftToRight: boolean): string[][] {
  const swapped = new Map([...nodes].map(([name, box]) => [name, leftToRight ? { ...box, x: box.y, y: box.x } : box]));
  return readingOrder(swapped).map((row) => [...row].sort());
}

let engine: LayoutEngine;
let renderer: GraphRenderer;
beforeAll(async () => {
  engine = await loadVizEngine();
  renderer = await createGraphRenderer();
});

describe('published graphs', () => {
  it('has all 17 graph fences of graphviz.md and the 3 of the other posts', () => {
    expect(entries.filter((entry) => entry.post === 'corpus/graphviz.md')).toHaveLength(17);
    expect(entries.map((entry) => entry.fileName)).toEqual(expect.arrayContaining(['rnn_intro_g1', 'rnn_intro_full', 'veg_g1', 'ladotdemo']));
  });

  for (const entry of entries.filter((item) => item.published)) {
    it(`${entry.fileName}: same nodes, edges, ranks and reading order as published`, () => {
      const output = layoutWithCjk(engine.layout, dotOf(entry.fileName), entry.engine ?? 'dot');
      expect(output.svg).toBeDefined();
      const ours = geometryOf(output.svg!);
      const published = geometryOf(readFileSync(join(fixtures, entry.published!), 'utf8'));
      expect([...ours.nodes.keys()].sort()).toEqual([...published.nodes.keys()].sort());
      expect(ours.edges).toEqual(published.edges);
      const leftToRight = /rankdir\s*=\s*"?(LR|RL)/.test(dotOf(entry.fileName));
      expect(ranks(ours.nodes, leftToRight)).toEqual(ranks(published.nodes, leftToRight));
      if (!ORDER_WITHIN_RANK_DIFFERS.has(entry.fileName)) expect(readingOrder(ours.nodes)).toEqual(readingOrder(published.nodes));
      else expect(readingOrder(ours.nodes)).not.toEqual(readingOrder(published.nodes)); // so the list stays honest
    });
  }

  for (const entry of entries) {
    it(`${entry.fileName}: renders without errors`, () => {
      const dot = entry.tex ? quoteTexLabels(dotOf(entry.fileName)).dot : dotOf(entry.fileName);
      const result = renderer.render(dot, { engine: entry.engine, idPrefix: 'g1-', title: entry.caption });
      expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
      expect(result.svg).toMatch(/^<svg [^>]*role="img"/);
      expect(result.svg).not.toContain('mlpost-graph-error');
    });
  }
});

describe('the seed graph rnn_intro_g1', () => {
  it('draws X₁ … X_T in one row left to right, each O box under its X', () => {
    const { nodes } = geometryOf(layoutWithCjk(engine.layout, dotOf('rnn_intro_g1'), 'dot').svg!);
    const xs = ['x1', 'x2', 'x_', 'xt'].map((name) => nodes.get(name)!);
    const os = ['o1', 'o2', 'o_', 'ot'].map((name) => nodes.get(name)!);
    for (const x of xs) expect(x.y).toBeCloseTo(xs[0]!.y, 1);
    for (let i = 1; i < xs.length; i++) expect(xs[i]!.x).toBeGreaterThan(xs[i - 1]!.x + 100);
    for (let i = 0; i < os.length; i++) {
      expect(os[i]!.x).toBeCloseTo(xs[i]!.x, 1);
      expect(os[i]!.y).toBeGreaterThan(xs[i]!.y + 100); // SVG y grows downwards
    }
    // Published (2.40.1, real fonts): 506 × 239 pt. Ours with 1 em CJK: 500 × 239 pt.
    const svg = layoutWithCjk(engine.layout, dotOf('rnn_intro_g1'), 'dot').svg!;
    expect(svg).toContain('width="500pt" height="239pt"');
  });

  it('leaves room for the 56 pt label 状态转移 between neighbouring X circles', () => {
    const { nodes } = geometryOf(layoutWithCjk(engine.layout, dotOf('rnn_intro_g1'), 'dot').svg!);
    const [x1, x2] = [nodes.get('x1')!, nodes.get('x2')!];
    const gap = x2.x - x2.width / 2 - (x1.x + x1.width / 2);
    expect(gap).toBeGreaterThanOrEqual(56);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canWidenCjk, restoreCjk, widenCjk } from '../../src/graph/cjk-width.js';
import { loadVizEngine, type LayoutEngine } from '../../src/graph/engine.js';
import { layoutWithCjk } from '../../src/graph/renderer.js';
import { geometryOf } from './svg-geometry.js';

let engine: LayoutEngine;
beforeAll(async () => {
  engine = await loadVizEngine();
});

const cjkText = fc.array(fc.integer({ min: 0x4e00, max: 0x9fff }).map((code) => String.fromCharCode(code)), { minLength: 1, maxLength: 12 }).map((chars) => chars.join(''));

describe('widenCjk / restoreCjk', () => {
  it('maps each wide character to one 4-byte stand-in and back, keeping lines', () => {
    expect(widenCjk('状态')).toBe('\u{F72B6}\u{F6001}');
    expect(restoreCjk(widenCjk('a [label="状态，转移"]\nb'))).toBe('a [label="状态，转移"]\nb');
    expect(widenCjk('&#29366;&#x6001;&#233;')).toBe('\u{F72B6}\u{F6001}&#233;');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }).filter((text) => !text.includes('&#') && canWidenCjk(text)), (text) => {
        const widened = widenCjk(text);
        return restoreCjk(widened) === text && widened.split('\n').length === text.split('\n').length;
      }),
    );
  });

  it('refuses text that already holds the private stand-ins', () => {
    expect(canWidenCjk('\u{F0041}')).toBe(false);
    expect(canWidenCjk('状态')).toBe(true);
  });
});

describe('CJK labels fit', () => {
  it('sizes 状态转移 56 pt (1 em per character at 14 pt), with no margin', () => {
    const svg = layoutWithCjk(engine.layout, 'digraph { node [shape=box, margin=0, width=0, height=0]; a [label="状态转移"] }', 'dot').svg!;
    const box = geometryOf(svg).nodes.get('a')!;
    expect(box.width).toBeGreaterThanOrEqual(56);
    expect(box.width).toBeLessThan(60);
    // Without the fix Graphviz would give it 42 pt:
    const narrow = geometryOf(engine.layout('digraph { node [shape=box, margin=0, width=0, height=0]; a [label="状态转移"] }', 'dot').svg!).nodes.get('a')!;
    expect(narrow.width).toBeLessThan(45);
  });

  it('makes room for a CJK edge label between its nodes (rankdir=LR)', () => {
    const svg = layoutWithCjk(engine.layout, 'digraph { rankdir=LR; nodesep=0; ranksep=0; a -> b [label="状态转移状态转移"] }', 'dot').svg!;
    const { nodes } = geometryOf(svg);
    const [a, b] = [nodes.get('a')!, nodes.get('b')!];
    expect(b.x - b.width / 2 - (a.x + a.width / 2)).toBeGreaterThanOrEqual(8 * 14);
  });

  it('keeps any CJK label inside its box and ellipse (property)', () => {
    fc.assert(
      fc.property(cjkText, fc.constantFrom('box', 'ellipse', 'circle'), fc.integer({ min: 8, max: 24 }), (label, shape, size) => {
        const svg = layoutWithCjk(engine.layout, `digraph { n [shape=${shape}, fontsize=${size}, label="${label}"] }`, 'dot').svg!;
        const box = geometryOf(svg).nodes.get('n')!;
        const textWidth = label.length * size;
        return box.width >= textWidth;
      }),
      { numRuns: 40 },
    );
  });
});

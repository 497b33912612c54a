import { describe, expect, it } from 'vitest';
import { createGraphRenderer } from '../../src/graph/index.js';

describe('X11 colour names', () => {
  it('writes the X11 value for names CSS reads differently (green, gray, maroon, purple), as native Graphviz did', async () => {
    const renderer = await createGraphRenderer({ spare: false });
    const { svg } = renderer.render('digraph { a [color=green, fillcolor=gray, style=filled]; b [color=purple]; a -> b [color=maroon] }', { idPrefix: 'g1-' });
    expect(svg).toContain('stroke="#00ff00"');
    expect(svg).toContain('fill="#bebebe"');
    expect(svg).toContain('stroke="#a020f0"');
    expect(svg).toContain('stroke="#b03060"');
    expect(svg).not.toMatch(/"(green|gray|purple|maroon)"/);
  });
});

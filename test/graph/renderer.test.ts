import { beforeAll, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { createGraphRenderer, type GraphRenderer, type GraphResult } from '../../src/graph/renderer.js';
import { rememberingRenderer } from '../../src/graph/remembering-renderer.js';
import { loadVizEngine, PINNED_GRAPHVIZ_BUILD, type LayoutEngine } from '../../src/graph/engine.js';
import { isSafeUrl } from '../../src/graph/svg-polish.js';

let renderer: GraphRenderer;
beforeAll(async () => {
  renderer = await createGraphRenderer();
});

const CLUSTERED = `digraph G {
  subgraph cluster_0 { a [style=filled, fillcolor="red:blue"]; b [color=red] }
  subgraph cluster_1 { c [style=filled] }
  a -> c; b -> c [color=black]
  label="Two clusters";
}`;

function ids(svg: string): string[] {
  return [...svg.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!);
}

describe('render', () => {
  it('is pinned to viz-js 3.3.1 / Graphviz 9.0.0 and deterministic', () => {
    expect(renderer.build).toBe('@viz-js/viz 3.3.1 / Graphviz 9.0.0');
    // Cached graphs are looked up under this name before Graphviz loads.
    expect(renderer.build).toBe(PINNED_GRAPHVIZ_BUILD);
    const first = renderer.render(CLUSTERED, { idPrefix: 'g1-' });
    expect(renderer.render(CLUSTERED, { idPrefix: 'g1-' })).toEqual(first);
  });

  it('returns a small themable SVG: no prologue, comments, titles or automatic ids', () => {
    const { svg, problems } = renderer.render(CLUSTERED, { idPrefix: 'g1-' });
    expect(problems).toEqual([]);
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg).not.toMatch(/<\?xml|<!--|<!DOCTYPE|<title>|id="(node|edge|clust|graph)\d/);
    expect(svg).not.toContain('stroke="black"');
    expect(svg).not.toContain('fill="white"');
    expect(svg).toContain('stroke="currentColor"');
    expect(svg).toContain('stroke="red"'); // author colours stay (b's outline)
    expect(svg).toMatch(/<linearGradient id="g1-node1_l_0"[^>]*>.*stop-color:red.*stop-color:blue/);
    expect(svg).toContain('style="fill:var(--mlpost-graph-fill,lightgrey)"'); // default fill of style=filled
    expect(svg).toContain('transform="translate(4 ');
  });

  it('names the SVG for assistive technology: the title, else the graph label', () => {
    expect(renderer.render(CLUSTERED, { idPrefix: 'g1-', title: '隐马尔可夫链' }).svg).toMatch(/^<svg [^>]*role="img" aria-label="隐马尔可夫链"/);
    expect(renderer.render(CLUSTERED, { idPrefix: 'g1-' }).svg).toContain('aria-label="Two clusters"');
    expect(renderer.render('digraph { a }', { idPrefix: 'g1-' }).svg).toContain('aria-label="Graph"');
  });

  it('prefixes every id that stays and every reference to it', () => {
    const one = renderer.render(CLUSTERED, { idPrefix: 'g1-' }).svg;
    const two = renderer.render(CLUSTERED, { idPrefix: 'g2-' }).svg;
    const all = [...ids(one), ...ids(two)];
    expect(all.length).toBeGreaterThan(0); // the gradient
    expect(new Set(all).size).toBe(all.length);
    for (const svg of [one, two]) {
      const defined = new Set(ids(svg));
      for (const match of svg.matchAll(/url\(#([^)]+)\)|href="#([^"]+)"/g)) expect(defined.has(match[1] ?? match[2]!)).toBe(true);
    }
    // Author ids (and links to them) are kept, prefixed.
    const linked = renderer.render('digraph { a [id=start]; b [URL="#start"] }', { idPrefix: 'g3-' }).svg;
    expect(linked).toContain('id="g3-start"');
    expect(linked).toContain('href="#g3-start"');
  });

  it('removes script URLs with a warning at their DOT line and keeps safe links', () => {
    const dot = 'digraph {\n  a [URL="javascript:alert(1)"]\n  b [href="https://example.org/x"]\n  c [URL=" JaVa\tScRiPt:x"]\n  d [URL="data:text/html,<b>"]\n}';
    const { svg, problems } = renderer.render(dot, { idPrefix: 'g1-' });
    expect(svg).not.toMatch(/javascript|data:text/i);
    expect(svg).toContain('href="https://example.org/x"');
    expect(problems.map((problem) => [problem.ruleId, problem.line])).toEqual([
      ['graph-unsafe-url', 2],
      ['graph-unsafe-url', 4],
      ['graph-unsafe-url', 5],
    ]);
  });

  it('escapes author text', () => {
    const { svg } = renderer.render('digraph { a [label="<script>&amp;\\"x"] }', { idPrefix: 'g1-' });
    expect(svg).not.toContain('<script>');
    const tree = fromHtml(svg, { fragment: true, space: 'svg' });
    expect(JSON.stringify(tree)).toContain('<script>&\\"x');
  });
});

describe('render: problems and errors', () => {
  it('reports a syntax error at its DOT line with a visible error box', () => {
    const { svg, problems } = renderer.render('digraph {\n  a -> b\n  c -> ;\n}', { idPrefix: 'g1-' });
    expect(problems).toEqual([{ severity: 'error', message: "Graphviz: syntax error in line 3 near ';'", line: 3, ruleId: 'graph-syntax' }]);
    expect(svg).toContain('class="mlpost-graph-error"');
    expect(svg).toContain('Graph not drawn:');
    expect(svg).toContain('line 3: Graphviz: syntax error in line 3 near');
  });

  it('points an unterminated string at the line where it starts', () => {
    const { problems } = renderer.render('digraph {\n  a [label="open\n  ]\n  b\n}', { idPrefix: 'g1-' });
    expect(problems[0]).toMatchObject({ severity: 'error', line: 2, ruleId: 'graph-syntax' });
  });

  it('passes Graphviz warnings on, once each, without the CJK width noise', () => {
    const { problems } = renderer.render('digraph { splines=ortho; a -> b [label="状态"]; b -> c [label="转移"] }', { idPrefix: 'g1-' });
    expect(problems).toEqual([{ severity: 'warning', message: 'Graphviz: Orthogonal edges do not currently handle edge labels. Try using xlabels.', ruleId: 'graph-warning' }]);
  });

  it('uses the chosen layout engine and warns about unknown ones', () => {
    const star = 'graph { A -- 1; A -- 2; A -- 3 }';
    for (const engine of ['dot', 'neato', 'fdp', 'sfdp', 'circo', 'twopi', 'osage', 'patchwork']) {
      const result = renderer.render(star, { engine, idPrefix: 'g1-' });
      expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
      expect(result.svg).toContain('role="img"');
    }
    expect(renderer.render(star, { engine: 'neato', idPrefix: 'g1-' }).svg).not.toBe(renderer.render(star, { idPrefix: 'g1-' }).svg);
    const unknown = renderer.render(star, { engine: 'nop3', idPrefix: 'g1-' });
    expect(unknown.problems).toMatchObject([{ severity: 'warning', ruleId: 'graph-engine-unknown' }]);
    expect(unknown.svg).toBe(renderer.render(star, { idPrefix: 'g1-' }).svg);
  });

  it('rejects an id prefix that would make invalid ids', () => {
    expect(() => renderer.render('digraph{}', { idPrefix: '1 x' })).toThrow(TypeError);
  });
});

describe('crash recovery', () => {
  /** A real engine that crashes (like an aborted WASM module) on graphs containing CRASH, and stays broken afterwards. */
  async function crashingEngine(): Promise<LayoutEngine> {
    const real = await loadVizEngine();
    let broken = false;
    return {
      build: real.build,
      engines: real.engines,
      resetsState: real.resetsState,
      layout(dot, engine) {
        if (broken || dot.includes('CRASH')) {
          broken = true;
          throw Object.assign(new Error('unreachable'), { name: 'RuntimeError' });
        }
        return real.layout(dot, engine);
      },
    };
  }

  it('swaps in the spare instance and keeps rendering', async () => {
    const crashing = await createGraphRenderer({ loadEngine: crashingEngine });
    expect(crashing.render('digraph { a }', { idPrefix: 'g1-' }).problems).toEqual([]);
    const crashed = crashing.render('digraph { CRASH }', { idPrefix: 'g1-' });
    expect(crashed.problems).toMatchObject([{ severity: 'error', ruleId: 'graph-layout', transient: true }]);
    expect(crashed.problems[0]!.message).toContain('Graphviz crashed on this graph (unreachable)');

    expect(crashed.svg).toContain('mlpost-graph-error');
    // Both instances died on that graph; the next graph waits for a reload.
    await crashing.idle();
    const after = crashing.render('digraph { a -> b }', { idPrefix: 'g1-' });
    expect(after.problems).toEqual([]);
    expect(crashing.stats.crashes).toBe(2);
  });

  it('recovers within the same synchronous pass when only the active instance is broken', async () => {
    let loads = 0;
    const crashing = await createGraphRenderer({
      loadEngine: async () => {
        loads++;
        const engine = await crashingEngine();
        if (loads === 1) return { ...engine, layout: () => { throw Object.assign(new Error('memory access out of bounds'), { name: 'RuntimeError' }); } };
        return engine;
      },
    });
    const result = crashing.render('digraph { a -> b }', { idPrefix: 'g1-' });
    expect(result.problems).toEqual([]);
    expect(result.svg).toContain('role="img"');
    expect(crashing.stats.crashes).toBe(1);
    await crashing.idle();
  });
});

describe('rememberingRenderer', () => {
  it('remembers drawings and errors of the graph, never a failure of the engine', () => {
    const results: GraphResult[] = [
      { svg: '<svg>1</svg>', problems: [] },
      { svg: '<svg>box</svg>', problems: [{ severity: 'error', message: 'Graphviz crashed on this graph (x)', ruleId: 'graph-layout', transient: true }] },
      { svg: '<svg>2</svg>', problems: [] },
      { svg: '<svg>box</svg>', problems: [{ severity: 'error', message: 'Graphviz: syntax error in line 1', ruleId: 'graph-syntax', line: 1 }] },
    ];
    let calls = 0;
    const inner: GraphRenderer = { build: 'b', version: 'v', loadMs: 0, stats: { renders: 0, crashes: 0 }, idle: async () => undefined, render: () => results[calls++]! };
    const remembering = rememberingRenderer(inner);
    const draw = (dot: string) => remembering.render(dot, { idPrefix: 'g1-' });
    expect(draw('a').svg).toBe('<svg>1</svg>');
    expect(draw('a').svg).toBe('<svg>1</svg>');
    expect(draw('b').problems[0]!.transient).toBe(true);
    expect(draw('b').svg).toBe('<svg>2</svg>');
    expect(draw('c').problems[0]!.ruleId).toBe('graph-syntax');
    expect(draw('c').problems[0]!.ruleId).toBe('graph-syntax');
    expect(calls).toBe(4);
  });
});

describe('isSafeUrl', () => {
  it('allows web links, mail, relative and fragment links only', () => {
    for (const url of ['https://a.b', 'http://a', 'mailto:x@y', '#top', 'page.html', '../x', '/abs', '?q=1']) expect(isSafeUrl(url)).toBe(true);
    for (const url of ['javascript:x', ' JAVASCRIPT:x', 'java\nscript:x', 'vbscript:x', 'data:text/html,x', 'file:///etc/passwd']) expect(isSafeUrl(url)).toBe(false);
  });
});

describe('determinism', () => {
  it('draws a graph the same whatever was drawn before (Graphviz orders clusters by heap address)', async () => {
    const engine = await loadVizEngine();
    expect(engine.resetsState).toBe(true);
    const clusters = 'digraph { subgraph cluster0 { a } subgraph cluster1 { b } subgraph cluster2 { c } a -> b -> c }';
    const busy = 'digraph { subgraph cluster_x { p -> q } subgraph cluster_y { r -> s } p -> s; label="busy" }';
    const first = engine.layout(clusters, 'dot').svg;
    for (let i = 0; i < 5; i++) {
      engine.layout(busy, 'dot');
      expect(engine.layout(clusters, 'dot').svg).toBe(first);
    }
    expect((await loadVizEngine()).layout(clusters, 'dot').svg).toBe(first);
  });
});

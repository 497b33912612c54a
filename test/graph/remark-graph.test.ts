import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import { DiskCache } from '../../src/cache/disk-cache.js';
import { formatMessage } from '../../src/diagnostics.js';
import { createGraphRenderer, type GraphRenderer } from '../../src/graph/renderer.js';
import { remarkGraph, remarkGraphLazy } from '../../src/graph/remark-graph.js';

const posts = join(import.meta.dirname, '../../fixtures/graphs/posts');
let renderer: GraphRenderer;
let cacheDir: string;
beforeAll(async () => {
  renderer = await createGraphRenderer();
  cacheDir = mkdtempSync(join(tmpdir(), 'mlpost-graph-cache-'));
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

function render(markdown: string, cache?: DiskCache, path = 'post.md') {
  const file = new VFile({ path, value: markdown });
  const processor = unified().use(remarkParse).use(remarkGraph, { renderer, cache }).use(remarkRehype).use(rehypeStringify, { closeEmptyElements: true });
  const html = String(processor.processSync(file));
  return { html, file, messages: file.messages.map((message) => formatMessage(message)) };
}

const fence = (info: string, dot: string) => '```' + info + '\n' + dot + '\n```\n';

describe('remarkGraph: fences', () => {
  it('turns {.graph …}, ```dot and ```graphviz fences into figures and leaves other code alone', () => {
    const markdown = [
      fence('{.graph .center caption="隐马尔可夫链" fileName="hmm" #fig-hmm startFrom="1" .numberLines}', 'digraph { a -> b }'),
      fence('dot', 'digraph { c }'),
      fence('graphviz', 'graph { d -- e }'),
      fence('python', 'print(1)'),
      '    ```{.graph caption="literal"}\n    digraph { x }\n    ```\n',
    ].join('\n');
    const { html, file, messages } = render(markdown);
    expect(messages).toEqual([]);
    expect(html.match(/<figure/g)).toHaveLength(3);
    expect(html).toContain('<figure class="mlpost-graph center numberLines" data-start-from="1" id="fig-hmm"><svg ');
    expect(html).toContain('<figcaption>隐马尔可夫链</figcaption></figure>');
    expect(html).toContain('aria-label="隐马尔可夫链"');
    expect(html).toContain('<code class="language-python">print(1)');
    expect(html).toContain('```{.graph caption="literal"}'); // the indented example stays code
    expect(file.data.mlpostGraphCount).toBe(3);
    expect(file.data.mlpost?.assets.map((asset) => asset.path)).toEqual(['hmm.svg']);
    const asset = String(file.data.mlpost!.assets[0]!.contents);
    expect(asset.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    expect(asset).toContain('xmlns="http://www.w3.org/2000/svg"');
  });

  it('picks the layout engine with prog= or engine=', () => {
    const star = 'graph { A -- 1; A -- 2; A -- 3; A -- 4 }';
    const dot = render(fence('{.graph}', star)).html;
    expect(render(fence('{.graph prog=neato}', star)).html).not.toBe(dot);
    expect(render(fence('{.graph engine=neato}', star)).html).toBe(render(fence('{.graph prog=neato}', star)).html);
  });

  it('rejects a fileName that leaves the page folder', () => {
    for (const name of ['../x', '/etc/x', 'a/b', 'a\\\\b', '..']) {
      const { file, messages } = render(fence(`{.graph fileName="${name}"}`, 'digraph { a }'));
      expect(file.data.mlpost?.assets ?? []).toEqual([]);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/^post\.md:1:1: error: fileName .* no SVG file is written \[graph-file-name\]$/);
    }
  });

  it('gives every graph of a page its own ids, clusters and gradients included', () => {
    const dot = 'digraph { subgraph cluster_a { a [id=a, style=filled, fillcolor="red:blue"] } b [URL="#a"] }';
    const { html } = render([fence('{.graph}', dot), fence('{.graph}', dot), fence('dot', dot)].join('\n'));
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!);
    expect(ids).toEqual(['g1-a', 'g1-a_l_0', 'g2-a', 'g2-a_l_0', 'g3-a', 'g3-a_l_0']);
    for (const match of html.matchAll(/url\(#([^)]+)\)|href="#([^"]+)"/g)) expect(ids).toContain(match[1] ?? match[2]);
  });
});

describe('remarkGraph: problems at the author\'s line', () => {
  it('reports a DOT error at fence line + DOT line, shows an error box and renders the rest', () => {
    const before = Array.from({ length: 39 }, (_, i) => `line ${i + 1}\n`).join('');
    const markdown = `${before}${fence('{.graph caption="broken"}', 'digraph {\n  a -> b\n  c -> ;\n}')}\n${fence('dot', 'digraph { ok }')}`;
    const { html, messages } = render(markdown);
    expect(messages).toEqual(["post.md:43:1: error: Graphviz: syntax error in line 3 near ';' [graph-syntax]"]);
    expect(html).toContain('<figure class="mlpost-graph mlpost-graph-failed"><svg ');
    expect(html).toContain('class="mlpost-graph-error"');
    expect(html).toContain('<figcaption>broken</figcaption>');
    expect(html.match(/role="img"/g)).toHaveLength(2); // the second graph is drawn
  });

  it('passes Graphviz warnings on at the fence', () => {
    const { messages } = render(`text\n\n${fence('{.graph}', 'digraph { splines=ortho; a -> b [label="x"] }')}`);
    expect(messages).toEqual(['post.md:3:1: warning: Graphviz: Orthogonal edges do not currently handle edge labels. Try using xlabels. [graph-warning]']);
  });

  it('reports fence attribute problems at their column', () => {
    const { messages } = render(fence('{.graph caption="a" caption="b"}', 'digraph { a }'));
    expect(messages).toEqual(['post.md:1:24: warning: attribute `caption` is given twice (`a`, then `b`); the last value is used [fence-attribute-duplicate]']);
  });

  it('draws latex="true" graphs with raw TeX labels and one warning', () => {
    const dot = 'digraph {\n  $v_1$(2) -> $v_2$ [label=$\\sqrt{2}$(9)]\n  a [label="$x$ stays"]\n}';
    const { html, messages } = render(fence('{.graph latex="true" caption="TeX"}', dot));
    expect(messages).toEqual(['post.md:1:1: warning: latex="true": 3 TeX labels are drawn as raw text; mlpost does not typeset TeX inside graphs [graph-tex-label]']);
    expect(html).toContain('>$v_1$</text>');
    expect(html).toContain('>$\\sqrt{2}$</text>');
    expect(html).toContain('>$x$ stays</text>');
    expect(html).toContain('data-latex="true"');
  });
});

describe('remarkGraph: pages of the corpus', () => {
  it('renders the seed page: the HMM chain, captioned, centred, with its SVG file', () => {
    const { html, file, messages } = render(readFileSync(join(posts, 'rnn_intro.md'), 'utf8'), undefined, 'rnn_intro.md');
    expect(messages).toEqual(['rnn_intro.md:51:1: warning: Graphviz: Orthogonal edges do not currently handle edge labels. Try using xlabels. [graph-warning]']);
    expect(html).toMatch(/<figure class="mlpost-graph center"><svg width="500pt" height="239pt"[^>]*aria-label="隐马尔可夫链"/);
    expect(html.match(/>状态转移<\/text>/g)).toHaveLength(3);
    expect(html).toContain('<figcaption>隐马尔可夫链</figcaption>');
    expect(file.data.mlpost?.assets.map((asset) => asset.path)).toEqual(['rnn_intro_g1.svg']);
  });

  it('renders all 17 graphs of graphviz.md, byte-identical on every run and from the cache', () => {
    const markdown = readFileSync(join(posts, 'graphviz.md'), 'utf8');
    const first = render(markdown, undefined, 'graphviz.md');
    expect(first.html.match(/<figure class="mlpost-graph/g)).toHaveLength(17);
    expect(first.html).not.toContain('mlpost-graph-failed');
    expect(first.messages).toEqual(['graphviz.md:593:1: warning: latex="true": 10 TeX labels are drawn as raw text; mlpost does not typeset TeX inside graphs [graph-tex-label]']);
    expect(first.file.data.mlpost?.assets).toHaveLength(17);
    expect(render(markdown, undefined, 'graphviz.md').html).toBe(first.html);

    const cache = new DiskCache(cacheDir);
    const cold = render(markdown, cache, 'graphviz.md');
    expect(cold.html).toBe(first.html);
    expect(cache.stats.writes).toBe(17);
    const rendersBefore = renderer.stats.renders;
    const warm = render(markdown, new DiskCache(cacheDir), 'graphviz.md');
    expect(renderer.stats.renders).toBe(rendersBefore); // nothing laid out again
    expect(warm.html).toBe(first.html);
    expect(warm.messages).toEqual(first.messages);
  });
});

describe('remarkGraphLazy: Graphviz only for graphs the cache lacks', () => {
  async function renderLazy(markdown: string, cache: DiskCache, loads: { count: number }) {
    const file = new VFile({ path: 'graphviz.md', value: markdown });
    const loadRenderer = async () => {
      loads.count++;
      return renderer;
    };
    const processor = unified().use(remarkParse).use(remarkGraphLazy, { loadRenderer, build: renderer.build, version: renderer.version, cache }).use(remarkRehype).use(rehypeStringify, { closeEmptyElements: true });
    const html = String(await processor.process(file));
    return { html, messages: file.messages.map((message) => formatMessage(message)) };
  }

  it('loads no renderer for a post without graphs, or whose graphs are all cached, and draws the same page', async () => {
    const markdown = readFileSync(join(posts, 'graphviz.md'), 'utf8');
    const eager = render(markdown, undefined, 'graphviz.md');
    const folder = mkdtempSync(join(tmpdir(), 'mlpost-graph-lazy-'));
    try {
      const loads = { count: 0 };
      await renderLazy('# No graphs\n\n```js\nlet x = 1;\n```\n', new DiskCache(folder), loads);
      expect(loads.count).toBe(0);

      const cold = await renderLazy(markdown, new DiskCache(folder), loads);
      expect(loads.count).toBe(1);
      expect(cold.html).toBe(eager.html);
      expect(cold.messages).toEqual(eager.messages);

      const warm = await renderLazy(markdown, new DiskCache(folder), loads);
      expect(loads.count).toBe(1); // every graph came from the cache
      expect(warm.html).toBe(eager.html);
      expect(warm.messages).toEqual(eager.messages);

      // One graph edited: the renderer loads, the other 16 still come from the cache.
      const edited = markdown.replace('\ndigraph G {', '\ndigraph H {');
      const rendersBefore = renderer.stats.renders;
      await renderLazy(edited, new DiskCache(folder), loads);
      expect(loads.count).toBe(2);
      expect(renderer.stats.renders - rendersBefore).toBe(1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('stays synchronous when it needs no renderer, so processSync works (Hexo renders tag bodies that way)', () => {
    const loadRenderer = () => Promise.reject(new Error('not needed'));
    const processor = unified().use(remarkParse).use(remarkGraphLazy, { loadRenderer, build: renderer.build, version: renderer.version }).use(remarkRehype).use(rehypeStringify);
    expect(String(processor.processSync('# No graphs\n\ntext\n'))).toBe('<h1>No graphs</h1>\n<p>text</p>');
  });
});

/**
 * hexo-renderer-mlpost in a Hexo 8 blog with NexT (dark mode on) and hexo-math: the example
 * posts build, NexT's own tags (`note`, `tabs`) inside an mlpost post still work (their
 * bodies render through mlpost synchronously, sharing the post's equation numbers, labels
 * and macros; a cell there is refused with an error at its line), hexo-math gets its
 * `{% mathjax %}` bodies as written, tags neither NexT nor a plugin has are mlpost's, and
 * mlpost's colours follow NexT into dark mode. One blog, built cold and then warm.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Visit } from '../browser/site-visit.js';
import { expectFiguresDrawn, expectPagesLoaded, figureLayout, openThemeSession, schemeColours, visitPages, type ThemeSession } from '../browser/theme-pages.js';
import { blogPosts, cellSummary, cliDiagnostics, exampleCellFences, hexo, loggedDiagnostics, makeHexoBlog, publicHtml, recordTimes, textOf, type HexoRun } from './hexo-blog.js';
import { removeSite } from './site.js';

describe('hexo-renderer-mlpost with NexT (real hexo generate)', () => {
  let blog: string;
  let cold: HexoRun;
  let warm: HexoRun;
  const page = (path: string) => readFileSync(join(blog, 'public', path), 'utf8');
  let session: ThemeSession | undefined;
  let visits: Visit[] = [];

  beforeAll(async () => {
    blog = makeHexoBlog({
      theme: 'next',
      // hexo-math as a blog with math tags has it: its `{% mathjax %}` bodies must reach it whole.
      plugins: ['hexo-math'],
      files: { ...blogPosts(['diagnostics.md', 'asset-post.md', 'asset-post/dot.svg']), '_config.next.yml': 'darkmode: true\nscheme: Muse\n# The probes read the page right after load, before NexT\'s motion would reveal it.\nmotion:\n  enable: false\n' },
    });
    cold = hexo(blog, ['generate']);
    if (cold.status !== 0) throw new Error(`hexo generate failed (${cold.status}):\n${cold.log}`);
    hexo(blog, ['clean']);
    warm = hexo(blog, ['generate']);
    recordTimes('hexo-next', { cold: cold.ms, afterClean: warm.ms });
    session = await openThemeSession(join(blog, 'public'));
    visits = await visitPages(session, ['/', '/rnn_intro/', '/feature-tour/', '/live-hmm-rnn/', '/next-tags/']);
  }, 300_000);
  afterAll(async () => {
    await session?.close();
    if (blog) removeSite(blog);
  });

  it('builds the example posts with a plain hexo generate, cells once', () => {
    for (const run of [cold, warm]) {
      expect(run.status).toBe(0);
      expect(run.log).not.toMatch(/finished async|FATAL|Unhandled rejection|Plugin load failed/);
    }
    const fences = exampleCellFences();
    expect(cellSummary(cold)).toBe(`${fences} run, 0 from the cache, 0 failed`);
    expect(cellSummary(warm)).toBe(`0 run, ${fences} from the cache, 0 failed`);
  });

  it("keeps NexT's note and tabs working inside an mlpost post, their bodies rendered by mlpost", () => {
    const post = page('next-tags/index.html');
    expect(post).toMatch(/<div class="note info"><p>A NexT note whose body NexT renders through mlpost: math <span class="katex">[\s\S]*? and <strong>bold<\/strong>\.<\/p>/);
    expect(post).toMatch(/<div class="tabs" id="languages">/);
    expect(post).toMatch(/<div class="tab-pane active" id="languages-1"><figure class="highlight python">/);
    expect(post).toMatch(/Math in a tab: <span class="katex">/);
    expect(post).toMatch(/<figure class="mlpost-graph[^"]*"[^>]*>[\s\S]*?<svg/);
  });

  it('refuses a cell inside a note (rendered synchronously) with an error at its line and a box in the page', () => {
    expect(cold.log).toMatch(
      /ERROR\s+source\/_posts\/next-tags\.md:30:1: error: hmm: this cell is inside a tag whose body Hexo renders synchronously .* move it out of the tag \[cell-in-sync-render\]/,
    );
    expect(page('next-tags/index.html')).toMatch(/<div class="note warning">[\s\S]*?<div class="mlpost-error" role="alert">hmm: this cell is inside a tag/);
  });

  it('hands hexo-math and Hexo\'s codeblock their bodies as written, and no sentinel reaches any page', () => {
    const tags = page('hexo-tags/index.html');
    // hexo-math typeset `\begin{aligned}…` (a MathJax table), not `\begin\uFDD0aligned}` (an error).
    expect(tags).toMatch(/<mjx-container class="MathJax" jax="SVG"[^>]*><svg[\s\S]*?data-mml-node="mtable"/);
    expect(tags).not.toContain('data-mml-node="merror"');
    const code = textOf(/<figure class="highlight bash">[\s\S]*?<\/figure>/.exec(tags)?.[0] ?? '');
    expect(code).toContain('echo "${HOME}/${USER}"');
    for (const [path, html] of publicHtml(blog)) expect(html, path).not.toMatch(/[\uFDD0\uFDD1]/);
  });

  it("leaves NexT's note to NexT and renders the tags it lacks itself; a tag nobody knows is a warning at the author's line, as from the CLI", () => {
    const tags = page('hexo-tags/index.html');
    expect(tags).toContain('<div class="note info"><p>A note, rendered by the theme where it has notes:');
    expect(tags).toMatch(/<details class="mlpost-fold[^"]*"><summary>A fold neither theme has<\/summary>/);
    expect(textOf(/<code class="mlpost-unknown-tag" data-tag="cb">.*?<\/code>/.exec(tags)?.[0] ?? '')).toBe('{% cb done, true %}');
    expect(loggedDiagnostics(cold, 'hexo-tags.md')).toEqual(cliDiagnostics('hexo-tags.md', join(blog, 'cli-tags')));
  });

  it("shares the post's math with NexT's note: numbers run on, references cross both ways, the post's macros hold inside", () => {
    const tags = page('hexo-tags/index.html');
    expect([...tags.matchAll(/<annotation encoding="application\/x-tex">\s*(\w) = \w \\tag\{(\d)\}/g)].map((match) => `${match[1]}${match[2]}`)).toEqual(['u1', 'w2', 'p3']);
    expect([...tags.matchAll(/<a class="mlpost-eqref" href="#eq-eq:([\w-]+)">\((\d)\)<\/a>/g)].map((match) => `${match[1]}${match[2]}`)).toEqual(['before-note1', 'after-note3', 'in-note2']);
    const note = /<div class="note info">[\s\S]*?<\/div>/.exec(tags)?.[0] ?? '';
    expect(note).toContain('<annotation encoding="application/x-tex">y \\in \\RR</annotation>');
    expect(note).toContain('<span class="mord mathbb">R</span>');
    expect(note).toContain('<span id="eq-eq:in-note" class="mlpost-eq-anchor"></span>');
  });

  it("writes mlpost's colours for NexT's dark mode (prefers-color-scheme)", () => {
    expect(page('mlpost/mlpost.css')).toMatch(/@media \(prefers-color-scheme: dark\) \{\n {2}:root \{\n {4}--mlpost-rule: #30363d;/);
  });

  describe('in Chromium', () => {
    it('loads every page without console errors or missing files', () => expectPagesLoaded(visits));

    it("lays out every formula in KaTeX's fonts, draws graphs and cell charts", () => expectFiguresDrawn(visits));

    it("keeps each figure's caption under its content, also where NexT wraps a cell's table (light and dark)", async () => {
      for (const scheme of ['light', 'dark'] as const) {
        const layout = await figureLayout(session!, '/live-hmm-rnn/', scheme);
        expect(layout.cells, scheme).toBeGreaterThan(10);
        expect(layout.overlaps, scheme).toEqual([]);
      }
    });

    it('follows NexT into dark mode: dark page, mlpost dark colours, graphs in the text colour', async () => {
      const light = await schemeColours(session!, '/rnn_intro/', 'light');
      const dark = await schemeColours(session!, '/rnn_intro/', 'dark');
      expect(light.graphFill).toBe('#e4e7eb');
      expect(dark.graphFill).toBe('#3a424c');
      expect(dark.background).not.toBe(light.background);
      expect(dark.graphText).toBe(dark.text);
      expect(light.graphText).toBe(light.text);
    });
  });
});

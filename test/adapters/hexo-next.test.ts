/**
 * hexo-renderer-mlpost in a Hexo 8 blog with NexT (dark mode on): the example posts build,
 * NexT's own tags (`note`, `tabs`) inside an mlpost post still work (their bodies render
 * through mlpost synchronously; a cell there is refused with an error at its line), and
 * mlpost's colours follow NexT into dark mode. One blog, built cold and then warm.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Visit } from '../browser/site-visit.js';
import { countsOf, openThemeSession, problemsOf, schemeColours, visitPages, type ThemeSession } from '../browser/theme-pages.js';
import { blogPosts, cellSummary, exampleCellFences, hexo, makeHexoBlog, recordTimes, type HexoRun } from './hexo-blog.js';
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

  it("writes mlpost's colours for NexT's dark mode (prefers-color-scheme)", () => {
    expect(page('mlpost/mlpost.css')).toMatch(/@media \(prefers-color-scheme: dark\) \{\n {2}:root \{\n {4}--mlpost-rule: #30363d;/);
  });

  describe('in Chromium', () => {
    it('loads every page without console errors or missing files', () => {
      const problems = problemsOf(visits);
      expect(problems.status).toEqual([]);
      expect(problems.console).toEqual([]);
      expect(problems.requests).toEqual([]);
    });

    it("lays out every formula in KaTeX's fonts, draws graphs and cell charts", () => {
      const problems = problemsOf(visits);
      expect(problems.katex).toEqual([]);
      expect(problems.graphs).toEqual([]);
      expect(problems.charts).toEqual([]);
      expect(problems.textCut).toEqual([]);
      const counts = countsOf(visits);
      expect(counts.formulas).toBeGreaterThan(20);
      expect(counts.graphNodes).toBeGreaterThan(0);
      expect(counts.charts).toBeGreaterThan(0);
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

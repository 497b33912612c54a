/**
 * hexo-renderer-mlpost in a Hexo 8 blog with the default theme (landscape), as a user sets
 * it up: the packed `mlpost` and `hexo-renderer-mlpost` in package.json, no `scripts/`
 * file, a plain `hexo generate`. One blog, built once cold, then again with Hexo's
 * database warm, without `public/`, and after `hexo clean` (cells from mlpost's cache);
 * then served and opened in Chromium. Runs on `dist/` (packed by `npm pack`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Visit } from '../browser/site-visit.js';
import { expectFiguresDrawn, expectPagesLoaded, figureLayout, openThemeSession, schemeColours, themeTagStyles, visitPages, type ThemeSession } from '../browser/theme-pages.js';
import { BLOG_FIXTURES, FAVICON, blogPosts, cellSummary, cliDiagnostics, exampleCellFences, hexo, loggedDiagnostics, makeHexoBlog, publicHtml, recordTimes, renderedFiles, startHexo, textOf, type HexoRun } from './hexo-blog.js';
import { removeSite, repoRoot } from './site.js';

describe('hexo-renderer-mlpost with the landscape theme (real hexo generate)', () => {
  let blog: string;
  let cold: HexoRun;
  let warm: HexoRun;
  let withoutPublic: HexoRun;
  let clean: HexoRun;
  const page = (path: string) => readFileSync(join(blog, 'public', path), 'utf8');
  let session: ThemeSession | undefined;
  let visits: Visit[] = [];

  beforeAll(async () => {
    blog = makeHexoBlog({ theme: 'landscape', config: 'post_asset_folder: true\n', files: { ...blogPosts(['next-tags.md']), 'source/favicon.png': FAVICON } });
    cold = hexo(blog, ['generate', '--debug']);
    if (cold.status !== 0) throw new Error(`hexo generate failed (${cold.status}):\n${cold.log}`);
    warm = hexo(blog, ['generate', '--debug']);
    rmSync(join(blog, 'public'), { recursive: true });
    withoutPublic = hexo(blog, ['generate', '--debug']);
    hexo(blog, ['clean']);
    clean = hexo(blog, ['generate', '--debug']);
    recordTimes('hexo-landscape', { cold: cold.ms, warm: warm.ms, afterClean: clean.ms });
    session = await openThemeSession(join(blog, 'public'));
    visits = await visitPages(session, ['/', '/rnn_intro/', '/feature-tour/', '/live-hmm-rnn/', '/asset-post/', '/diagnostics/', '/hexo-tags/', '/archives/']);
  }, 300_000);
  afterAll(async () => {
    await session?.close();
    if (blog) removeSite(blog);
  });

  it('builds from package.json alone: no scripts/ file, mlpost and its renderer from their packed tarballs', () => {
    const dependencies = Object.keys((JSON.parse(readFileSync(join(blog, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
    expect(dependencies).toContain('hexo-renderer-mlpost');
    expect(dependencies).toContain('mlpost');
    expect(dependencies).not.toContain('hexo-renderer-marked');
    expect(existsSync(join(blog, 'scripts'))).toBe(false);
    expect(cold.log).toContain('Plugin loaded: hexo-renderer-mlpost');
    for (const run of [cold, warm, withoutPublic, clean]) {
      expect(run.status).toBe(0);
      expect(run.log).not.toMatch(/finished async|FATAL|Unhandled rejection|Plugin load failed/);
    }
  });

  it('runs the cells once: a warm database renders nothing, and after hexo clean every cell comes from mlpost\'s cache', () => {
    const fences = exampleCellFences();
    expect(cellSummary(cold)).toBe(`${fences} run, 0 from the cache, 1 failed`);
    expect(renderedFiles(warm)).toEqual([]);
    expect(renderedFiles(withoutPublic)).toEqual([]);
    expect(cellSummary(clean)).toBe(`0 run, ${fences} from the cache, 1 failed`);
    expect(existsSync(join(blog, 'node_modules/.cache/mlpost/cells'))).toBe(true);
    expect(existsSync(join(blog, 'node_modules/.cache/mlpost/graphs'))).toBe(true);
  });

  it('executes the cells of the live post: every fence is a figure with its charts', () => {
    const live = page('live-hmm-rnn/index.html');
    expect(live.match(/<figure class="mlpost-cell/g)?.length).toBe(exampleCellFences());
    expect(live).not.toContain('mlpost-error');
  });

  it('typesets math and draws graphs; a graph\'s fileName.svg is written next to its page, also from a warm database', () => {
    const seed = page('rnn_intro/index.html');
    expect(seed.match(/<span class="katex">/g)?.length).toBeGreaterThanOrEqual(15);
    expect(seed).toMatch(/<figure class="mlpost-graph[^"]*"[^>]*>[\s\S]*?<svg[\s\S]*?<figcaption>隐马尔可夫链<\/figcaption>/);
    expect(page('rnn_intro/rnn_intro_g1.svg')).toMatch(/^<\?xml[^>]*>\n<svg/);
    expect(seed).not.toMatch(/\uFFFC|\uFDD0|\uFDD1|hexoPostRender|<!--(swig|code|comment)/);
  });

  it('highlights code once, with Hexo\'s highlight.js settings: fences and {% codeblock lang:python %} keep their language', () => {
    const tour = page('feature-tour/index.html');
    expect(tour).toContain('<figure class="highlight python"><figcaption><span>min-char-rnn, the forward step</span></figcaption>');
    expect(tour).toContain('<span class="keyword">for</span> t <span class="keyword">in</span> <span class="built_in">range</span>');
    // A fence's pandoc attributes reach Hexo's highlighter: `.numberLines startFrom="10"`.
    expect(tour).toContain('<figure class="highlight javascript"><table><tr><td class="gutter"><pre><span class="line">10</span><br>');
    // Not mlpost's highlighter as well.
    expect(tour).not.toContain('hljs-');
  });

  it('writes KaTeX\'s CSS and fonts and mlpost\'s stylesheet, linked only from pages that use them', () => {
    expect(existsSync(join(blog, 'public/mlpost/katex.min.css'))).toBe(true);
    expect(readdirSync(join(blog, 'public/mlpost/fonts')).filter((name) => name.endsWith('.woff2')).length).toBeGreaterThan(10);
    const css = page('mlpost/mlpost.css');
    expect(css).toContain('--mlpost-graph-fill: #e4e7eb;');
    // landscape has no dark mode: mlpost stays light with it.
    expect(css).not.toContain('prefers-color-scheme');
    const links = (html: string) => html.match(/<link rel="stylesheet" href="\/mlpost\/[^"]+" data-mlpost>/g) ?? [];
    expect(links(page('rnn_intro/index.html'))).toEqual(['<link rel="stylesheet" href="/mlpost/katex.min.css" data-mlpost>', '<link rel="stylesheet" href="/mlpost/mlpost.css" data-mlpost>']);
    expect(links(page('index.html'))).toHaveLength(2);
    expect(links(page('archives/index.html'))).toEqual([]);
  });

  it('keeps post asset folders and asset_img', () => {
    expect(page('asset-post/index.html')).toMatch(/<img src="\/asset-post\/dot\.svg" class="" title="A dot from the asset folder">|<img src="\/asset-post\/dot\.svg"[^>]*>/);
    expect(existsSync(join(blog, 'public/asset-post/dot.svg'))).toBe(true);
  });

  it('addresses an asset image named by its own name from the site root, so it shows on the home page too (as marked\'s postAsset)', () => {
    for (const path of ['asset-post/index.html', 'index.html']) {
      expect(page(path)).toContain('<img src="/asset-post/dot.svg" alt="The dot again, by its own name">');
    }
  });

  it('hands the bodies of Hexo\'s own tags to Hexo as written: `${…}` in a codeblock keeps its braces, and no sentinel reaches any page', () => {
    const code = textOf(/<figure class="highlight bash">[\s\S]*?<\/figure>/.exec(page('hexo-tags/index.html'))?.[0] ?? '');
    expect(code).toContain('echo "${HOME}/${USER}"');
    expect(code).toContain('const greeting = `${name}!`;');
    for (const [path, html] of publicHtml(blog)) expect(html, path).not.toMatch(/[\uFDD0\uFDD1]/);
  });

  it('renders the tags landscape lacks itself (note, fold, hexo-math\'s mathjax); a tag nobody knows is a warning at the author\'s line, as from the CLI, and a placeholder', () => {
    const tags = page('hexo-tags/index.html');
    expect(tags).toContain('<aside class="mlpost-note mlpost-note-info" role="note" aria-label="Info"><p>A note, rendered by the theme where it has notes:');
    expect(tags).toMatch(/<details class="mlpost-fold[^"]*"><summary>A fold neither theme has<\/summary>/);
    expect(tags).toContain('<annotation encoding="application/x-tex">\\begin{aligned} a &amp;= b \\\\ c &amp;= d \\end{aligned}</annotation>');
    expect(textOf(/<code class="mlpost-unknown-tag" data-tag="cb">.*?<\/code>/.exec(tags)?.[0] ?? '')).toBe('{% cb done, true %}');
    const expected = cliDiagnostics('hexo-tags.md', join(blog, 'cli-tags'));
    expect(expected).toEqual(['source/_posts/hexo-tags.md:38:44: warning: unknown Hexo tag `{% cb %}`: shown as a placeholder (register a handler for it through the API) [hexo-tag-unknown]']);
    expect(loggedDiagnostics(cold, 'hexo-tags.md')).toEqual(expected);
  });

  it('numbers equations once through the post and the note mlpost renders in it, references resolved', () => {
    const tags = page('hexo-tags/index.html');
    expect([...tags.matchAll(/<annotation encoding="application\/x-tex">\s*(\w) = \w \\tag\{(\d)\}/g)].map((match) => `${match[1]}${match[2]}`)).toEqual(['u1', 'w2', 'p3']);
    expect([...tags.matchAll(/<a class="mlpost-eqref" href="#eq-eq:([\w-]+)">\((\d)\)<\/a>/g)].map((match) => `${match[1]}${match[2]}`)).toEqual(['before-note1', 'after-note3', 'in-note2']);
  });

  it('reports mistakes in Hexo\'s log at the author\'s lines, as the CLI does, and still builds the post with error boxes', () => {
    const cli = spawnSync(process.execPath, [join(repoRoot, 'bin/mlpost.js'), 'render', join(BLOG_FIXTURES, 'diagnostics.md'), '-o', join(blog, 'cli-render')], { encoding: 'utf8' });
    const expected = [...cli.stderr.matchAll(/^.*diagnostics\.md(:\d+:\d+: (?:error|warning): .*)$/gm)].map((match) => `source/_posts/diagnostics.md${match[1]}`);
    expect(expected).toContain('source/_posts/diagnostics.md:26:1: error: Graphviz: syntax error in line 1 near \';\' [graph-syntax]');
    const logged = [...cold.log.matchAll(/^\S*\s*(?:ERROR|WARN)\s+(source\/_posts\/diagnostics\.md:.*)$/gm)].map((match) => match[1]);
    expect(logged.sort()).toEqual(expected.sort());
    const broken = page('diagnostics/index.html');
    expect(broken.match(/class="mlpost-error"|mlpost-cell-failed|mlpost-graph-failed/g)?.length).toBeGreaterThanOrEqual(2);
    expect(broken).toContain('The rest of the post is still here.');
    // The cell's error box names the line the log names (the file's, front matter counted).
    const cellLine = /diagnostics\.md:(\d+):\d+: error: hmm: /.exec(expected.join('\n'))?.[1];
    expect(cellLine).toBe('22');
    expect(broken).toMatch(new RegExp(`line ${cellLine}: unknown &quot;show&quot; item|line ${cellLine}: unknown "show" item`));
  });

  it('stops with every problem of the mlpost section of _config.yml named by its key', () => {
    const configPath = join(blog, '_config.yml');
    const config = readFileSync(configPath, 'utf8');
    writeFileSync(configPath, `${config}\nmlpost:\n  number_sections: yes please\n  higlight: mlpost\n  cells:\n    concurrency: 0\n`);
    try {
      const run = hexo(blog, ['generate']);
      expect(run.status).not.toBe(0);
      expect(run.log).toContain('mlpost.number_sections: expected true or false, got "yes please"');
      expect(run.log).toContain('mlpost.higlight: unknown option (did you mean highlight?)');
      expect(run.log).toContain('mlpost.cells.concurrency:');
    } finally {
      writeFileSync(configPath, config);
    }
  });

  it('re-renders only the edited post under hexo generate --watch, and sums up the cells of each generate alone', async () => {
    const watch = startHexo(blog, ['generate', '--watch', '--debug']);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));
    try {
      await watch.waitFor(/watching for file changes/);
      // A post with cells: its cells, from mlpost's cache, are the generate's summary.
      const live = join(blog, 'source/_posts/live-hmm-rnn.md');
      let before = watch.log().length;
      writeFileSync(live, `${readFileSync(live, 'utf8')}\nA line added while Hexo watches.\n`);
      await watch.waitFor(/Generated: live-hmm-rnn\/index\.html/, before);
      // (`after_generate`, which prints the summary, runs as the files start to be written.)
      await settle();
      expect([...watch.log().slice(before).matchAll(/mlpost: cells: (.+)$/gm)].map((match) => match[1])).toEqual([`0 run, ${exampleCellFences()} from the cache, 0 failed`]);

      before = watch.log().length;
      const post = join(blog, 'source/_posts/feature-tour.md');
      writeFileSync(post, `${readFileSync(post, 'utf8')}\nA line added while Hexo watches: $x^2$.\n`);
      await watch.waitFor(/Generated: feature-tour\/index\.html/, before);
      const rendered = [...watch.log().slice(before).matchAll(/DEBUG mlpost: rendered (.+)$/gm)].map((match) => match[1]);
      // The post, and the bodies of its tags (quotes rendered by mlpost's own async tag included).
      expect(new Set(rendered)).toEqual(new Set(['source/_posts/feature-tour.md', 'a tag body in source/_posts/feature-tour.md']));
      expect(page('feature-tour/index.html')).toContain('A line added while Hexo watches: <span class="katex">');
      // A post without cells: no summary (not the process's running total again).
      await settle();
      expect(watch.log().slice(before)).not.toContain('mlpost: cells:');
    } finally {
      watch.child.kill();
    }
  }, 120_000);

  describe('in Chromium', () => {
    it('loads every page without console errors or missing files', () => expectPagesLoaded(visits));

    it("lays out every formula in KaTeX's fonts, draws graphs and cell charts", () => expectFiguresDrawn(visits));

    it("pads the cells of mlpost's tables (landscape's headers have none) and keeps each figure's caption under its content", async () => {
      const layout = await figureLayout(session!, '/live-hmm-rnn/');
      expect(layout.cells).toBeGreaterThan(10);
      expect(layout.minPadding).toBeGreaterThanOrEqual(8);
      expect(layout.overlaps).toEqual([]);
    });

    it("styles the tags mlpost renders for landscape (note, fold) with mlpost's stylesheet", async () => {
      const styles = await themeTagStyles(session!, '/hexo-tags/');
      expect(styles.map((style) => [style.tag, style.borderLeft])).toEqual([['aside', '4px'], ['details', '4px']]);
      // The note's tint of its colour (info: #0b62c4 at 8 %) over whatever the theme's background is.
      expect(styles[0]!.background).toBe('color(srgb 0.0431373 0.384314 0.768627 / 0.08)');
    });

    it('stays light in a dark-scheme browser, as landscape does, graphs in the text colour', async () => {
      const dark = await schemeColours(session!, '/rnn_intro/', 'dark');
      expect(dark.graphFill).toBe('#e4e7eb');
      expect(dark.graphText).toBe(dark.text);
    });
  });
});

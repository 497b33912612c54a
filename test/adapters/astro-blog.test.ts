/**
 * mlpost in a content-collection blog shaped like Astro's blog starter (Astro 5, real
 * `astro build`): the example posts (seed, feature tour, live HMM/RNN cells) under
 * `src/content/blog/`, rendered with `render(post)` in a layout that imports no stylesheet,
 * the README's `astro.config.mjs` verbatim. The pages must get KaTeX's and mlpost's CSS
 * from the integration alone; then Chromium checks them. Runs on `dist/`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Visit } from '../browser/site-visit.js';
import { expectFiguresDrawn, expectPagesLoaded, openThemeSession, visitPages, type ThemeSession } from '../browser/theme-pages.js';
import { exampleCellFences, recordTimes } from './hexo-blog.js';
import { makeSite, removeSite, repoRoot, writeFiles } from './site.js';

function astroBuild(site: string): number {
  const started = performance.now();
  execFileSync(process.execPath, [join(site, 'node_modules/astro/astro.js'), 'build', '--silent'], {
    cwd: site,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_NO_WARNINGS: '1' },
  });
  return performance.now() - started;
}

describe('Astro content-collection blog (real astro build)', () => {
  let site: string;
  let session: ThemeSession | undefined;
  let visits: Visit[] = [];
  const posts = readdirSync(join(repoRoot, 'example-site/posts')).filter((name) => name.endsWith('.md'));
  const page = (path: string) => readFileSync(join(site, 'dist', path), 'utf8');

  beforeAll(async () => {
    site = makeSite('astro-blog');
    cpSync(join(repoRoot, 'fixtures/adapters/astro/blog'), site, { recursive: true });
    writeFiles(site, {
      'package.json': '{ "name": "blog", "type": "module", "private": true }\n',
      'astro.config.mjs': readFileSync(join(repoRoot, 'fixtures/adapters/astro/astro.config.mjs'), 'utf8'),
    });
    for (const name of posts) cpSync(join(repoRoot, 'example-site/posts', name), join(site, 'src/content/blog', name));
    const cold = astroBuild(site);
    const warm = astroBuild(site);
    recordTimes('astro-blog', { cold, warm });
    session = await openThemeSession(join(site, 'dist'));
    visits = await visitPages(session, ['/', ...posts.map((name) => `/blog/${name.replace(/\.md$/, '')}/`)]);
  }, 400_000);
  afterAll(async () => {
    await session?.close();
    if (site) removeSite(site);
  });

  it("links KaTeX's and mlpost's CSS from the post pages, with no import in the site's code", () => {
    const seed = page('blog/rnn_intro/index.html');
    const stylesheets = [...seed.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1]!);
    expect(stylesheets.length).toBeGreaterThan(0);
    const css = stylesheets.map((href) => readFileSync(join(site, 'dist', href), 'utf8')).join('\n');
    expect(css).toContain('.katex');
    expect(css).toMatch(/@font-face\{[^}]*font-family:KaTeX_Main/);
    expect(css).toContain('--mlpost-graph-fill');
    expect(css).toContain('figure.mlpost-graph');
    expect(readdirSync(join(site, 'dist/_astro')).some((name) => /^KaTeX_Main-Regular.*\.woff2$/.test(name))).toBe(true);
  });

  it('renders the posts with cells, graphs and math', () => {
    expect(page('blog/live-hmm-rnn/index.html').match(/<figure class="mlpost-cell/g)?.length).toBe(exampleCellFences());
    expect(page('blog/rnn_intro/index.html')).toMatch(/<figure[^>]*>[\s\S]*<svg[\s\S]*<figcaption>隐马尔可夫链<\/figcaption>/);
  });

  describe('in Chromium', () => {
    it('loads every page without console errors or missing files', () => expectPagesLoaded(visits));

    it("lays out every formula in KaTeX's fonts, draws graphs and cell charts", () => expectFiguresDrawn(visits));
  });
});

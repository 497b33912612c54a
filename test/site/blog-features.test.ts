/**
 * The blog features of a site in mlpost's own layout: files a post names copied beside its
 * page, a warning at line:col for a link or image that names nothing, post_link, drafts,
 * the table of contents, a theme overridden file by file (and a broken template reported at
 * its line), the interface in the site's language with a post's own `lang` winning, and
 * golden HTML for the default theme's pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildSite, type BuildResult } from '../../src/site/build.js';
import { closeEngines } from '../../src/engines/index.js';
import { expectGolden, repoRoot } from '../helpers.js';
import { makeSite, removeSite, snapshot } from './site-fixture.js';

const snapshotNames = (folder: string) => Object.keys(snapshot(folder));

const sites: string[] = [];
afterAll(async () => {
  for (const site of sites) removeSite(site);
  await closeEngines();
});

const HMM = '```{.hmm echo=true}\nstates: [a, b]\nsymbols: [x, y]\nstart: [0.6, 0.4]\ntransition: [[0.7, 0.3], [0.4, 0.6]]\nemission: [[0.9, 0.1], [0.2, 0.8]]\nobserve: [x, y]\nshow: [viterbi]\n```\n';

function blog(config: string, posts: Record<string, string>, files: Record<string, string | Buffer> = {}): string {
  const site = makeSite(posts);
  sites.push(site);
  writeFileSync(join(site, 'mlpost.yml'), config);
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(join(site, path, '..'), { recursive: true });
    writeFileSync(join(site, path), contents);
  }
  return site;
}

describe('files a post names', () => {
  let site: string;
  let result: BuildResult;
  beforeAll(async () => {
    site = blog('title: Files\n', {
      'first.md': '---\ntitle: First\ndate: 2021-01-01\n---\n\n![figure](figs/plot.png) and [data](figs/data.csv).\n\nA [second post](../second/) and a [missing one](../nothing/).\n\n![gone](gone.png)\n\n<img src="/images/absent.png">\n',
      'second.md': '---\ntitle: Second\ndate: 2021-01-02\n---\n\nSee {% post_link first %}, at {% post_path first %}.\n',
    }, { 'posts/figs/plot.png': Buffer.from([0x89, 0x50]), 'posts/figs/data.csv': 'a,b\n' });
    result = await buildSite(site, { workers: 0 });
  }, 60_000);

  it('copies them beside the page, where the post\'s relative links find them', () => {
    expect(readFileSync(join(site, 'dist/first/figs/plot.png'))).toEqual(Buffer.from([0x89, 0x50]));
    expect(readFileSync(join(site, 'dist/first/figs/data.csv'), 'utf8')).toBe('a,b\n');
  });

  it('warns at line:col about each link or image that names no file', () => {
    const shown = relative(process.cwd(), join(site, 'posts/first.md'));
    const looked = (name: string) => [join(site, 'posts/first', name), join(site, 'posts', name)].map((path) => relative(process.cwd(), path)).join(', ');
    expect(result.notices.map((notice) => notice.text)).toEqual([
      `${shown}:8:35: warning: the link "../nothing/" names no file (looked for /nothing/ in the built site) [missing-file]`,
      `${shown}:10:1: warning: the image "gone.png" names no file (looked for ${looked('gone.png')}, /first/gone.png in the built site) [missing-file]`,
      `${shown}:12:1: warning: the image "/images/absent.png" names no file (looked for /images/absent.png in the built site) [missing-file]`,
    ]);
    expect(result.warnings).toBe(3);
  });

  it('never copies a file from outside the post\'s folders, however the URL is encoded', async () => {
    const hostile = blog('title: Hostile\n', { 'a.md': '---\ntitle: A\n---\n\n![x](x%2F..%2F..%2F..%2Fmlpost.yml) ![y](..%5C..%5Cmlpost.yml) ![z](../../mlpost.yml)\n' });
    const built = await buildSite(hostile, { workers: 0 });
    expect(built.notices.map((notice) => notice.text.replace(/ \(looked for .*/, ''))).toEqual([
      expect.stringMatching(/a\.md:5:1: warning: the image "x%2F\.\.%2F\.\.%2F\.\.%2Fmlpost\.yml" names no file$/),
      expect.stringMatching(/a\.md:5:\d+: warning: the image "\.\.%5C\.\.%5Cmlpost\.yml" names no file$/),
      expect.stringMatching(/a\.md:5:\d+: warning: the image "\.\.\/\.\.\/mlpost\.yml" names no file$/),
    ]);
    expect(snapshotNames(join(hostile, 'dist')).filter((name) => name.includes('mlpost.yml'))).toEqual([]);
  }, 60_000);

  it('resolves post_link and post_path to the site\'s posts', () => {
    const page = readFileSync(join(site, 'dist/second/index.html'), 'utf8');
    expect(page).toContain('See <a href="../first/index.html" title="First">First</a>, at /first/.');
  });

  it('replays the warnings on a build that changes nothing', async () => {
    const again = await buildSite(site, { workers: 0 });
    expect(again).toMatchObject({ unchanged: 2, written: [], warnings: 3 });
  });
});

describe('drafts, table of contents, languages', () => {
  let site: string;
  beforeAll(async () => {
    site = blog('title: 笔记\nlanguage: zh-CN\ntoc: false\n', {
      'cell.md': `---\ntitle: 单元\ndate: 2021-01-01\n---\n\n摘要。\n\n<!-- more -->\n\n${HMM}`,
      'english.md': '---\ntitle: In English\ndate: 2021-01-02\nlang: en\ntoc: true\n---\n\nIntro.\n\n<!-- more -->\n\n# One\n\n## One point one\n\n# Two\n',
      'hidden.md': '---\ntitle: Hidden\ndate: 2021-01-03\npublished: false\n---\n\nNot yet.\n',
    }, { 'drafts/idea.md': '---\ntitle: Idea\ndate: 2021-01-04\n---\n\nMaybe.\n' });
  }, 60_000);

  it('leaves drafts out, and marks them when asked for', async () => {
    const plain = await buildSite(site, { workers: 0 });
    expect(plain.posts).toBe(2);
    expect(existsSync(join(site, 'dist/hidden'))).toBe(false);
    const withDrafts = await buildSite(site, { workers: 0, drafts: true, output: join(site, 'drafts-out') });
    expect(withDrafts.posts).toBe(4);
    expect(readFileSync(join(site, 'drafts-out/idea/index.html'), 'utf8')).toContain('<span class="mlpost-draft">草稿</span>');
    expect(readFileSync(join(site, 'drafts-out/index.html'), 'utf8')).toContain('<span class="mlpost-draft">草稿</span>');
  }, 60_000);

  it('speaks the site\'s language, a post\'s own `lang` winning on its page', () => {
    const home = readFileSync(join(site, 'dist/index.html'), 'utf8');
    expect(home).toMatch(/<html lang="zh-CN">/);
    expect(home).toContain('阅读全文 →');
    expect(readFileSync(join(site, 'dist/cell/index.html'), 'utf8')).toContain('<summary>单元源码</summary>');
    const english = readFileSync(join(site, 'dist/english/index.html'), 'utf8');
    expect(english).toMatch(/<html lang="en">/);
    expect(english).toContain('<span>Older</span>单元');
  });

  it('shows the table of contents where `toc: true`', () => {
    const english = readFileSync(join(site, 'dist/english/index.html'), 'utf8');
    expect(english).toContain('<nav class="mlpost-toc" aria-label="Contents"><details open><summary>Contents</summary><ol><li><a href="#one">One</a><ol><li><a href="#one-point-one">One point one</a></li></ol></li><li><a href="#two">Two</a></li></ol></details></nav>');
    expect(readFileSync(join(site, 'dist/cell/index.html'), 'utf8')).not.toContain('mlpost-toc');
  });
});

describe('the theme', () => {
  it('is overridden file by file from the site\'s theme/ folder (templates and mlpost.css)', async () => {
    const site = blog('title: Themed\n', { 'a.md': '---\ntitle: A\ndate: 2020-01-01\n---\n\nBody.\n' }, {
      'theme/_partials/nav.njk': '<nav class="custom">{{ config.title }}</nav>',
      'theme/mlpost.css': 'body { color: red }\n',
    });
    const result = await buildSite(site, { workers: 0 });
    expect(result.errors).toBe(0);
    const page = readFileSync(join(site, 'dist/a/index.html'), 'utf8');
    expect(page).toContain('<nav class="custom">Themed</nav>');
    expect(page).toContain('<h1 class="mlpost-title">A</h1>');
    expect(readFileSync(join(site, 'dist/assets/mlpost.css'), 'utf8')).toBe('body { color: red }\n');
    // A changed template changes every page.
    writeFileSync(join(site, 'theme/_partials/nav.njk'), '<nav class="custom2"></nav>');
    const again = await buildSite(site, { workers: 0 });
    expect(again.rendered).toBe(0);
    expect(again.written).toContain('a/index.html');
  }, 60_000);

  it('reports a broken template at its file and line, and fails the build', async () => {
    const site = blog('title: Broken\n', { 'a.md': '---\ntitle: A\n---\n\nBody.\n' }, { 'theme/post.njk': '{% extends "layout.njk" %}\n{% block main %}\n{% if %}\n{% endblock %}\n' });
    const result = await buildSite(site, { workers: 0 });
    // (Every page fails: the site's templates are compiled before the first page, see the next test.)
    expect(result.errors).toBeGreaterThanOrEqual(1);
    expect(new Set(result.problems)).toEqual(new Set([`${relative(process.cwd(), join(site, 'theme/post.njk'))}:3:7: error: template: unexpected token: %} [theme-template]`]));
  }, 60_000);

  it('keeps the pages of the last good build while a template is broken, and replaces them once it is fixed', async () => {
    const site = blog('title: Kept\n', { 'a.md': '---\ntitle: A\n---\n\nBody.\n' });
    expect((await buildSite(site, { workers: 0 })).errors).toBe(0);
    const page = join(site, 'dist/a/index.html');
    const good = readFileSync(page, 'utf8');
    mkdirSync(join(site, 'theme/_partials'), { recursive: true });
    writeFileSync(join(site, 'theme/_partials/nav.njk'), '<nav>\n  {% if %}\n</nav>\n');
    const broken = await buildSite(site, { workers: 0 });
    expect(broken.errors).toBeGreaterThan(0);
    expect(broken.removed).toEqual([]);
    expect(readFileSync(page, 'utf8')).toBe(good);
    writeFileSync(join(site, 'theme/_partials/nav.njk'), '<nav>fixed</nav>\n');
    const fixed = await buildSite(site, { workers: 0 });
    expect(fixed.errors).toBe(0);
    expect(readFileSync(page, 'utf8')).toContain('<nav>fixed</nav>');
  }, 60_000);

  it('reports a broken partial of the site theme at its own file and line, without crashing', async () => {
    const site = blog('title: Broken\n', { 'a.md': '---\ntitle: A\n---\n\nBody.\n' }, { 'theme/_partials/nav.njk': '<nav>\n  {% if %}\n</nav>\n' });
    const result = await buildSite(site, { workers: 0 });
    expect(result.errors).toBeGreaterThan(0);
    expect(new Set(result.problems)).toEqual(new Set([`${relative(process.cwd(), join(site, 'theme/_partials/nav.njk'))}:2:9: error: template: unexpected token: %} [theme-template]`]));
  }, 60_000);

  it('reports an error while rendering a partial at the partial\'s line and column, counted from 1', async () => {
    const site = blog('title: Broken\n', { 'a.md': '---\ntitle: A\n---\n\nBody.\n' }, { 'theme/_partials/nav.njk': '<nav>\n  {{ nothing() }}\n</nav>\n' });
    const result = await buildSite(site, { workers: 0 });
    expect(result.errors).toBeGreaterThan(0);
    expect(new Set(result.problems)).toEqual(new Set([`${relative(process.cwd(), join(site, 'theme/_partials/nav.njk'))}:2:13: error: template: Unable to call \`nothing\`, which is undefined or falsey [theme-template]`]));
  }, 60_000);

  it('makes the pages the default theme shows (golden HTML)', async () => {
    const site = blog('title: Golden\nurl: https://example.org/\nauthor: A\ndescription: A site for golden files.\nper_page: 1\n', {
      'one.md': '---\ntitle: One & only\ndate: 2020-01-02 03:04:05\ntags: [x, "y z"]\ncategories: [Top, Sub]\ndescription: The first post.\n---\n\nExcerpt with [a link](../two/).\n\n<!-- more -->\n\nBody with $x$.\n',
      'two.md': '---\ntitle: Two\ndate: 2020-02-03\ntags: [x]\n---\n\nNo excerpt, [back](../one/#more).\n',
    });
    const result = await buildSite(site, { workers: 0 });
    expect(result.errors).toBe(0);
    const pages = ['index.html', 'page/2/index.html', 'one/index.html', 'archives/index.html', 'archives/2020/index.html', 'tags/index.html', 'tags/y-z/index.html', 'categories/index.html', 'categories/Top/Sub/index.html', '404.html', 'sitemap.xml'];
    for (const page of pages) expectGolden(`site/${page.replace(/\//g, '_')}`, readFileSync(join(site, 'dist', page), 'utf8'));
    // The CLI users run (dist/bundle, with the theme compiled in when it was built) makes the same pages.
    const cli = spawnSync(process.execPath, [join(repoRoot, 'bin/mlpost.js'), 'build', site, '-o', join(site, 'cli-dist')], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    for (const page of pages) expect([page, readFileSync(join(site, 'cli-dist', page), 'utf8')]).toEqual([page, readFileSync(join(site, 'dist', page), 'utf8')]);
  }, 60_000);
});

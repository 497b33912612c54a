/**
 * The site builder: same bytes whatever the thread count and cache state; a second build
 * renders and writes nothing; an edit re-renders one post and rewrites only what changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, type BuildResult } from '../../src/site/build.js';
import { closeEngines } from '../../src/engines/index.js';
import { makeSite, post, removeSite, snapshot } from './site-fixture.js';

const sites: string[] = [];
function site(): string {
  const made = makeSite();
  sites.push(made);
  return made;
}
afterAll(async () => {
  for (const made of sites) removeSite(made);
  await closeEngines();
});

describe('buildSite: output bytes', () => {
  let reference: Record<string, string>;
  let first: BuildResult;
  let root: string;

  beforeAll(async () => {
    root = site();
    first = await buildSite(root, { workers: 0 });
    reference = snapshot(join(root, 'dist'));
  }, 60_000);

  it('builds every post, the home page, archives, tag and category pages, and 404.html', () => {
    expect(first).toMatchObject({ posts: 5, rendered: 5, fromCache: 0, unchanged: 0, errors: 0 });
    for (const path of ['index.html', 'alpha/index.html', 'beta/index.html', 'beta/g.svg', 'seed/index.html', 'tags/math/index.html', 'tags/graphs/index.html', 'tags/index.html', 'categories/ML/index.html', 'categories/index.html', 'archives/index.html', 'archives/2020/index.html', 'archives/2020/01/index.html', '404.html', 'assets/mlpost.css']) {
      expect(reference[path], path).toBeDefined();
    }
    // No `url` in the config: links end in index.html (the site reads from disk), no feeds or sitemap.
    expect(reference['index.html']).toContain('<a href="alpha/index.html">Alpha</a>');
    expect(reference['tags/graphs/index.html']).toContain('<a href="../../beta/index.html">Beta</a>');
    expect(Object.keys(reference).filter((path) => path.endsWith('.xml'))).toEqual([]);
  });

  it('is byte-identical with 2 worker threads and a cold cache', async () => {
    const other = site();
    const result = await buildSite(other, { workers: 2 });
    expect(result.rendered).toBe(5);
    expect(snapshot(join(other, 'dist'))).toEqual(reference);
  }, 60_000);

  it('is byte-identical from the post cache (output removed) and with --no-cache', async () => {
    rmSync(join(root, 'dist'), { recursive: true });
    const cached = await buildSite(root, { workers: 0 });
    expect(cached).toMatchObject({ rendered: 0, fromCache: 5, unchanged: 0, warnings: first.warnings });
    expect(snapshot(join(root, 'dist'))).toEqual(reference);
    const fresh = await buildSite(root, { noCache: true, workers: 2 });
    expect(fresh).toMatchObject({ rendered: 5, fromCache: 0, written: [] });
    expect(snapshot(join(root, 'dist'))).toEqual(reference);
  }, 60_000);

  it('replays a cached post\'s diagnostics', async () => {
    const again = await buildSite(root, { workers: 0 });
    expect(again.unchanged).toBe(5);
    expect(again.warnings).toBe(first.warnings);
    expect(first.warnings).toBeGreaterThan(0); // the seed's Graphviz warning
  });
});

describe('buildSite: incremental', () => {
  let root: string;
  const page = (path: string) => join(root, 'dist', path);
  const mtime = (path: string) => statSync(page(path)).mtimeMs;

  beforeAll(async () => {
    root = site();
    await buildSite(root, { workers: 0 });
  }, 60_000);

  it('renders and writes nothing when nothing changed', async () => {
    const result = await buildSite(root, { workers: 0 });
    expect(result).toMatchObject({ rendered: 0, fromCache: 0, unchanged: 5, written: [], removed: [] });
  });

  it('after a body edit below the excerpt: re-renders that post, rewrites only its page', async () => {
    const before = mtime('index.html');
    writeFileSync(join(root, 'posts/gamma.md'), post('Gamma', '2020-03-01 10:00:00', ['graphs'], 'Excerpt here.\n\n<!-- more -->\n\nNew body text.\n'));
    const result = await buildSite(root, { workers: 0 });
    expect(result).toMatchObject({ rendered: 1, unchanged: 4 });
    // The graph is gone from the post: its file is removed.
    expect(result.written).toEqual(['gamma/index.html']);
    expect(result.removed).toEqual(['gamma/g.svg']);
    expect(readFileSync(page('gamma/index.html'), 'utf8')).toContain('New body text.');
    expect(mtime('index.html')).toBe(before);
  });

  it('after a title and tag edit: rewrites the page, its neighbour, and the lists it is on', async () => {
    writeFileSync(join(root, 'posts/delta.md'), post('Delta renamed', '2020-04-01 10:00:00', ['misc', 'new-tag'], 'Plain text, no math.\n\n- a\n- b\n'));
    const result = await buildSite(root, { workers: 0 });
    expect(result.rendered).toBe(1);
    // gamma links to delta as its newer post, by title.
    expect(result.written.sort()).toEqual([
      'archives/2020/04/index.html',
      'archives/2020/index.html',
      'archives/index.html',
      'categories/ML/index.html',
      'delta/index.html',
      'gamma/index.html',
      'index.html',
      'tags/index.html',
      'tags/misc/index.html',
      'tags/new-tag/index.html',
    ]);
    expect(readFileSync(page('index.html'), 'utf8')).toContain('Delta renamed');
  });

  it('after a post is deleted: removes its page and its tag page', async () => {
    rmSync(join(root, 'posts/delta.md'));
    const result = await buildSite(root, { workers: 0 });
    expect(result.rendered).toBe(0);
    expect(result.removed.sort()).toEqual(['archives/2020/04/index.html', 'delta/index.html', 'tags/misc/index.html', 'tags/new-tag/index.html']);
    expect(existsSync(page('delta'))).toBe(false);
    expect(readFileSync(page('index.html'), 'utf8')).not.toContain('Delta');
  });

  it('rewrites a page changed or deleted by hand', async () => {
    writeFileSync(page('alpha/index.html'), 'tampered');
    rmSync(page('beta/index.html'));
    const result = await buildSite(root, { workers: 0 });
    expect(result).toMatchObject({ rendered: 0, fromCache: 2 });
    expect(result.written.sort()).toEqual(['alpha/index.html', 'beta/index.html']);
    expect(readFileSync(page('alpha/index.html'), 'utf8')).toContain('<h1 class="mlpost-title">Alpha</h1>');
  });

  it('after a site title change: every page again, from the post cache, without rendering', async () => {
    writeFileSync(join(root, 'mlpost.yml'), 'title: Renamed site\n');
    const result = await buildSite(root, { workers: 0 });
    expect(result).toMatchObject({ rendered: 0, fromCache: 4 });
    expect(readFileSync(page('alpha/index.html'), 'utf8')).toContain('<title>Alpha | Renamed site</title>');
  });

  it('survives a corrupt manifest and post cache', async () => {
    const { readdirSync } = await import('node:fs');
    for (const part of ['builds', 'posts']) {
      for (const name of readdirSync(join(root, '.mlpost-cache', part))) writeFileSync(join(root, '.mlpost-cache', part, name), '{not json');
    }
    const before = snapshot(join(root, 'dist'));
    const result = await buildSite(root, { workers: 0 });
    expect(result).toMatchObject({ rendered: 4, written: [] });
    expect(snapshot(join(root, 'dist'))).toEqual(before);
  }, 60_000);
});

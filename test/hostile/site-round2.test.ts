/**
 * Round 2 of the hostile suite at the level of a whole site: caches and manifests that
 * were tampered with, links in the output and cache folders, names that collide or are
 * too long, files a post includes, posts too big or too slow, and what the build says.
 * Every case: the warning or error named exactly, the rest of the site written, nothing
 * outside the site touched.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheSecret } from '../../src/cache/secret.js';
import { hashKey } from '../../src/cache/disk-cache.js';
import { closeEngines } from '../../src/engines/index.js';
import { buildSite, CACHE_FOLDER, type BuildResult } from '../../src/site/build.js';
import { post } from '../site/site-fixture.js';
import { repoRoot } from '../helpers.js';

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  await closeEngines();
});

/** A site with `posts` (file name → text), and an empty folder beside it standing for "outside". */
function siteWith(posts: Record<string, string>, config = 'title: Round 2\n'): { site: string; outside: string } {
  const root = mkdtempSync(join(tmpdir(), 'mlpost-round2-'));
  folders.push(root);
  const site = join(root, 'site');
  const outside = join(root, 'outside');
  mkdirSync(join(site, 'posts'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(site, 'mlpost.yml'), config);
  for (const [name, text] of Object.entries(posts)) writeFileSync(join(site, 'posts', name), text);
  return { site, outside };
}

const page = (site: string, path: string) => readFileSync(join(site, 'dist', path), 'utf8');
const ruleOf = (line: string) => /\[([a-z-]+)\]$/.exec(line)?.[1];
/** The site-level warnings of a build, as printed. */
const siteWarnings = (result: BuildResult) => result.notices.filter((notice) => notice.severity === 'warning').map((notice) => notice.text);

/** An entry's text as DiskCache writes it, with the right checksum and a MAC made without the key. */
function forgedEntry(value: string): string {
  const sum = createHash('sha256').update(value).digest('hex');
  return `mlpost-cache-v2 ${cacheSecret().id} ${sum} ${'0'.repeat(64)}\n${value}`;
}

describe('caches an attacker cannot forge', () => {
  it('a post cache entry with <script> and no valid HMAC: a warning, the post rendered again, no script', async () => {
    const { site } = siteWith({ 'a.md': post('A', '2021-01-01 00:00:00', ['t'], 'Honest text.') });
    await buildSite(site);
    const entries = join(site, CACHE_FOLDER, 'posts');
    const [entry] = readdirSync(entries);
    const stored = JSON.parse(readFileSync(join(entries, entry!), 'utf8').split('\n').slice(1).join('\n')) as { html: string };
    stored.html = '<script>alert(1)</script>';
    writeFileSync(join(entries, entry!), forgedEntry(JSON.stringify(stored)));
    rmSync(join(site, 'dist'), { recursive: true });
    const result = await buildSite(site);
    expect(page(site, 'a/index.html')).not.toContain('<script>alert(1)');
    expect(page(site, 'a/index.html')).toContain('Honest text.');
    expect(result.rendered).toBe(1);
    expect(result.warnings).toBe(1);
  });

  it('an entry written with another key (another machine) is a miss, without a warning', async () => {
    const { site } = siteWith({ 'a.md': post('A', '2021-01-01 00:00:00', ['t'], 'Text.') });
    await buildSite(site);
    const entries = join(site, CACHE_FOLDER, 'posts');
    for (const name of readdirSync(entries)) {
      const text = readFileSync(join(entries, name), 'utf8');
      writeFileSync(join(entries, name), text.replace(cacheSecret().id, 'ffffffffffffffff'));
    }
    rmSync(join(site, 'dist'), { recursive: true });
    const result = await buildSite(site);
    expect([result.rendered, result.fromCache, result.warnings]).toEqual([1, 0, 0]);
  });

  it("a forged manifest listing ../../outside.txt: not used, the file outside is not deleted", async () => {
    const { site, outside } = siteWith({ 'a.md': post('A', '2021-01-01 00:00:00', ['t'], 'Text.') });
    writeFileSync(join(outside, 'keep.txt'), 'precious');
    await buildSite(site);
    const builds = join(site, CACHE_FOLDER, 'builds');
    const [name] = readdirSync(builds);
    const manifest = JSON.parse(readFileSync(join(builds, name!), 'utf8').split('\n').slice(1).join('\n')) as { files: Record<string, unknown>; posts: Record<string, { excerptHtml?: string } > };
    manifest.files['../../outside/keep.txt'] = { input: 'x', hash: 'x', size: 8, mtimeMs: 0 };
    manifest.posts['posts/a.md']!.excerptHtml = '<script>alert(1)</script>';
    writeFileSync(join(builds, name!), forgedEntry(JSON.stringify(manifest)));
    const result = await buildSite(site);
    expect(readFileSync(join(outside, 'keep.txt'), 'utf8')).toBe('precious');
    expect(page(site, 'index.html')).not.toContain('<script>alert(1)');
    expect(siteWarnings(result).map(ruleOf)).toEqual(['cache-forged']);
    expect(result.removed).toEqual([]);
  });

  it('a cache folder that is a link out of the site is not used: a warning, nothing written there', async () => {
    const { site, outside } = siteWith({ 'a.md': post('A', '2021-01-01 00:00:00', ['t'], 'Text.') });
    symlinkSync(outside, join(site, CACHE_FOLDER));
    const result = await buildSite(site);
    expect(siteWarnings(result).map(ruleOf)).toEqual(['cache-outside']);
    expect(readdirSync(outside)).toEqual([]);
    expect(page(site, 'a/index.html')).toContain('Text.');
  });
});

describe('nothing outside the output folder is written or removed', () => {
  it('a post whose folder in the output is a link out: not written there, a warning; the rest of the site written', async () => {
    const { site, outside } = siteWith({ 'leak.md': post('Leak', '2021-01-01 00:00:00', ['t'], 'Leak.'), 'b.md': post('B', '2021-01-02 00:00:00', ['t'], 'Bee.') });
    mkdirSync(join(site, 'dist'));
    symlinkSync(outside, join(site, 'dist', 'leak'));
    symlinkSync(outside, join(site, 'dist', 'assets'));
    const result = await buildSite(site);
    expect(readdirSync(outside)).toEqual([]);
    expect(page(site, 'b/index.html')).toContain('Bee.');
    expect(new Set(siteWarnings(result).map(ruleOf))).toEqual(new Set(['output-outside']));
    expect(siteWarnings(result).some((line: string) => line.includes('leak/index.html'))).toBe(true);
  });

  it('a link in place of a page is replaced, never written through', async () => {
    const { site, outside } = siteWith({ 'a.md': post('A', '2021-01-01 00:00:00', ['t'], 'Text.') });
    writeFileSync(join(outside, 'target.html'), 'outside page');
    mkdirSync(join(site, 'dist', 'a'), { recursive: true });
    symlinkSync(join(outside, 'target.html'), join(site, 'dist', 'a', 'index.html'));
    await buildSite(site);
    expect(readFileSync(join(outside, 'target.html'), 'utf8')).toBe('outside page');
    expect(page(site, 'a/index.html')).toContain('Text.');
  });
});

describe('cache keys and transient failures', () => {
  it('editing a file used by {% include_code %} renders the post again, also after deleting the output', async () => {
    const { site } = siteWith({ 'a.md': post('A', '2021-01-01 00:00:00', ['t'], '{% include_code snippet.py %}') });
    // include_code reads from the post's folder by default (the site's code folder otherwise).
    writeFileSync(join(site, 'posts', 'snippet.py'), 'print("first")\n');
    await buildSite(site);
    expect(page(site, 'a/index.html')).toContain('first');
    writeFileSync(join(site, 'posts', 'snippet.py'), 'print("second")\n');
    rmSync(join(site, 'dist'), { recursive: true });
    const result = await buildSite(site);
    expect(page(site, 'a/index.html')).toContain('second');
    expect(result.rendered).toBe(1);
    // Unchanged now: from the manifest, nothing rendered.
    expect((await buildSite(site)).unchanged).toBe(1);
  });

  it('a graph layout past limits.graphMs: graph-timeout, the page written, and rendered again next build', { timeout: 60_000 }, async () => {
    const forever = '```{.graph prog=neato}\ngraph { graph [maxiter=2000000000 epsilon=0 mode=KK]; a -- b; b -- c; c -- d; d -- e; e -- f; f -- a }\n```\n';
    const { site } = siteWith({ 'slow.md': post('Slow', '2021-01-01 00:00:00', ['t'], forever), 'b.md': post('B', '2021-01-02 00:00:00', ['t'], 'Bee.') }, 'title: Round 2\nlimits:\n  graphMs: 500\n');
    const first = await buildSite(site);
    expect(first.errors).toBe(1);
    expect(page(site, 'slow/index.html')).toContain('mlpost-graph-failed');
    expect(page(site, 'b/index.html')).toContain('Bee.');
    const second = await buildSite(site);
    expect([second.rendered, second.unchanged]).toEqual([1, 1]);
  });
});

describe('more cache keys and limits', () => {
  it("a cell's timeout is shown, not cached: the next build runs the cell again", { timeout: 60_000 }, async () => {
    const never = readFileSync(join(repoRoot, 'fixtures/hostile/cell-never-finishes.md'), 'utf8');
    const { site } = siteWith({ 'cell.md': never });
    const first = await buildSite(site);
    expect(first.errors).toBe(1);
    expect(first.rendered).toBe(1);
    rmSync(join(site, 'dist'), { recursive: true });
    const second = await buildSite(site);
    expect([second.rendered, second.fromCache]).toEqual([1, 0]);
  });

  it("editing a cell's `file:` renders the post again", { timeout: 60_000 }, async () => {
    const cell = '```rnn\ncell: rnn\nfile: corpus.txt\nhidden: 4\ntrain: {epochs: 1}\nshow: [loss]\n```\n';
    const { site } = siteWith({ 'a.md': cell });
    writeFileSync(join(site, 'posts', 'corpus.txt'), 'abcabcabcabc\n');
    await buildSite(site);
    expect((await buildSite(site)).unchanged).toBe(1);
    writeFileSync(join(site, 'posts', 'corpus.txt'), 'xyzxyzxyzxyz\n');
    expect((await buildSite(site)).rendered).toBe(1);
  });

  it('in a site rendered on threads, a post past limits.postMs gets a page with post-timeout; the others are written', { timeout: 90_000 }, async () => {
    const forever = '```{.graph prog=neato}\ngraph { graph [maxiter=2000000000 epsilon=0 mode=KK]; a -- b; b -- c; c -- d; d -- e; e -- f; f -- a }\n```\n';
    const posts: Record<string, string> = { 'slow.md': post('Slow', '2021-01-01 00:00:00', ['t'], forever) };
    for (let index = 0; index < 8; index++) posts[`p${index}.md`] = post(`P${index}`, '2021-01-02 00:00:00', ['t'], `Post ${index}.`);
    const { site } = siteWith(posts, 'title: Round 2\nlimits:\n  postMs: 3000\n  graphMs: 60000\n');
    const started = performance.now();
    const result = await buildSite(site, { workers: 2 });
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(result.errors).toBe(1);
    expect(page(site, 'slow/index.html')).toContain('<pre class="mlpost-render-failed">');
    for (let index = 0; index < 8; index++) expect(page(site, `p${index}/index.html`)).toContain(`Post ${index}.`);
    expect(page(site, 'index.html')).toContain('href="slow/index.html"');
  });
});

describe('names', () => {
  it('a new post that wants an existing URL: the old post keeps it, the new one gets a hash of its own path, a warning names both', async () => {
    const claim = (title: string, body: string) => post(title, '2021-01-01 00:00:00', ['t'], body).replace('---\n\n', 'permalink: shared/\n---\n\n');
    const { site } = siteWith({ 'b.md': claim('Old', 'Old.') });
    await buildSite(site);
    expect(page(site, 'shared/index.html')).toContain('Old.');
    // Added later, and first in path order: still not the one that keeps the URL.
    writeFileSync(join(site, 'posts', 'a.md'), claim('New', 'New.'));
    const result = await buildSite(site);
    const moved = `shared-${hashKey('mlpost-name', 'posts/a.md').slice(0, 8)}`;
    expect(page(site, 'shared/index.html')).toContain('Old.');
    expect(page(site, `${moved}/index.html`)).toContain('New.');
    const shown = (file: string) => relative(process.cwd(), join(site, 'posts', file));
    expect(siteWarnings(result)).toEqual([`${shown('a.md')}:1:1: warning: its URL /shared/ is taken (${shown('b.md')} has it); it is written to /${moved}/ [url-collision]`]);
  });

  it('tags C++, C# and C get three pages; .., / and 🔥 three more, none at tags/index.html; a 300-byte tag is capped', async () => {
    const long = 'ü'.repeat(150);
    const { site } = siteWith({ 'a.md': post('A', '2021-01-01 00:00:00', ['"C++"', '"C#"', 'C', '".."', '"/"', '"🔥"', long], 'Text.') });
    await buildSite(site);
    const tags = readdirSync(join(site, 'dist', 'tags'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    expect(tags).toHaveLength(7);
    expect(tags).toContain('C');
    expect(tags.every((name) => Buffer.byteLength(name) <= 200)).toBe(true);
    for (const name of tags) expect(page(site, `tags/${name}/index.html`)).toContain('../../a/index.html');
    // tags/index.html is the list of all tags, not one tag's page; the post links to each page.
    const linked = (html: string, prefix: string) => [...html.matchAll(new RegExp(`href="${prefix}([^"/]+)/index\\.html"`, 'g'))].map((match) => decodeURIComponent(match[1]!)).sort();
    expect(linked(page(site, 'tags/index.html'), '').filter((name) => name !== '..')).toEqual(tags);
    expect(linked(page(site, 'a/index.html'), '\\.\\./tags/')).toEqual(tags);
  });

  it('a legal 253-byte file name whose slug grows (İ → i̇) does not stop the build: its name is capped', async () => {
    const name = `${'İ'.repeat(124)}xy.md`;
    expect(Buffer.byteLength(name)).toBe(253);
    const { site } = siteWith({ [name]: post('Long', '2021-01-01 00:00:00', ['t'], 'Long name.'), 'b.md': post('B', '2021-01-02 00:00:00', ['t'], 'Bee.') });
    const result = await buildSite(site);
    expect(result.errors).toBe(0);
    const folders = readdirSync(join(site, 'dist')).filter((entry) => entry.startsWith('İ'));
    expect(folders).toHaveLength(1);
    expect(Buffer.byteLength(folders[0]!)).toBeLessThanOrEqual(200);
    expect(page(site, `${folders[0]}/index.html`)).toContain('Long name.');
  });
});

describe('reading posts', () => {
  it('a post over limits.postBytes: read-too-large at 1:1, not read; the others written', async () => {
    const { site } = siteWith({ 'big.md': `# Big\n\n${'x'.repeat(5000)}\n`, 'b.md': post('B', '2021-01-02 00:00:00', ['t'], 'Bee.') }, 'title: Round 2\nlimits:\n  postBytes: 4096\n');
    const result = await buildSite(site);
    expect(result.problems.map((line) => line.replace(/^.*big\.md/, 'big.md'))).toEqual(['big.md:1:1: error: is 4.9 kB, larger than the limit of 4 kB for a post (limits.postBytes in mlpost.yml): not read [read-too-large]']);
    expect(page(site, 'b/index.html')).toContain('Bee.');
  });

  it('UTF-16 with a byte order mark is read; without one it is an error that says UTF-16', async () => {
    const text = post('Wide', '2021-01-01 00:00:00', ['t'], 'Wide 中文.');
    const { site } = siteWith({});
    writeFileSync(join(site, 'posts', 'le.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(join(site, 'posts', 'bare.md'), Buffer.from(text, 'utf16le'));
    const result = await buildSite(site);
    expect(page(site, 'le/index.html')).toContain('Wide 中文.');
    expect(result.problems.map((line) => line.replace(/^.*bare\.md/, 'bare.md'))).toEqual(['bare.md:1:1: error: looks like UTF-16 text without a byte order mark: save it as UTF-8 [read-encoding]']);
  });
});

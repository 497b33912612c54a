/**
 * Posts whose file names hold `#`, `?` or `%`: the page keeps the name on disk, every link to
 * it is percent-encoded and ends in `index.html` like all others, and `#`/`?` are a warning
 * (a link written by hand must escape them; Hexo cuts a URL at `?`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { buildSite, type BuildResult } from '../../src/site/build.js';
import { closeEngines } from '../../src/engines/index.js';
import { encodeSitePath, escapeSitePath, relativeLink, splitLinkTarget } from '../../src/site/links.js';
import { makeSite, post, removeSite } from './site-fixture.js';

describe('link targets', () => {
  it('escape %, # and ? in names, and only those', () => {
    expect(escapeSitePath('2024/02/hash#tag/')).toBe('2024/02/hash%23tag/');
    expect(escapeSitePath('q?mark/per%cent/中 文/')).toBe('q%3Fmark/per%25cent/中 文/');
    expect(splitLinkTarget('hash%23tag/#more')).toEqual(['hash#tag/', '#more']);
    expect(splitLinkTarget('per%2523/?x=1')).toEqual(['per%23/', '?x=1']);
    expect(encodeSitePath('q%3Fmark/中 文/#more')).toBe('q%3Fmark/%E4%B8%AD%20%E6%96%87/#more');
    const style = { trailingIndex: true, root: '/' };
    expect(relativeLink('index.html', 'hash%23tag/#more', style)).toBe('hash%23tag/index.html#more');
    expect(relativeLink('q?mark/index.html', 'per%25cent/', style)).toBe('../per%25cent/index.html');
  });
});

describe('a site with #, ? and % in post file names', () => {
  let site: string;
  let result: BuildResult;
  const dist = (path: string) => join(site, 'dist', path);
  const read = (path: string) => readFileSync(dist(path), 'utf8');
  beforeAll(async () => {
    site = makeSite({
      'hash#tag.md': post('Hash', '2024-02-03 00:00:00', ['t'], 'Start of hash.\n\n<!-- more -->\n\nRest of hash.'),
      'q?mark.md': post('Question', '2024-02-04 00:00:00', ['t'], 'A question, see {% post_link hash#tag %}.'),
      'per%cent.md': post('Percent', '2024-02-05 00:00:00', ['t'], 'Percent, linking to [the hash post](../hash%23tag/).'),
    });
    const config = join(site, 'mlpost.yml');
    writeFileSync(config, 'title: Odd names\nurl: https://example.org/\n');
    result = await buildSite(site, { workers: 0 });
  }, 60_000);
  afterAll(async () => {
    removeSite(site);
    await closeEngines();
  });

  it('keeps each name on disk', () => {
    for (const page of ['hash#tag/index.html', 'q?mark/index.html', 'per%cent/index.html']) expect(existsSync(dist(page)), page).toBe(true);
    expect(existsSync(dist('q'))).toBe(false);
  });

  it('links to each page percent-encoded, ending in index.html, from lists, neighbours, post_link, author links, feeds and the sitemap', () => {
    const home = read('index.html');
    expect(home).toContain('<a href="per%25cent/index.html">Percent</a>');
    expect(home).toContain('<a href="q%3Fmark/index.html">Question</a>');
    expect(home).toContain('<a href="hash%23tag/index.html">Hash</a>');
    expect(home).toContain('<a class="mlpost-read-more" href="hash%23tag/index.html#more">');
    const question = read('q?mark/index.html');
    expect(question).toContain('<a class="mlpost-newer" href="../per%25cent/index.html"><span>Newer</span>Percent</a>');
    expect(question).toContain('<a class="mlpost-older" href="../hash%23tag/index.html"><span>Older</span>Hash</a>');
    expect(question).toContain('see <a href="../hash%23tag/index.html" title="Hash">Hash</a>');
    expect(read('per%cent/index.html')).toContain('<a href="../hash%23tag/index.html">the hash post</a>');
    expect(read('tags/t/index.html')).toContain('<a href="../../q%3Fmark/index.html">Question</a>');
    const locations = (new XMLParser().parse(read('sitemap.xml')) as { urlset: { url: Array<{ loc: string }> } }).urlset.url.map((url) => url.loc);
    expect(locations).toEqual(['https://example.org/', 'https://example.org/per%25cent/', 'https://example.org/q%3Fmark/', 'https://example.org/hash%23tag/']);
    expect(read('atom.xml')).toContain('<link href="https://example.org/q%3Fmark/"/>');
    expect(read('q?mark/index.html')).toContain('<link rel="canonical" href="https://example.org/q%3Fmark/">');
  });

  it('warns about # and ? (not about %), and finds every link it wrote', () => {
    const shown = (name: string) => relative(process.cwd(), join(site, 'posts', name));
    expect(result.notices.map((notice) => notice.text)).toEqual([
      `${shown('hash#tag.md')}:1:1: warning: its URL /hash#tag/ holds "#", which a link reads as the start of a fragment: the page is written there and linked as /hash%23tag/; a file name without "#" and "?" avoids this [url-reserved-character]`,
      `${shown('q?mark.md')}:1:1: warning: its URL /q?mark/ holds "?", which a link reads as the start of a query (Hexo cuts it at the "?": /q): the page is written there and linked as /q%3Fmark/; a file name without "#" and "?" avoids this [url-reserved-character]`,
    ]);
  });
});

/**
 * What the home, tag and category pages show of a post without `<!-- more -->`: Hexo's
 * index shows it whole; the default theme, a list of short entries, shows its description
 * or its first paragraph (math typeset, no ids, no footnote marks) and "Read more".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite } from '../../src/site/build.js';
import { closeEngines } from '../../src/engines/index.js';
import { leadOf } from '../../src/site/theme/summary.js';
import { makeSite, post, removeSite } from './site-fixture.js';

describe('leadOf', () => {
  it('is the first paragraph with text, without ids and footnote marks', () => {
    expect(leadOf('<h1 id="t">Title</h1>\n<figure><svg></svg></figure>\n<p></p><p>First <a href="x/" id="a">one</a><sup><a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref="">1</a></sup>.</p><p>Second.</p>')).toBe('<p>First <a href="x/">one</a>.</p>');
    expect(leadOf('<pre><code>only code</code></pre>')).toBeUndefined();
  });

  it('never shows a paragraph cut short', () => {
    const long = `<p>${'word '.repeat(10_000)}</p>`;
    expect(leadOf(long)).toBeUndefined();
    expect(leadOf(`<p>Short.</p>${long}`)).toBe('<p>Short.</p>');
  });
});

describe('lists of posts without <!-- more -->', () => {
  let site: string;
  beforeAll(async () => {
    site = makeSite({
      'plain.md': post('Plain', '2021-01-01 00:00:00', ['t'], '# A heading\n\nThe first paragraph, with $x^2$ and a note.[^1]\n\nThe second paragraph.\n\n[^1]: The note.\n'),
      'described.md': '---\ntitle: Described\ndate: 2021-01-02\ntags: [t]\ndescription: What this post is about, <in> brief.\n---\n\nBody text.\n',
      'excerpted.md': post('Excerpted', '2021-01-03 00:00:00', ['t'], 'Before more.\n\n<!-- more -->\n\nAfter more.'),
    });
    expect((await buildSite(site, { workers: 0 })).errors).toBe(0);
  }, 60_000);
  afterAll(async () => {
    removeSite(site);
    await closeEngines();
  });

  it('shows the first paragraph, or the description, and "Read more" to the post', () => {
    for (const [page, prefix] of [['index.html', ''], ['tags/t/index.html', '../../']] as const) {
      const html = readFileSync(join(site, 'dist', page), 'utf8');
      const entry = (title: string) => html.slice(html.indexOf(`>${title}</a></h2>`), html.indexOf('</li>', html.indexOf(`>${title}</a></h2>`)));
      const plain = entry('Plain');
      expect(plain).toMatch(/^>Plain<\/a><\/h2><p class="mlpost-meta">.*<\/p><div class="mlpost-excerpt"><p>The first paragraph, with <span class="katex">.*<\/span> and a note\.<\/p><\/div><p><a class="mlpost-read-more" href="[^"]*plain\/index\.html">Read more →<\/a><\/p>$/);
      expect(plain).not.toMatch(/ id=|second paragraph|A heading|fnref/);
      expect(entry('Described')).toContain(`<div class="mlpost-excerpt"><p>What this post is about, &#x3C;in> brief.</p></div><p><a class="mlpost-read-more" href="${prefix}described/index.html">Read more →</a></p>`);
      expect(entry('Excerpted')).toContain(`<div class="mlpost-excerpt"><p>Before more.</p></div><p><a class="mlpost-read-more" href="${prefix}excerpted/index.html#more">Read more →</a></p>`);
    }
    // Archives list titles only, as before.
    expect(readFileSync(join(site, 'dist/archives/index.html'), 'utf8')).not.toContain('mlpost-excerpt');
  });
});

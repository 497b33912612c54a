/**
 * Formulas in feeds: each one is its MathML alone (with its TeX as `alttext`), never KaTeX's
 * HTML rendering beside it nor MathJax's SVG, in the full-content entries and in the
 * excerpts, read back with a feed parser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Parser from 'rss-parser';
import { XMLValidator } from 'fast-xml-parser';
import { buildSite } from '../../src/site/build.js';
import { closeEngines } from '../../src/engines/index.js';
import { feedHtml } from '../../src/site/feed-html.js';
import { makeSite, post, removeSite } from './site-fixture.js';

const BODY = 'Inline $E=mc^2$ in the excerpt.\n\n<!-- more -->\n\n$$\na^2+b^2=c^2 \\tag{1}\n$$\n\nA diagram MathJax typesets: $\\begin{CD} A @>>> B \\end{CD}$, and $\\frac{1}{2}$.\n';

let site: string;
beforeAll(async () => {
  site = makeSite({ 'maths.md': post('Maths', '2021-01-01 00:00:00', ['m'], BODY), 'plain.md': post('Plain', '2021-01-02 00:00:00', ['m'], 'No formula, <b>bold</b> & [a link](../maths/).') });
  writeFileSync(join(site, 'mlpost.yml'), 'title: Feeds\nurl: https://example.org/\nfeed:\n  content: true\n');
  const result = await buildSite(site, { workers: 0 });
  expect(result.errors).toBe(0);
}, 60_000);
afterAll(async () => {
  removeSite(site);
  await closeEngines();
});

/** The `<math>` elements of an entry's HTML, each with its alttext. */
function formulas(html: string): Array<{ alttext: string | undefined; display: boolean }> {
  return [...html.matchAll(/<math\b((?:[^>"]|"[^"]*")*)>/g)].map((match) => ({ alttext: /alttext="([^"]*)"/.exec(match[1]!)?.[1], display: /display="block"/.test(match[1]!) }));
}

describe('formulas in feeds', () => {
  for (const file of ['atom.xml', 'rss2.xml']) {
    it(`${file}: one MathML rendering per formula, the TeX as its alttext, in content and excerpt`, async () => {
      const text = readFileSync(join(site, 'dist', file), 'utf8');
      expect(XMLValidator.validate(text)).toBe(true);
      const feed = await new Parser().parseString(text);
      const maths = feed.items.find((item) => item.title === 'Maths')!;
      const content = maths['content:encoded'] ?? maths.content!;
      expect(content).not.toMatch(/katex-html|katex-mathml|mjx-container|<svg|<annotation/);
      expect(formulas(content)).toEqual([
        { alttext: 'E=mc^2', display: false },
        { alttext: 'a^2+b^2=c^2 \\tag{1}', display: true },
        { alttext: '\\begin{CD} A @>>> B \\end{CD}', display: false },
        { alttext: '\\frac{1}{2}', display: false },
      ]);
      // The equation number is in the MathML.
      expect(content).toContain('<mtext>(1)</mtext>');
      const excerpt = file === 'atom.xml' ? maths.summary! : maths.content!;
      expect(formulas(excerpt)).toEqual([{ alttext: 'E=mc^2', display: false }]);
      expect(excerpt).not.toContain('katex-html');
      // What has no formula is as it was.
      const plain = feed.items.find((item) => item.title === 'Plain')!;
      expect(plain['content:encoded'] ?? plain.content).toContain('No formula, <b>bold</b> &#x26; <a href="https://example.org/maths/">a link</a>.');
    });
  }

  it('is a fraction of the size KaTeX\'s HTML made it', () => {
    const html = readFileSync(join(site, 'dist/maths/index.html'), 'utf8');
    const article = html.slice(html.indexOf('<article'), html.indexOf('</article>'));
    expect(feedHtml(article).length).toBeLessThan(article.length / 3);
    expect(statSync(join(site, 'dist/atom.xml')).size).toBeLessThan(12_000);
  });

  it('leaves HTML without formulas alone, and a KaTeX error box as it is', () => {
    expect(feedHtml('<p>a &#x26; b</p>')).toBe('<p>a &#x26; b</p>');
    const error = '<span class="katex-error" title="ParseError">\\frac{</span>';
    expect(feedHtml(`<p>${error}</p>`)).toBe(`<p>${error}</p>`);
  });
});

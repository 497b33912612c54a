/**
 * The Astro adapter, end to end: a real `astro build` (Astro 5, its CLI in a child
 * process) of a site whose `astro.config.mjs` is the README's snippet verbatim
 * (`fixtures/adapters/astro/astro.config.mjs`) and whose one page is the seed post.
 * Runs on the compiled `dist/`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSite, removeSite, repoRoot, seedPost, writeFiles } from './site.js';

describe('Astro adapter (real astro build)', () => {
  let site: string;
  let page: string;

  beforeAll(() => {
    site = makeSite('astro');
    writeFiles(site, {
      'package.json': '{ "name": "site", "type": "module", "private": true }\n',
      'astro.config.mjs': readFileSync(join(repoRoot, 'fixtures/adapters/astro/astro.config.mjs'), 'utf8'),
      'src/pages/.keep': '',
    });
    copyFileSync(seedPost, join(site, 'src/pages/rnn_intro.md'));
    execFileSync(process.execPath, [join(site, 'node_modules/astro/astro.js'), 'build', '--silent'], {
      cwd: site,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_NO_WARNINGS: '1' },
    });
    page = readFileSync(join(site, 'dist/rnn_intro/index.html'), 'utf8');
  }, 90_000);
  afterAll(() => removeSite(site));

  it('renders the two blockquotes with escaped footers', () => {
    const quotes = page.match(/<blockquote>[\s\S]*?<\/blockquote>/g) ?? [];
    expect(quotes).toHaveLength(2);
    expect(quotes[0]).toContain('预测是无关的.');
    expect(quotes[0]).toContain('<footer><strong>高杨 &#x3C;&#x3C;白话深度学习与TensorFlow>></strong></footer>');
    expect(quotes[1]).toContain(
      '<footer><strong>wildml</strong><cite><a href="http://www.wildml.com/2015/09/recurrent-neural-networks-tutorial-part-1-introduction-to-rnns/" target="_blank" rel="noopener">recurrent-neural-networks-tutorial-part-1-introduction-to-rnns</a></cite></footer>',
    );
    expect(page).not.toContain('{%');
  });

  it('typesets the math with KaTeX (Astro\'s highlighter left it alone)', () => {
    expect(page.match(/<span class="katex">/g)?.length).toBeGreaterThanOrEqual(15);
    expect(page).toContain('<annotation encoding="application/x-tex">s_t = f(Ux_t + Ws_{t-1})</annotation>');
    expect(page).not.toContain('astro-code');
  });

  it('gives every TOC link a heading id', () => {
    const toc = page.slice(0, page.indexOf('id="more"'));
    const targets = [...toc.matchAll(/href="#([^"]+)"/g)].map((match) => decodeURIComponent(match[1]!));
    expect(targets).toHaveLength(12);
    for (const id of targets) expect(page).toContain(`id="${id}"`);
  });

  it('draws the graph inline', () => {
    expect(page).toMatch(/<figure[^>]*>[\s\S]*<svg[\s\S]*<figcaption>隐马尔可夫链<\/figcaption>/);
  });

  it('keeps footnotes and leaves ~single tildes~ alone (mlpost\'s GFM, not Astro\'s)', () => {
    expect(page).toContain('data-footnotes');
    expect(page).not.toContain('<del>');
  });
});

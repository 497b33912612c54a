/**
 * The Hexo adapter through its programmatic entry, end to end: the real `hexo` package
 * generates a small site (a bare theme) holding the seed post, with mlpost registered by a
 * `scripts/` file calling `registerMlpost` (mlpost highlighting the code). The package
 * `hexo-renderer-mlpost` with real themes is `hexo-landscape.test.ts`. Runs on `dist/`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSite, removeSite, repoRoot, seedPost, testModules, writeFiles } from './site.js';

const fixtures = join(repoRoot, 'fixtures/adapters/hexo');
const layout = '<!DOCTYPE html><html><body><article>{{ page.content | safe }}</article></body></html>\n';

function buildHexoSite(scriptText: string): { site: string; engines: Array<string | null> } {
  const site = makeSite('hexo');
  writeFiles(site, {
    '_config.yml': 'title: mlpost test\nurl: https://example.com\ntheme: plain\ntimezone: UTC\n',
    'themes/plain/layout/post.njk': layout,
    'themes/plain/layout/page.njk': layout,
    'scripts/mlpost.js': scriptText,
    'source/_posts/guards.md': readFileSync(join(fixtures, 'guards.md'), 'utf8'),
  });
  copyFileSync(seedPost, join(site, 'source/_posts/rnn_intro.md'));
  const stdout = execFileSync(process.execPath, [join(fixtures, 'run-hexo.cjs')], {
    cwd: site,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NODE_PATH: testModules, NODE_NO_WARNINGS: '1' },
  });
  return { site, engines: (JSON.parse(stdout) as { engines: Array<string | null> }).engines };
}

describe('Hexo adapter (real hexo generate)', () => {
  let site: string;
  let engines: Array<string | null>;
  let seed: string;
  let guards: string;

  beforeAll(() => {
    ({ site, engines } = buildHexoSite("require('mlpost/hexo').registerMlpost(hexo, { highlighter: 'mlpost' });\n"));
    seed = readFileSync(join(site, 'public/2019/09/12/rnn_intro/index.html'), 'utf8');
    guards = readFileSync(join(site, 'public/2020/01/02/guards/index.html'), 'utf8');
  }, 90_000);
  afterAll(() => removeSite(site));

  it('renders blockquote bodies through mlpost, asynchronously (no renderSync)', () => {
    expect(engines.filter((engine) => engine === 'markdown')).toHaveLength(0);
    const quotes = seed.match(/<blockquote>[\s\S]*?<\/blockquote>/g) ?? [];
    expect(quotes).toHaveLength(2);
    // mlpost's east-Asian line breaks inside the body: no space where the source broke a line.
    expect(quotes[0]).toContain('预测是无关的.');
    expect(quotes[0]).toContain('<footer><strong>高杨 &#x3C;&#x3C;白话深度学习与TensorFlow>></strong></footer>');
    expect(quotes[1]).toContain(
      // Hexo's external_link filter (on by default) adds target and rel after mlpost renders.
      '<footer><strong>wildml</strong><cite><a target="_blank" rel="noopener" href="http://www.wildml.com/2015/09/recurrent-neural-networks-tutorial-part-1-introduction-to-rnns/">recurrent-neural-networks-tutorial-part-1-introduction-to-rnns</a></cite></footer>',
    );
    expect(quotes[1]!.match(/<li>/g)).toHaveLength(3);
    expect(seed).not.toContain('<<白话');
  });

  it('leaves no Hexo placeholder behind', () => {
    for (const page of [seed, guards]) {
      expect(page).not.toMatch(/\uFFFC|\uFDD0|\uFDD1|hexoPostRender|<!--(swig|code|comment)/);
    }
  });

  it('typesets the math with KaTeX', () => {
    expect(seed.match(/<span class="katex">/g)?.length).toBeGreaterThanOrEqual(15);
    expect(seed).toContain('<annotation encoding="application/x-tex">s_t = f(Ux_t + Ws_{t-1})</annotation>');
  });

  it('gives every TOC link a heading id', () => {
    const toc = seed.slice(0, seed.indexOf('id="more"'));
    const targets = [...toc.matchAll(/href="#([^"]+)"/g)].map((match) => decodeURIComponent(match[1]!));
    expect(targets).toHaveLength(12);
    for (const id of targets) expect(seed).toContain(`id="${id}"`);
  });

  it('draws the graph inline and writes its fileName.svg next to the page', () => {
    expect(seed).toMatch(/<figure[^>]*>[\s\S]*<svg[\s\S]*<figcaption>隐马尔可夫链<\/figcaption>/);
    const svg = readFileSync(join(site, 'public/2019/09/12/rnn_intro/rnn_intro_g1.svg'), 'utf8');
    expect(svg).toMatch(/^<\?xml[^>]*>\n<svg/);
  });

  it('keeps footnotes', () => {
    expect(seed).toContain('data-footnotes');
  });

  it('hides code and math from Hexo\'s tag pass and still runs Hexo\'s tags', () => {
    // Hexo escapes the braces inside <code> of the rendered page itself before its tag pass.
    expect(guards).toContain('<code>&#123;&#123; not_a_var &#125;&#125;</code>');
    expect(guards).toContain('<annotation encoding="application/x-tex">x_&#123;{i}}</annotation>');
    expect(guards).toMatch(/<a href="https:\/\/hexo.io\/"[^>]*>Hexo<\/a>/);
    expect(guards).toContain(' and 2 evaluated by Hexo.');
    // Highlighted at build time; the braces and the comment marker survive Hexo's tag pass.
    expect(guards).toContain('<pre><code class="language-python"><span class="hljs-built_in">print</span>(<span class="hljs-string">f"&#123;&#123;x&#125;&#125;"</span>)  <span class="hljs-comment"># &#x3C;!-- kept --></span>\n</code></pre>');
    expect(guards).toContain('<!-- a comment Hexo keeps -->');
    expect(guards).toMatch(/<blockquote><p>Inside a quote: <span class="katex">[\s\S]*<code>&#123;{ y }}<\/code>\.<\/p>\n?<footer><strong>Alice<\/strong><cite>Wonderland<\/cite><\/footer><\/blockquote>/);
  });
});

describe('Hexo adapter with Hexo\'s own blockquote tag', () => {
  it('still renders the body through mlpost via renderSync (footer unescaped, as Hexo writes it)', () => {
    const script = "require('mlpost/hexo').registerMlpost(hexo, { blockquoteFooter: 'hexo' });\n";
    const { site, engines } = buildHexoSite(script);
    try {
      const seed = readFileSync(join(site, 'public/2019/09/12/rnn_intro/index.html'), 'utf8');
      expect(engines.filter((engine) => engine === 'markdown')).toHaveLength(3);
      expect(seed).toContain('<footer><strong>高杨 <<白话深度学习与TensorFlow>></strong></footer>');
      expect(seed).toContain('预测是无关的.');
      expect(existsSync(join(site, 'public/2019/09/12/rnn_intro/rnn_intro_g1.svg'))).toBe(true);
    } finally {
      removeSite(site);
    }
  }, 90_000);
});

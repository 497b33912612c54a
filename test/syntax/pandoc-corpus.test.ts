import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, repoRoot } from '../helpers.js';
import { render } from './pandoc-pipeline.js';

/** Ids and in-page link targets of a page. */
function idsOf(html: string): Set<string> {
  return new Set([...outsideCode(html).matchAll(/<[a-z][^>]*\sid="([^"]*)"/g)].map((match) => match[1]!));
}

function fragmentLinks(html: string): string[] {
  return [...html.matchAll(/href="#([^"]*)"/g)].map((match) => decodeURIComponent(match[1]!));
}

/** The page without code, where attribute syntax is shown rather than used. */
function outsideCode(html: string): string {
  return html.replace(/<pre[\s\S]*?<\/pre>/g, '').replace(/<code[\s\S]*?<\/code>/g, '');
}

describe('pandoc extras in the corpus posts', () => {
  it('Markdown.md: spans as anchors, every in-page link resolves, the image attributes applied', () => {
    const { html, messages } = render(fixture('pandoc/Markdown.md'));
    expect(messages).toEqual([]);
    expect(html).toContain('<p><span id="blockquote"></span></p>');
    expect(html).toContain('<p><span id="myanchor"></span></p>');
    expect(html).toContain('<p><span id="mytext">AnchorText</span></p>');
    // The span claims `blockquote` first (the TOC's target); the later heading steps aside.
    expect(html).toContain('<h3 id="blockquote-1">blockquote</h3>');
    expect(html).toContain('<img src="/img/avatar.jpg" alt="float-right" class="float-right" width="20" style="height:10%">');
    const ids = idsOf(html);
    const links = fragmentLinks(html);
    expect(links.length).toBe(52);
    expect(links.filter((target) => !ids.has(target))).toEqual([]);
    expect(html).toContain('<pre><code class="language-java"><span class="hljs-keyword">for</span>');
  });

  it('optimizing_gradient_descent.md: the pipe table keeps its alignment, the quoted fences are numbered', () => {
    const { html, messages } = render(fixture('pandoc/optimizing_gradient_descent.md'));
    expect(messages).toEqual([]);
    expect(html).toContain('<th align="center">算法</th>\n<th align="left">优点</th>');
    expect(html).toContain('<td align="center">BGD</td>');
    expect(html.match(/<blockquote>\n<pre><code class="language-python numberLines mlpost-numbered" data-start-from="1"><span class="line"><span class="hljs-keyword">for<\/span>/g)).toHaveLength(4);
  });

  it('datasets.md: the raw alert blocks keep their class and their Markdown content', () => {
    const { html, messages } = render(fixture('pandoc/datasets.md'));
    expect(messages).toEqual([]);
    const alerts = html.match(/<div class="alert alert-info">[\s\S]*?<\/div>/g) ?? [];
    expect(alerts).toHaveLength(11);
    expect(alerts[0]).toBe(
      '<div class="alert alert-info"> <p>\n</p><p><strong>dataset</strong>: 10000 x 3072 = 10000(test images) x 32(width) x 32(height) x 3(channels:RGB)</p>\n' +
        '<p><strong>labels</strong>: a list of 10000 numbers in the range 0-9, <strong>labels_names</strong> in the batches.meta files.</p>\n<p></p></div>',
    );
  });

  const corpus = join(repoRoot, '..', 'shared', 'corpus');
  it.skipIf(!existsSync(corpus))('every corpus post: no attribute syntax left as text, only the known warning', () => {
    const posts = readdirSync(corpus).filter((name) => name.endsWith('.md')).sort();
    expect(posts.length).toBeGreaterThanOrEqual(15);
    const warnings: string[] = [];
    for (const post of posts) {
      const { html, messages } = render(readFileSync(join(corpus, post), 'utf8'));
      for (const message of messages) warnings.push(`${post}:${message.place} ${message.severity} ${message.ruleId}`);
      expect(outsideCode(html).match(/\]\{[^}]*\}|\)\{[^}]*\}|\{[#.][^}]*\}/g), post).toBeNull();
      const ids = [...outsideCode(html).matchAll(/<[a-z][^>]*\sid="([^"]*)"/g)].map((match) => match[1]!);
      expect(ids.length, `${post}: duplicate ids`).toBe(new Set(ids).size);
    }
    expect(warnings).toEqual(['graphviz.md:1217:34 warning fence-attribute-unterminated']);
  });
});

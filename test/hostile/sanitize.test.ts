/**
 * `sanitize: true`: untrusted raw HTML is reduced to the allow-list, script URLs are removed,
 * and mlpost's own output (graphs, KaTeX, cells, Hexo tag figures, footnotes, heading ids)
 * comes out byte for byte as without sanitizing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { afterAll, describe, expect, it } from 'vitest';
import { closeEngines } from '../../src/engines/index.js';
import { renderPost } from '../../src/pipeline/render-post.js';
import { safeSvgStyle } from '../../src/security/schema.js';
import { isScriptUrl, urlScheme } from '../../src/security/script-urls.js';
import { repoRoot } from '../helpers.js';
import { renderFixture } from './helpers.js';

afterAll(() => closeEngines());

/** Every attribute value of the page that holds a URL. */
function urlsOf(html: string): string[] {
  const urls: string[] = [];
  const stack = [fromHtml(html, { fragment: true }) as { type: string; properties?: Record<string, unknown>; children?: unknown[] }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const [key, value] of Object.entries(node.properties ?? {})) if (/href|src|action/i.test(key) && typeof value === 'string') urls.push(value);
    stack.push(...((node.children ?? []) as typeof stack));
  }
  return urls;
}

describe('script URLs', () => {
  it('recognises them as browsers read them', () => {
    expect(urlScheme(' \tJaVa\nScRiPt:alert(1)')).toBe('javascript');
    expect(urlScheme('/relative:path')).toBeUndefined();
    expect(isScriptUrl('javascript:x', true)).toBe(true);
    expect(isScriptUrl('vbscript:x', false)).toBe(true);
    expect(isScriptUrl('data:text/html,<script>', false)).toBe(true);
    expect(isScriptUrl('data:image/png;base64,AAAA', true)).toBe(false);
    expect(isScriptUrl('data:image/png;base64,AAAA', false)).toBe(true);
    expect(isScriptUrl('https://example.org/javascript:', false)).toBe(false);
    expect(isScriptUrl('#javascript:', false)).toBe(false);
  });

  it('are removed under sanitize, kept with a warning otherwise', async () => {
    const trusted = await renderFixture('script-urls.md');
    const sanitized = await renderFixture('script-urls.md', { sanitize: true });
    const scripts = (html: string) => urlsOf(html).filter((url) => isScriptUrl(url, /^data:image\//.test(url)));
    // javascript: twice, vbscript:, data:text/html, javascript: in SVG (the graph's is removed by the graph step).
    expect(scripts(trusted.html)).toHaveLength(5);
    expect(scripts(sanitized.html)).toEqual([]);
    expect(sanitized.html).toContain('<img src="data:image/png;base64,iVBORw0KGgo=" alt="ok image">');
    expect(sanitized.messages.map((message) => message.reason)[0]).toBe("`javascript:` URL in `href` of `<a>` runs code in the reader's browser: removed");
  });
});

describe('sanitize: true', () => {
  it('reduces raw HTML to the allow-list and says what it removed', async () => {
    const post = await renderFixture('unsafe-html.md', { sanitize: true });
    expect(post.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual([
      '1:6 security-element-removed', // <script>
      '1:36 security-attribute-removed', // onerror
      '3:1 security-element-removed', // <iframe>
      '5:1 security-attribute-removed', // style on a <div>
      '7:1 security-attribute-removed', // onload on <svg>
      '7:45 security-attribute-removed', // style with url(…) on <rect>
    ]);
    expect(post.html).toBe(
      '<p>Text  and <img src="x.png" alt="pic">.</p>\n\n<div>overlay</div>\n<p><svg width="4" height="4"><rect width="4" height="4" style="fill:red" /></svg></p>\n<p>THE-END</p>',
    );
  });

  it('without sanitize, trusted raw HTML is kept as written', async () => {
    const post = await renderFixture('unsafe-html.md');
    expect(post.messages).toEqual([]);
    expect(post.html).toContain('<script>alert(1)</script>');
  });

  it('keeps only safe SVG style declarations', () => {
    expect(safeSvgStyle('fill:var(--mlpost-graph-fill,#fff)')).toBe('fill:var(--mlpost-graph-fill,#fff)');
    expect(safeSvgStyle('max-width:100%;height:auto')).toBe('max-width:100%;height:auto');
    expect(safeSvgStyle('fill:url(https://evil.example/a)')).toBeUndefined();
    expect(safeSvgStyle('position:fixed;stroke:rgb(1, 2, 3)')).toBe('stroke:rgb(1, 2, 3)');
    // One step per character: no catastrophic backtracking on a long bad value.
    const started = performance.now();
    expect(safeSvgStyle(`fill:${'a'.repeat(190)}(`)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(50);
  });

  // The corpus of real posts and the example site (graphs, math, footnotes, blockquote
  // footers, cells with charts): sanitizing changes nothing that mlpost made.
  const posts = [
    ...readdirSync('/work/shared/corpus').filter((name) => name.endsWith('.md')).map((name) => join('/work/shared/corpus', name)),
    join(repoRoot, 'example-site/posts/rnn_intro.md'),
    join(repoRoot, 'example-site/posts/live-hmm-rnn.md'),
  ];
  const AUTHOR_HTML_REMOVED: Record<string, string[]> = {
    'Markdown.md': ['`<link>` is not allowed in a sanitized post: removed (its text is kept)', '`style` on `<img>` is not allowed in a sanitized post: removed'],
  };
  for (const path of posts) {
    it(`keeps mlpost's output intact: ${path.split('/').pop()}`, { timeout: 60_000 }, async () => {
      const text = readFileSync(path, 'utf8');
      const trusted = await renderPost(text, { path });
      const sanitized = await renderPost(text, { path, sanitize: true });
      const removed = sanitized.messages.filter((message) => message.source === 'mlpost:security').map((message) => message.reason);
      // Only author raw HTML may be touched: the one corpus post with some says what went.
      expect(removed).toEqual(AUTHOR_HTML_REMOVED[path.split('/').pop()!] ?? []);
      if (removed.length === 0) expect(sanitized.html).toBe(trusted.html);
      expect(sanitized.html).toMatch(/class="katex"|mlpost-graph|mlpost-cell|<p>/);
    });
  }
});

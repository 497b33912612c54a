/**
 * Every real post of the corpus (`fixtures/corpus/`, copied from ../shared/corpus) renders
 * with no error, every vim-markdown-toc link resolves except the two stale entries the
 * author left, every formula is typeset and every graph drawn.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { visit } from 'unist-util-visit';
import type { Code } from 'mdast';
import { renderPost, type RenderedPost } from '../../src/index.js';
import { graphFenceOf } from '../../src/graph/index.js';
import { fixture, repoRoot } from '../helpers.js';
import { selectAll } from '../render/select.js';

const names = readdirSync(join(repoRoot, 'fixtures/corpus')).filter((name) => name.endsWith('.md')).sort();

/** Warnings a corpus post may have, each for a reason the author's source gives. */
const EXPECTED_WARNINGS: Record<string, string[]> = {
  // Third-party Hexo tags: placeholders unless the site registers a handler.
  'Markdown.md': ['hexo-tag-unknown'],
  'nn_convolution.md': ['hexo-tag-unknown', 'hexo-tag-unknown'],
  'nn_crossent.md': ['hexo-tag-unknown'],
  'outliers_and_leverage.md': ['link-fragment-unknown', 'hexo-tag-unknown'],
  // The TOC links to a heading that no longer exists.
  'OLS_WLS_GLS.md': ['link-fragment-unknown'],
  // `\lamdba`: a typo MathJax also drew in red.
  'regularization.md': ['math-undefined-command'],
  // `latex="true"` graphs: TeX labels drawn as text; Graphviz's own layout warnings.
  'graphviz.md': ['fence-attribute-unterminated', 'graph-tex-label'],
  'rnn_intro.md': ['graph-warning', 'graph-tex-label'],
  'vanishing_exploding_gradients.md': ['graph-warning'],
};

const rendered = new Map<string, RenderedPost>();
async function render(name: string): Promise<RenderedPost> {
  if (!rendered.has(name)) rendered.set(name, await renderPost(fixture(`corpus/${name}`), { path: name }));
  return rendered.get(name)!;
}

function graphFences(markdown: string): number {
  let count = 0;
  visit(fromMarkdown(markdown), 'code', (node: Code) => {
    if (graphFenceOf(node)) count++;
  });
  return count;
}

describe.each(names)('%s', (name) => {
  it('renders with no error and only the warnings its source explains', async () => {
    const post = await render(name);
    expect(post.messages.filter((m) => m.fatal === true).map(String)).toEqual([]);
    const rules = [...new Set(post.messages.filter((m) => m.fatal === false).map((m) => m.ruleId))].sort();
    expect(rules).toEqual([...new Set(EXPECTED_WARNINGS[name] ?? [])].sort());
  });

  it('resolves every in-page link except stale TOC entries, which are warned about', async () => {
    const post = await render(name);
    const tree = fromHtml(post.html, { fragment: true });
    const ids = new Set(selectAll(tree, (node) => typeof node.properties.id === 'string').map((node) => String(node.properties.id)));
    const broken = selectAll(tree, (node) => node.tagName === 'a' && String(node.properties.href ?? '').startsWith('#'))
      .map((node) => decodeURIComponent(String(node.properties.href).slice(1)))
      .filter((id) => !ids.has(id));
    const warned = post.messages.filter((m) => m.ruleId === 'link-fragment-unknown');
    expect(broken.length).toBe(warned.length);
  });

  it('typesets every formula and draws every graph', async () => {
    const post = await render(name);
    expect(post.html).not.toContain('katex-error');
    if (name !== 'regularization.md') expect(post.html).not.toContain('#cc0000');
    const graphs = (post.html.match(/<figure class="mlpost-graph/g) ?? []).length;
    expect(graphs).toBe(graphFences(fixture(`corpus/${name}`)));
    expect(post.html).not.toContain('mlpost-graph-failed');
  });
});

describe('the corpus as a whole', () => {
  it('has exactly the two stale TOC entries the author left', async () => {
    const stale: string[] = [];
    for (const name of names) {
      for (const message of (await render(name)).messages) if (message.ruleId === 'link-fragment-unknown') stale.push(`${name}:${message.line}`);
    }
    expect(stale).toEqual(['OLS_WLS_GLS.md:13', 'outliers_and_leverage.md:14']);
  });
});

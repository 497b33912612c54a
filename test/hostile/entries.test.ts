/**
 * The size and nesting guards live in the pipeline itself (mlpost's parser and the
 * tree-depth steps), so every entry has them, not only `renderPost`: the same hostile
 * posts through `unified().use(mlpost())`, the Hexo renderer and the Astro integration
 * (Astro's own Markdown processor, from `@astrojs/markdown-remark`) give a located error
 * and the rest of the page, never a stack overflow.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mlpost } from '../../src/pipeline/index.js';
import type { HexoLike } from '../../src/adapters/hexo/hexo-api.js';
import { createRenderers } from '../../src/adapters/hexo/render.js';
import { SourcePlaces } from '../../src/adapters/hexo/source-places.js';
import { PostFiles } from '../../src/adapters/hexo/post-files.js';
import { mlpostAstro } from '../../src/adapters/astro/index.js';
import { closeEngines, sharedGraphRenderer } from '../../src/engines/index.js';
import { MAX_BRACKET_DEPTH, MAX_SOURCE_DEPTH } from '../../src/limits/source.js';
import { MAX_HTML_DEPTH, MAX_MARKDOWN_DEPTH } from '../../src/limits/tree.js';

const END = 'THE-END';
/** Each post nests past one limit, then ends with a paragraph that must still render. */
const HOSTILE: Record<string, string> = {
  'a line of quote markers': `${'> '.repeat(MAX_SOURCE_DEPTH + 50)}deep\n\n${END}\n`,
  'nested images': `${'!['.repeat(MAX_BRACKET_DEPTH + 8)}x${'](a.png)'.repeat(MAX_BRACKET_DEPTH + 8)}\n\n${END}\n`,
  'quotes over lines': `${Array.from({ length: MAX_MARKDOWN_DEPTH + 20 }, (_, depth) => `${'>'.repeat(depth + 1)} q`).join('\n')}\n\n${END}\n`,
  'raw HTML elements': `${'<div>'.repeat(MAX_HTML_DEPTH + 20)}x${'</div>'.repeat(MAX_HTML_DEPTH + 20)}\n\n${END}\n`,
};

afterAll(closeEngines);

describe('guards at every entry', () => {
  it('unified().use(mlpost()): located errors, whole page', async () => {
    const processor = unified().use(mlpost({ graph: await sharedGraphRenderer() }));
    for (const [name, text] of Object.entries(HOSTILE)) {
      const file = new VFile({ path: `${name}.md`, value: text });
      const html = String(await processor.process(file));
      expect({ name, html: html.includes(`<p>${END}</p>`) }).toEqual({ name, html: true });
      // One error per limit hit (a line past the source limit is also too deep for the tree).
      expect(file.messages.length).toBeGreaterThan(0);
      expect({ name, rules: new Set(file.messages.map((message) => `${message.ruleId} ${message.fatal}`)) }).toEqual({ name, rules: new Set(['nesting-too-deep true']) });
      expect(file.messages[0]!.line).toBe(name === 'quotes over lines' ? MAX_MARKDOWN_DEPTH + 1 : 1);
    }
  });

  it('the Hexo renderers (async for posts, sync for tag bodies): the errors in Hexo’s log at file:line:col, whole page', async () => {
    const logged: string[] = [];
    const hexo = {
      base_dir: '/blog',
      config: {},
      log: { debug: () => undefined, info: () => undefined, warn: (line: unknown) => logged.push(String(line)), error: (line: unknown) => logged.push(String(line)) },
    } as unknown as HexoLike;
    const renderers = createRenderers({ hexo, pipeline: { graph: await sharedGraphRenderer() }, highlighter: 'mlpost', places: new SourcePlaces('/blog'), files: new PostFiles() });
    await renderers.ready();
    for (const [name, text] of Object.entries(HOSTILE)) {
      for (const render of [renderers.renderAsync, renderers.renderSync]) {
        logged.length = 0;
        const html = await render({ text, path: `/blog/source/_posts/${name}.md` });
        expect(html).toContain(`<p>${END}</p>`);
        expect(logged.length).toBeGreaterThan(0);
        for (const line of logged) expect(line).toMatch(new RegExp(`^source/_posts/${name}\\.md:\\d+:\\d+: error: .* \\[nesting-too-deep\\]$`));
      }
    }
  });

  describe("the Astro integration (Astro's own Markdown processor)", () => {
    let renderMarkdown: (text: string) => Promise<string>;
    beforeAll(async () => {
      let markdown: Record<string, unknown> = {};
      const setup = mlpostAstro({ styles: false }).hooks['astro:config:setup'] as unknown as (options: unknown) => Promise<void>;
      await setup({ config: { markdown: {}, site: undefined, root: new URL('file:///') }, updateConfig: (update: { markdown: Record<string, unknown> }) => { markdown = update.markdown; }, injectScript: () => undefined, logger: { warn: () => undefined } });
      const astro = createRequire(createRequire(import.meta.url).resolve('astro/package.json'));
      const { createMarkdownProcessor } = (await import(pathToFileURL(astro.resolve('@astrojs/markdown-remark')).href)) as {
        createMarkdownProcessor: (options: Record<string, unknown>) => Promise<{ render: (text: string) => Promise<{ code: string }> }>;
      };
      const processor = await createMarkdownProcessor(markdown);
      renderMarkdown = async (text) => (await processor.render(text)).code;
    });

    it('whole pages, the deep part shown as text', async () => {
      for (const [name, text] of Object.entries(HOSTILE)) {
        expect({ name, end: (await renderMarkdown(text)).includes(`<p>${END}</p>`) }).toEqual({ name, end: true });
      }
      // The quote line is cut at the limit: the rest of it is text, not a thousand quotes.
      const quotes = await renderMarkdown(HOSTILE['a line of quote markers']!);
      expect(quotes.split('<blockquote>').length - 1).toBeLessThanOrEqual(MAX_MARKDOWN_DEPTH + 1);
    });
  });
});

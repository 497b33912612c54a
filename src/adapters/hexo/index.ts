/**
 * mlpost as Hexo's Markdown renderer.
 *
 * In a Hexo site, `scripts/mlpost.js` holding `require('mlpost/hexo').registerMlpost(hexo);`
 * makes every `.md` post render through mlpost. How it shares the work with Hexo:
 *
 * - Hexo keeps its own tag pass: it swaps each `{% tag %}…{% endtag %}`, `{{ … }}` and
 *   comment for a placeholder comment, calls this renderer, then evaluates the tags with
 *   Nunjucks. mlpost passes the placeholders through untouched, so every Hexo and
 *   third-party tag keeps working with Hexo's context (`post_link`, `asset_img`, …).
 * - Tags whose bodies are Markdown (`blockquote`) render them with `hexo.render.renderSync`,
 *   i.e. through mlpost again: the renderer is synchronous (Graphviz is loaded up front).
 *   `blockquote`/`quote` are re-registered with mlpost's footer (same grammar as Hexo's,
 *   arguments escaped) unless `blockquoteFooter: 'hexo'`.
 * - Code and math are hidden from the tag pass (see `swig-guard.ts`); Hexo's own code
 *   highlighter is turned off for the build, because mlpost must see fences (graphs, cells).
 * - Files a post produces (a graph's `fileName.svg`) are written next to the post's page.
 */
import { unified, type Processor } from 'unified';
import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { VFile } from 'vfile';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Element } from 'hast';
import { mlpost, remarkMlpost, type MlpostOptions } from '../../pipeline/index.js';
import { createGraphRenderer, type GraphRenderer } from '../../graph/index.js';
import { formatMessage, severityOf } from '../../diagnostics.js';
import { parseBlockquoteFooter } from '../../syntax/hexo-tag/blockquote.js';
import { mlpostData, type PostAsset } from '../../types.js';
import { escapeForNunjucks, guardLiterals, restoreLiterals } from './swig-guard.js';

/** Options for {@link registerMlpost}: the pipeline's, plus how to share work with Hexo. */
export interface HexoMlpostOptions extends MlpostOptions {
  /**
   * The footer of `{% blockquote %}`: `'mlpost'` (default) escapes the arguments as text;
   * `'hexo'` keeps Hexo's own tag, which writes them into the HTML unescaped.
   */
  blockquoteFooter?: 'mlpost' | 'hexo';
  /** File extensions rendered by mlpost. Default: the ones hexo-renderer-marked takes. */
  extensions?: readonly string[];
}

/** The part of Hexo's API this adapter uses (structural, so any Hexo 7–8 fits). */
export interface HexoLike {
  config: { syntax_highlighter?: string; [key: string]: unknown };
  log: { warn(...args: unknown[]): void; error(...args: unknown[]): void; info(...args: unknown[]): void };
  render: { renderSync(data: { text: string; engine: string }): string };
  extend: {
    renderer: {
      register(name: string, output: string, fn: HexoRenderer, sync: true): void;
    };
    tag: {
      register(name: string, fn: (args: string[], content: string) => string, options: { ends: boolean }): void;
    };
    filter: {
      register(type: string, fn: (data: HexoPostData) => unknown, priority?: number): void;
    };
    generator: {
      register(name: string, fn: () => Array<{ path: string; data: string | Buffer }>): void;
    };
  };
}

/** What Hexo hands a renderer. */
export interface HexoRenderData {
  text: string;
  path?: string;
}

/** A synchronous Hexo renderer. */
export type HexoRenderer = ((data: HexoRenderData, options?: unknown) => string) & { disableNunjucks?: boolean };

/** The fields of a post that Hexo's post filters receive and this adapter reads. */
export interface HexoPostData {
  content?: string;
  full_source?: string;
  path?: string;
}

/** The extensions hexo-renderer-marked registers, so `engine: 'markdown'` finds mlpost too. */
export const MARKDOWN_EXTENSIONS: readonly string[] = ['md', 'markdown', 'mkd', 'mkdn', 'mdwn', 'mdtxt', 'mdtext'];

/**
 * Register mlpost as `hexo`'s Markdown renderer. Returns a promise that settles once
 * Graphviz is loaded; the build also waits for it (a `before_generate` filter), so a
 * Hexo script may ignore it.
 */
export function registerMlpost(hexo: HexoLike, options: Readonly<HexoMlpostOptions> = {}): Promise<void> {
  const { blockquoteFooter = 'mlpost', extensions = MARKDOWN_EXTENSIONS, ...pipeline } = options;
  let graph: GraphRenderer | undefined = pipeline.graph;
  const graphReady: Promise<void> = graph
    ? Promise.resolve()
    : createGraphRenderer().then((loaded) => {
        graph = loaded;
      });
  graphReady.catch((error: unknown) => hexo.log.error('mlpost: Graphviz failed to load:', error));

  let processor: Processor<Root, Root, Root, Root, string> | undefined;
  const parser = unified().use(remarkParse).use(remarkMlpost, pipeline).freeze();
  const assetsBySource = new Map<string, PostAsset[]>();

  const render: HexoRenderer = (data) => {
    if (!graph) throw new Error('mlpost: Graphviz is not loaded yet; await registerMlpost(hexo) before rendering');
    const siteUrl = pipeline.siteUrl ?? (typeof hexo.config.url === 'string' ? hexo.config.url : undefined);
    processor ??= unified().use(mlpost({ ...pipeline, siteUrl, graph })).freeze() as unknown as Processor<Root, Root, Root, Root, string>;
    const file = new VFile({ value: restoreLiterals(data.text), path: data.path });
    const html = String(processor.processSync(file));
    for (const message of file.messages) {
      const line = formatMessage(message, data.path ?? '<hexo>');
      if (severityOf(message) === 'error') hexo.log.error(line);
      else hexo.log.warn(line);
    }
    const assets = mlpostData(file).assets;
    if (data.path && assets.length > 0) assetsBySource.set(data.path, assets);
    return escapeForNunjucks(html);
  };
  for (const extension of extensions) hexo.extend.renderer.register(extension, 'html', render, true);

  // Before Hexo escapes tags, hide code and math from its tag pass (priority 0: before
  // the built-in filters), and make sure Hexo's highlighter leaves the fences to mlpost.
  hexo.extend.filter.register(
    'before_post_render',
    (post: HexoPostData) => {
      if (hexo.config.syntax_highlighter) hexo.config.syntax_highlighter = '';
      if (typeof post.content === 'string') post.content = guardLiterals(post.content, parser);
    },
    0,
  );
  hexo.extend.filter.register('before_generate', () => graphReady, 0);

  if (blockquoteFooter === 'mlpost') {
    const blockquote = (args: string[], content: string): string => {
      const body = hexo.render.renderSync({ text: content, engine: 'markdown' });
      return `<blockquote>${body}${footerHtml(args)}</blockquote>`;
    };
    hexo.extend.tag.register('blockquote', blockquote, { ends: true });
    hexo.extend.tag.register('quote', blockquote, { ends: true });
  }

  // A post's files go next to its page: `path` is the page's URL path (`2019/09/12/x/`).
  hexo.extend.filter.register('after_post_render', (post: HexoPostData) => {
    if (!post.full_source || post.path === undefined) return;
    const assets = assetsBySource.get(post.full_source);
    if (assets) pageAssets.set(post.path, assets);
  });
  const pageAssets = new Map<string, PostAsset[]>();
  hexo.extend.generator.register('mlpost-assets', () =>
    [...pageAssets.entries()].flatMap(([page, assets]) =>
      assets.map((asset) => ({ path: joinUrlPath(page, asset.path), data: toRouteData(asset.contents) })),
    ),
  );
  return graphReady;
}

function footerHtml(args: string[]): string {
  const footer = parseBlockquoteFooter(args);
  if (!footer) return '';
  const parts: Element[] = [];
  if (footer.author) parts.push(h('strong', footer.author));
  if (footer.link) parts.push(h('cite', h('a', { href: footer.link }, footer.title ?? footer.link)));
  else if (footer.title) parts.push(h('cite', footer.title));
  return escapeForNunjucks(toHtml(h('footer', parts)));
}

function joinUrlPath(page: string, file: string): string {
  const folder = page.endsWith('/') ? page : page.replace(/[^/]*$/, '');
  return folder + file;
}

function toRouteData(contents: string | Uint8Array): string | Buffer {
  return typeof contents === 'string' ? contents : Buffer.from(contents);
}

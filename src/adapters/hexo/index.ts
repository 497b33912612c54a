/**
 * mlpost as Hexo's Markdown renderer.
 *
 * A blog installs the package `hexo-renderer-mlpost`, which Hexo loads by itself and which
 * calls {@link loadHexoPlugin}: options come from the `mlpost:` section of `_config.yml`
 * (see `config.ts`). {@link registerMlpost} is the same with options given in code (for a
 * `scripts/` file). How mlpost shares the work with Hexo:
 *
 * - Hexo keeps its own tag pass: it swaps each `{% tag %}…{% endtag %}`, `{{ … }}` and
 *   comment for a placeholder comment, calls this renderer, then evaluates the tags with
 *   Nunjucks. mlpost passes the placeholders through untouched, so every Hexo, theme and
 *   third-party tag keeps working with Hexo's context (`post_link`, `asset_img`, `note`…).
 * - Posts render asynchronously (cells run in worker threads); what Hexo or a theme renders
 *   with `renderSync` (tag bodies) renders synchronously, cells refused with a diagnostic
 *   (`render.ts`). `blockquote`/`quote` are mlpost's own async tags (cells work in quotes,
 *   the footer is escaped) unless `blockquoteFooter: 'hexo'`.
 * - Code and math are hidden from the tag pass (`swig-guard.ts`); code is highlighted once,
 *   by Hexo's configured highlighter or by mlpost (`highlight.ts`).
 * - Graph files go next to the post's page (`post-files.ts`); KaTeX's and mlpost's CSS are
 *   written to `public/mlpost/` and linked from the pages that need them (`styles.ts`).
 * - Cells and graphs are cached in the blog (`node_modules/.cache/mlpost/` by default), so
 *   a `hexo clean && hexo generate` runs no cell that ran before.
 */
import { isAbsolute, join } from 'node:path';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Element } from 'hast';
import { DiskCache } from '../../cache/disk-cache.js';
import type { MlpostOptions } from '../../pipeline/index.js';
import { parseBlockquoteFooter } from '../../syntax/hexo-tag/blockquote.js';
import type { DarkMode } from '../styles.js';
import { readHexoConfig, type HexoConfigSection } from './config.js';
import type { HexoLike, HexoPostData } from './hexo-api.js';
import { keepBacktickFilterAway, type Highlighter } from './highlight.js';
import { PostFiles, postFileRoutes } from './post-files.js';
import { createRenderers, type MlpostRenderers } from './render.js';
import { SourcePlaces } from './source-places.js';
import { darkModeSetting, registerStyles } from './styles.js';
import { escapeForNunjucks, guardLiterals } from './swig-guard.js';
import { hexoTagLookup, restoreTagBodies } from './hexo-tags.js';

export type { HexoLike, HexoPostData, HexoRenderData } from './hexo-api.js';
export { readHexoConfig, hexoConfigSchema } from './config.js';
export type { HexoConfigSection, HexoConfigResult } from './config.js';

/** Options for {@link registerMlpost}: the pipeline's, plus how to share work with Hexo. */
export interface HexoMlpostOptions extends Omit<MlpostOptions, 'highlight'> {
  /**
   * The footer of `{% blockquote %}`: `'mlpost'` (default) escapes the arguments as text;
   * `'hexo'` keeps Hexo's own tag, which writes them into the HTML unescaped.
   */
  blockquoteFooter?: 'mlpost' | 'hexo';
  /** File extensions rendered by mlpost. Default: the ones hexo-renderer-marked takes. */
  extensions?: readonly string[];
  /** Who highlights code: Hexo's `syntax_highlighter` (default) or mlpost. */
  highlighter?: Highlighter;
  /** Write KaTeX's and mlpost's CSS to `public/mlpost/` and link them. Default `true`. */
  styles?: boolean;
  /** How the theme switches to dark (`'auto'`: from the theme's config). */
  darkMode?: 'auto' | DarkMode;
  /**
   * Folder of the cell and graph caches, relative to the blog; `false`: no cache.
   * Default `node_modules/.cache/mlpost`.
   */
  cacheDir?: string | false;
}

/** The extensions hexo-renderer-marked registers, so `engine: 'markdown'` finds mlpost too. */
export const MARKDOWN_EXTENSIONS: readonly string[] = ['md', 'markdown', 'mkd', 'mkdn', 'mdwn', 'mdtxt', 'mdtext'];

/** The default cache folder, relative to the blog. */
export const DEFAULT_CACHE_DIR = 'node_modules/.cache/mlpost';

/**
 * The entry of the `hexo-renderer-mlpost` package: once every plugin and script is loaded
 * (so mlpost wins over another Markdown renderer whatever the load order), validate the
 * `mlpost:` section of `_config.yml` and register. Invalid options stop Hexo with every
 * problem named by its key.
 */
export function loadHexoPlugin(hexo: HexoLike & { extend: { filter: { register(type: 'after_init', fn: () => unknown): void } } }): void {
  hexo.extend.filter.register('after_init', () => {
    const result = readHexoConfig(hexo.config.mlpost);
    if (!result.ok) {
      throw new Error(`mlpost: the mlpost section of _config.yml is not valid:\n  ${result.problems.join('\n  ')}`);
    }
    void registerMlpost(hexo, optionsFromConfig(result.config));
  });
}

/** The options of {@link registerMlpost} that a `mlpost:` section of `_config.yml` gives. */
export function optionsFromConfig(config: Readonly<HexoConfigSection>): HexoMlpostOptions {
  return {
    ...(config.number_sections !== undefined && { numberSections: config.number_sections }),
    ...(config.sanitize !== undefined && { sanitize: config.sanitize }),
    ...(config.external_links !== undefined && { externalLinks: config.external_links }),
    ...((config.math?.macros || config.math?.markdown_escapes !== undefined) && {
      math: { ...(config.math.macros && { macros: config.math.macros }), ...(config.math.markdown_escapes !== undefined && { markdownEscapes: config.math.markdown_escapes }) },
    }),
    ...(config.cache_dir !== undefined && { cacheDir: config.cache_dir }),
    ...(config.cells && { cells: { noCache: config.cells.cache === false, ...(config.cells.concurrency !== undefined && { concurrency: config.cells.concurrency }) } }),
    ...(config.highlight && { highlighter: config.highlight }),
    ...(config.styles !== undefined && { styles: config.styles }),
    darkMode: darkModeSetting(config.dark_mode),
    ...(config.blockquote_footer && { blockquoteFooter: config.blockquote_footer }),
    ...(config.extensions && { extensions: config.extensions }),
  };
}

/**
 * Register mlpost as `hexo`'s Markdown renderer. Returns a promise that settles once
 * Graphviz is loaded; the build also waits for it (a `before_generate` filter), so a
 * Hexo script may ignore it.
 */
export function registerMlpost(hexo: HexoLike, options: Readonly<HexoMlpostOptions> = {}): Promise<void> {
  const {
    blockquoteFooter = 'mlpost',
    extensions = MARKDOWN_EXTENSIONS,
    highlighter = 'hexo',
    styles = true,
    darkMode = 'auto',
    cacheDir = DEFAULT_CACHE_DIR,
    ...pipeline
  } = options;
  const cacheRoot = cacheDir === false ? undefined : isAbsolute(cacheDir) ? cacheDir : join(hexo.base_dir, cacheDir);
  const places = new SourcePlaces(hexo.base_dir);
  const files = new PostFiles();
  const renderers = createRenderers({
    hexo,
    pipeline: {
      ...pipeline,
      ...(cacheRoot && !pipeline.cache && { cache: new DiskCache(join(cacheRoot, 'graphs')) }),
      cells: { ...(cacheRoot ? { cacheDir: join(cacheRoot, 'cells') } : { noCache: true }), ...pipeline.cells },
    },
    highlighter,
    places,
    files,
  });

  const sync = Object.assign((data: Parameters<MlpostRenderers['renderSync']>[0]) => renderers.renderSync(data), {});
  const async = Object.assign((data: Parameters<MlpostRenderers['renderAsync']>[0]) => renderers.renderAsync(data), {});
  for (const extension of extensions) {
    // The synchronous one first: registering it also sets the async slot, which the second call takes.
    hexo.extend.renderer.register(extension, 'html', sync, true);
    hexo.extend.renderer.register(extension, 'html', async, false);
  }

  // Before Hexo escapes tags, hide code and math from its tag pass (priority 0: before the
  // built-in filters), and note where the body starts for diagnostics.
  hexo.extend.filter.register(
    'before_post_render',
    (post: HexoPostData) => {
      if (post.full_source) places.rememberBody(post.full_source, post.raw, post.content);
      if (typeof post.content === 'string') post.content = guardLiterals(post.content, renderers.parser, hexoTagLookup(hexo));
    },
    0,
  );
  keepBacktickFilterAway(hexo, extensions);
  const loading = renderers.ready();
  loading.catch((error: unknown) => hexo.log.error('mlpost: could not load Graphviz:', error));
  // The cell summary counts the renders of one generate (`hexo server` and `--watch`
  // generate again after each edit): reset before, printed after when cells were rendered.
  hexo.extend.filter.register('before_generate', () => {
    Object.assign(renderers.totals, { rendered: 0, executed: 0, cached: 0, failed: 0 });
    return loading;
  }, 0);
  hexo.extend.filter.register('after_generate', () => {
    const { executed, cached, failed } = renderers.totals;
    if (executed + cached + failed > 0) hexo.log.info(`mlpost: cells: ${executed} run, ${cached} from the cache, ${failed} failed`);
  });

  // Remember which post's tags Hexo is rendering, so a tag body's diagnostics name its
  // file; and give every tag function its body as written (the swig guard's sentinels undone).
  const tag = hexo.extend.tag;
  const renderTags = tag.render.bind(tag);
  const inPost = <T>(data: unknown, run: () => T): T => {
    const post = data as HexoPostData | undefined;
    const previous = places.current;
    places.current = post?.full_source && typeof post.raw === 'string' ? { fullSource: post.full_source, raw: post.raw } : previous;
    try {
      return run();
    } finally {
      places.current = previous;
    }
  };
  tag.render = (content: string, data?: unknown) => {
    restoreTagBodies(hexo, inPost);
    return inPost(data, () => renderTags(content, data));
  };

  if (blockquoteFooter === 'mlpost') {
    const blockquote = async (args: string[], content: string): Promise<string> => {
      const place = places.current ? places.ofTagBody(content) : undefined;
      const body = await renderers.renderAsync({ text: content }, place);
      return `<blockquote>${body}${footerHtml(args)}</blockquote>`;
    };
    // Unregister first: Nunjucks would keep parsing with Hexo's synchronous tag otherwise.
    for (const name of ['blockquote', 'quote']) {
      hexo.extend.tag.unregister?.(name);
      hexo.extend.tag.register(name, blockquote, { ends: true, async: true });
    }
  }
  if (highlighter === 'mlpost') registerCodeTags(hexo, renderers);

  hexo.extend.filter.register('after_post_render', (post: HexoPostData) => files.attach(post));
  hexo.extend.generator.register('mlpost-files', () => postFileRoutes(hexo));
  if (styles) registerStyles(hexo, { darkMode, highlight: highlighter === 'mlpost' });
  return loading;
}

/** `{% codeblock %}`/`{% code %}` through mlpost's own tag (its highlighter), for `highlighter: 'mlpost'`. */
function registerCodeTags(hexo: HexoLike, renderers: MlpostRenderers): void {
  const codeblock = (args: string[], content: string): string =>
    renderers.renderSync({ text: `{% codeblock ${args.join(' ')} %}\n${content}\n{% endcodeblock %}\n` });
  for (const name of ['codeblock', 'code']) {
    hexo.extend.tag.unregister?.(name);
    hexo.extend.tag.register(name, codeblock, { ends: true });
  }
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

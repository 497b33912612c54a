/**
 * The mlpost plugins composed: `remarkMlpost` (Markdown syntax and the build-time
 * features), `rehypeMlpost` (HTML stage: raw HTML, heading ids, math, links, outline) and
 * `mlpost()`, a whole unified preset from Markdown text to an HTML string.
 *
 * Each piece is also exported alone, for people who assemble their own pipeline
 * (Astro's `remarkPlugins`/`rehypePlugins`, Hexo renderers).
 */
/// <reference types="remark-parse" />
import type { Plugin, PluginTuple, Preset, Processor, Transformer } from 'unified';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { remarkPandocMath } from './math/remark-pandoc-math.js';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkRehype from 'remark-rehype';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import { remarkHexoTags, type HexoTagOptions, type TagSiteOptions } from './syntax/hexo-tag/index.js';
import { remarkMore } from './syntax/more.js';
import { remarkHashLists } from './syntax/hash-lists.js';
import { remarkCjkLineBreaks } from './syntax/cjk-line-breaks.js';
import { remarkImplicitFigures } from './syntax/implicit-figures.js';
import { rehypeMath, type MathOptions } from './math/rehype-math.js';
import { rehypeEquationRefs } from './math/equation-refs.js';
import { rehypeExternalLinks } from './render/external-links.js';
import { rehypeOutline } from './render/outline.js';
import { rehypeRawHtml } from './render/raw-html.js';
import { rehypeFragmentLinks } from './render/fragment-links.js';
import { rehypeSectionNumbers } from './render/section-numbers.js';
import { remarkCodeBlankLines, rehypeCodeBlankLines } from './render/code-blank-lines.js';
import { remarkPandocAttributes, remarkCodeAttributes, remarkPandocDefinitionLists, remarkPandocLineBlocks, remarkPandocHtmlDivs, remarkPandocBulletLists, remarkPandocExampleLists, remarkPandocLazyQuotes, remarkPandocSimpleTables, rehypeMarkAuthorIds, rehypeUniqueIds } from './syntax/pandoc/index.js';
import { rehypeHighlightCode } from './render/highlight/index.js';
import { remarkGraphStep } from './render/graph-step.js';
import { remarkCellsStep } from './render/cells-step.js';
import type { GraphRenderer } from './graph/index.js';
import type { DiskCache } from './cache/disk-cache.js';
import { rehypeSecurity } from './security/rehype-security.js';
import { remarkNestingLimit, remarkRawHtmlLimit } from './security/nesting.js';
// Side effect: micromark's quadratic EditMap.consume replaced by an equivalent linear one.
import './security/linear-edit-map.js';
// Side effect: micromark's quadratic merge of inline text tokens replaced by a linear one.
import './security/linear-text-resolver.js';

/** Options shared by the whole pipeline. */
export interface MlpostOptions {
  /** Hexo tag handlers to add or replace, by tag name. */
  tags?: HexoTagOptions['handlers'];
  /** What Hexo tags need to know about the site: its folder, `include_code`'s folder, the posts `post_link` can name. */
  site?: TagSiteOptions;
  /** KaTeX macros every document starts with. */
  math?: MathOptions;
  /** The site's base URL (links to its host are not "external"). */
  siteUrl?: string;
  /** Number the headings (`2.1 …`) as pandoc's `--number-sections` did for the original blog. Default `false`. */
  numberSections?: boolean;
  /** Open links to other sites in a new tab, as Hexo does by default. Default `true`. */
  externalLinks?: boolean;
  /**
   * A loaded Graphviz renderer (`await createGraphRenderer()`). Give one to keep the
   * pipeline synchronous; without it the shared renderer loads on the first graph.
   */
  graph?: GraphRenderer;
  /** Disk cache for rendered graphs, keyed on everything that affects them. */
  cache?: DiskCache;
  /** Executable cells: where their results are cached, and whether to run every cell afresh. */
  cells?: { cacheDir?: string; noCache?: boolean; concurrency?: number };
  /**
   * For posts from people the site does not trust: reduce raw HTML to a safe allow-list
   * (GitHub's, plus mlpost's own graphs, math and cells) and remove script URLs. Default
   * `false`: raw HTML is kept, script URLs are only warned about.
   */
  sanitize?: boolean;
  /**
   * Highlight code blocks at build time (highlight.js grammars). Default `true`; `false`
   * leaves `<pre><code class="language-x">` for another highlighter (Hexo's, a theme's).
   */
  highlight?: boolean;
}

const emptyOptions: Readonly<MlpostOptions> = Object.freeze({});

/** A plugin with its options, as `unified().use()` takes it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- unified's own tuple type
export type PluginEntry = PluginTuple<any[], any, any>;

/** The remark plugins, in order: Hexo/pandoc syntax and the build-time features on mdast. */
export function remarkMlpostPlugins(options: Readonly<MlpostOptions> = emptyOptions): PluginEntry[] {
  return [
    // First and last: deep nesting would overflow the recursive steps (security/nesting.ts).
    [remarkNestingLimit],
    [remarkFrontmatter, ['yaml']],
    // Pandoc reads `~x~` as a subscript, never as strikethrough: only `~~x~~` strikes.
    [remarkGfm, { singleTilde: false }],
    [remarkPandocDefinitionLists],
    [remarkPandocLineBlocks],
    [remarkPandocHtmlDivs],
    // Before the Hexo tag pass: cells are parsed with the post's syntax, tags expand later.
    [remarkPandocSimpleTables],
    [remarkPandocMath],
    [remarkCjkFriendly],
    [remarkHexoTags, { handlers: options.tags ?? {}, ...options.site }],
    [remarkMore],
    // Before anything rewrites text (it maps text back to the source) and before implicit
    // figures (`![](i.png){.center}` must end up alone in its paragraph).
    [remarkPandocAttributes],
    [remarkHashLists],
    [remarkPandocBulletLists],
    [remarkPandocLazyQuotes],
    [remarkPandocExampleLists],
    [remarkCjkLineBreaks],
    [remarkImplicitFigures],
    [remarkGraphStep, { renderer: options.graph, cache: options.cache }],
    [remarkCellsStep, { graph: options.graph, ...options.cells }],
    // After Hexo's codeblock tags became code nodes; graph and cell fences are gone by now.
    [remarkCodeAttributes],
    [remarkCodeBlankLines],
    [remarkRawHtmlLimit],
  ];
}

/** The rehype plugins, in order: raw HTML parsed, security (script URLs, `sanitize`), heading ids, math, links, outline. */
export function rehypeMlpostPlugins(options: Readonly<MlpostOptions> = emptyOptions): PluginEntry[] {
  return [
    [rehypeRawHtml],
    [rehypeCodeBlankLines],
    // Right after author HTML becomes elements, before math, ids and links are added.
    [rehypeSecurity, { sanitize: options.sanitize === true }],
    [rehypeMarkAuthorIds],
    [rehypeSlug],
    [rehypeEquationRefs],
    [rehypeMath, options.math ?? {}],
    // After math: display math is also `pre > code`.
    ...(options.highlight === false ? [] : [[rehypeHighlightCode] as PluginEntry]),
    ...(options.externalLinks === false ? [] : [[rehypeExternalLinks, { siteUrl: options.siteUrl }] as PluginEntry]),
    // After every step that makes ids, before the outline reads them.
    [rehypeUniqueIds],
    [rehypeOutline],
    // After the outline: its entries keep the heading text without the number.
    ...(options.numberSections === true ? [[rehypeSectionNumbers] as PluginEntry] : []),
    [rehypeFragmentLinks],
  ];
}

/**
 * All of mlpost's remark side as one plugin, for pipelines that take a list of plugins
 * (Astro's `remarkPlugins`, a Hexo renderer). Same as `remarkMlpostPlugins` in order.
 */
export function remarkMlpost(this: Processor, options: Readonly<MlpostOptions> = emptyOptions) {
  return composePlugins(this, remarkMlpostPlugins(options));
}

/** All of mlpost's rehype side as one plugin. */
export function rehypeMlpost(this: Processor, options: Readonly<MlpostOptions> = emptyOptions) {
  return composePlugins(this, rehypeMlpostPlugins(options));
}

/**
 * Attach `plugins` to `processor` and return one transformer running theirs in order.
 * (Calling `processor.use` from inside an attacher would queue them after every plugin
 * already attached, e.g. after remark-rehype, on the wrong tree.) It stays synchronous
 * while every transformer is, so `processSync` and Hexo's `renderSync` keep working.
 */
function composePlugins(processor: Processor, plugins: PluginEntry[]) {
  const transformers: Transformer[] = [];
  for (const [plugin, option] of plugins) {
    const attacher = plugin as Plugin<unknown[]> as (this: Processor, options?: unknown) => Transformer | undefined | void;
    const transformer = attacher.call(processor, option);
    if (typeof transformer === 'function') transformers.push(transformer);
  }
  return (tree: Node, file: VFile): Node | Promise<Node> => runFrom(0, tree, file);

  function runFrom(start: number, tree: Node, file: VFile): Node | Promise<Node> {
    for (let index = start; index < transformers.length; index++) {
      const result = (transformers[index] as (tree: Node, file: VFile) => unknown)(tree, file);
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        return (result as Promise<Node | undefined>).then((next) => runFrom(index + 1, next ?? tree, file));
      }
      if (result && typeof result === 'object' && 'type' in result) tree = result as Node;
    }
    return tree;
  }
}

/** The whole pipeline, Markdown text to HTML string: `unified().use(mlpost())`. */
export function mlpost(options: Readonly<MlpostOptions> = emptyOptions): Preset {
  return {
    plugins: [
      [remarkParse],
      ...remarkMlpostPlugins(options),
      [remarkRehype, { allowDangerousHtml: true }],
      ...rehypeMlpostPlugins(options),
      // KaTeX output is kept as raw HTML (see math/rehype-math.ts); author HTML never is.
      [rehypeStringify, { closeEmptyElements: true, allowDangerousHtml: true }],
    ],
  };
}

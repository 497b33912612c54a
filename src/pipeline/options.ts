/**
 * The options of the whole pipeline, read by its stages (`stages/`): one object, so the
 * preset, `renderPost`, the Hexo renderer and the Astro integration take the same words.
 */
import type { TagSiteOptions, TagHandler } from '../syntax/hexo-tag/index.js';
import type { MathOptions } from '../math/rehype-math.js';
import type { GraphRenderer } from '../graph/index.js';
import type { DiskCache } from '../cache/disk-cache.js';
import type { RenderLimits } from '../limits/settings.js';

/** Options shared by the whole pipeline. */
export interface MlpostOptions {
  /**
   * Read front matter at the top of the text, in every form Hexo accepts. Default `true`;
   * the Hexo and Astro adapters turn it off, because their hosts take it off first.
   */
  frontMatter?: boolean;
  /** Hexo tag handlers to add or replace, by tag name. */
  tags?: Readonly<Record<string, TagHandler>>;
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
  /** Disk cache for rendered graphs (`new DiskCache(folder)`), keyed on everything that affects them. */
  cache?: DiskCache;
  /** Executable cells: where their results are cached, and whether to run every cell afresh. */
  cells?: { cacheDir?: string | false; noCache?: boolean; concurrency?: number };
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
  /** Time and size limits (graph layouts, formulas); see `limits/settings.ts` for the defaults. */
  limits?: RenderLimits;
}

export const emptyOptions: Readonly<MlpostOptions> = Object.freeze({});

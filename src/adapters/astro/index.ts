/**
 * mlpost in Astro: an integration that plugs mlpost's remark and rehype sides into the
 * unified processor of `@astrojs/markdown-remark`, which then renders every `.md` page and
 * content-collection entry.
 *
 * ```js
 * // astro.config.mjs
 * import { defineConfig } from 'astro/config';
 * import mlpost from 'mlpost/astro';
 * export default defineConfig({ integrations: [mlpost()] });
 * ```
 *
 * Astro 5 (and 6 before `markdown.processor`) always renders Markdown with unified, so the
 * plugins go into `markdown.remarkPlugins`/`rehypePlugins`. Astro 7 renders with Sätteri
 * (a non-unified engine) unless `markdown.processor` is `unified()` from
 * `@astrojs/markdown-remark`, and only that processor runs remark/rehype plugins: there
 * the integration sets the processor (loading `@astrojs/markdown-remark` from the site,
 * which must install it) or, if the site already chose `unified()`, adds to it.
 *
 * Astro's own Markdown extras are turned off where they would fight mlpost: GFM (mlpost
 * adds remark-gfm itself, with pandoc's `~subscript~` rule), SmartyPants (the posts were
 * written for pandoc's `markdown-smart`), and syntax highlighting (Shiki runs before the
 * user's rehype plugins and would swallow the `language-math` code that mlpost turns into
 * KaTeX). Astro's processor runs asynchronously, so Graphviz loads on the first graph.
 *
 * Styles: KaTeX's CSS (with its fonts) and mlpost's content stylesheet are imported into
 * every page through `injectScript('page-ssr', …)`, Astro's way for an integration to add
 * CSS; Vite bundles them with the fonts. They only style KaTeX's and mlpost's classes, so
 * pages without math or mlpost output are left as they were. mlpost's colours stay light
 * unless `darkMode` says how the site switches (`'media'`, or a selector such as `.dark`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rehypeMlpost, remarkMlpost, type MlpostOptions } from '../../pipeline/index.js';
import type { AstroConfigLike, AstroIntegrationLike } from './astro-types.js';
import { CONTENT_STYLESHEET, contentStylesheet, katexStylesheetPath, type DarkMode } from '../styles.js';

/** Options for {@link mlpostAstro}: the pipeline's own, and the styles'. */
export interface AstroMlpostOptions extends MlpostOptions {
  /** Add KaTeX's and mlpost's CSS to the pages. Default `true`. */
  styles?: boolean;
  /** How the site switches to dark: `'none'` (default: mlpost stays light), `'media'`, or `{ selector: '.dark' }`. */
  darkMode?: DarkMode;
}

/** What the integration reads and writes of Astro 7's `markdown.processor` (`unified()`'s shape). */
interface MarkdownProcessorLike {
  name: string;
  options: Record<string, unknown>;
  createRenderer: (...args: never[]) => unknown;
}

/** `unified()` from `@astrojs/markdown-remark` ≥ 7.2. */
type UnifiedFactory = (options: {
  remarkPlugins?: unknown[];
  rehypePlugins?: unknown[];
  gfm?: boolean;
  smartypants?: boolean;
}) => MarkdownProcessorLike;

/** The integration. */
export function mlpostAstro(options: Readonly<AstroMlpostOptions> = {}): AstroIntegrationLike {
  return {
    name: 'mlpost',
    hooks: {
      'astro:config:setup': async ({ config, updateConfig, logger, injectScript }) => {
        const { styles = true, darkMode = 'none', ...pipeline } = options;
        if (styles) injectScript('page-ssr', styleImports(config.root, darkMode));
        // Astro takes the front matter off before Markdown sees the text.
        const pluginOptions = { siteUrl: config.site, ...pipeline, frontMatter: false };
        const remarkPlugins = [[remarkMlpost, pluginOptions]];
        const rehypePlugins = [[rehypeMlpost, pluginOptions]];
        const current = processorOf(config);
        if (current === undefined) {
          updateConfig({
            markdown: { remarkPlugins, rehypePlugins, gfm: false, smartypants: false, syntaxHighlight: false },
          } as Parameters<typeof updateConfig>[0]);
          return;
        }
        let processor: MarkdownProcessorLike;
        if (current.name === 'unified') {
          processor = current;
          appendPlugins(processor.options, 'remarkPlugins', remarkPlugins);
          appendPlugins(processor.options, 'rehypePlugins', rehypePlugins);
          Object.assign(processor.options, { gfm: false, smartypants: false });
        } else {
          const unified = await loadUnified(config.root);
          processor = unified({ remarkPlugins, rehypePlugins, gfm: false, smartypants: false });
          if (hasPlugins(current.options)) {
            logger.warn(`markdown.processor "${current.name}" replaced by unified(): mlpost runs only on unified, so the plugins given to "${current.name}" no longer run`);
          }
        }
        // Astro 5's config type has no `processor`; Astro 7 replaces it whole on merge.
        updateConfig({ markdown: { processor, syntaxHighlight: false } } as Parameters<typeof updateConfig>[0]);
      },
    },
  };
}

/**
 * The `import`s of the stylesheets, for every page: KaTeX's from the KaTeX that renders the
 * math, mlpost's written for `darkMode` into the site's `node_modules/.cache/mlpost/astro/`
 * (highlighting colours included: mlpost highlights code in Astro).
 */
function styleImports(root: URL, darkMode: DarkMode): string {
  const folder = join(fileURLToPath(root), 'node_modules', '.cache', 'mlpost', 'astro');
  mkdirSync(folder, { recursive: true });
  const content = join(folder, CONTENT_STYLESHEET);
  const css = contentStylesheet({ dark: darkMode, highlight: true });
  // Unchanged bytes are not rewritten: a dev server would reload on every config load.
  if (!existsSync(content) || readFileSync(content, 'utf8') !== css) writeFileSync(content, css);
  return [katexStylesheetPath(), content].map((path) => `import ${JSON.stringify(path)};`).join('\n');
}

/** Astro ≥ 6.4's `markdown.processor`, or `undefined` on an Astro without one. */
function processorOf(config: AstroConfigLike): MarkdownProcessorLike | undefined {
  const processor: unknown = (config.markdown as { processor?: unknown }).processor;
  if (typeof processor !== 'object' || processor === null) return undefined;
  const candidate = processor as Partial<MarkdownProcessorLike>;
  if (typeof candidate.name !== 'string' || typeof candidate.createRenderer !== 'function') return undefined;
  candidate.options ??= {};
  return candidate as MarkdownProcessorLike;
}

function appendPlugins(options: Record<string, unknown>, key: 'remarkPlugins' | 'rehypePlugins', plugins: unknown[]): void {
  const existing = options[key];
  options[key] = Array.isArray(existing) ? [...(existing as unknown[]), ...plugins] : plugins;
}

function hasPlugins(options: Record<string, unknown>): boolean {
  return Object.values(options).some((value) => Array.isArray(value) && value.length > 0);
}

/**
 * `unified` from the site's `@astrojs/markdown-remark` (an optional peer of Astro 7 that
 * the site installs), falling back to the copy beside mlpost.
 */
async function loadUnified(root: URL): Promise<UnifiedFactory> {
  const candidates: string[] = [];
  try {
    candidates.push(pathToFileURL(createRequire(new URL('package.json', root)).resolve('@astrojs/markdown-remark')).href);
  } catch {
    // Not installed in the site: try mlpost's own resolution below.
  }
  candidates.push('@astrojs/markdown-remark');
  for (const specifier of candidates) {
    try {
      const module = (await import(specifier)) as { unified?: unknown };
      if (typeof module.unified === 'function') return module.unified as UnifiedFactory;
    } catch {
      // Missing or broken: try the next one, then report below.
    }
  }
  throw new Error(
    'mlpost/astro: this Astro renders Markdown with Sätteri unless markdown.processor is unified(), and mlpost needs unified; ' +
      'install @astrojs/markdown-remark 7.2 or newer in the site (npm install @astrojs/markdown-remark)',
  );
}

export default mlpostAstro;

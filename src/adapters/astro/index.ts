/**
 * mlpost in Astro: an integration that plugs mlpost's remark and rehype sides into the
 * unified processor of `@astrojs/markdown-remark`, which renders every `.md` page and
 * content-collection entry.
 *
 * ```js
 * // astro.config.mjs
 * import { defineConfig } from 'astro/config';
 * import mlpost from 'mlpost/astro';
 * export default defineConfig({ integrations: [mlpost()] });
 * ```
 *
 * Astro's own Markdown extras are turned off where they would fight mlpost: GFM (mlpost
 * adds remark-gfm itself, with pandoc's `~subscript~` rule), SmartyPants (the posts were
 * written for pandoc's `markdown-smart`), and syntax highlighting (Shiki runs before the
 * user's rehype plugins and would swallow the `language-math` code that mlpost turns into
 * KaTeX). Astro's processor runs asynchronously, so Graphviz loads on the first graph.
 */
import type { AstroIntegration } from 'astro';
import { rehypeMlpost, remarkMlpost, type MlpostOptions } from '../../preset.js';

/** Options for {@link mlpostAstro}: the pipeline's own. */
export type AstroMlpostOptions = MlpostOptions;

/** The Astro integration. */
export function mlpostAstro(options: Readonly<AstroMlpostOptions> = {}): AstroIntegration {
  return {
    name: 'mlpost',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        updateConfig({
          markdown: {
            remarkPlugins: [[remarkMlpost, { siteUrl: config.site, ...options }]],
            rehypePlugins: [[rehypeMlpost, { siteUrl: config.site, ...options }]],
            gfm: false,
            smartypants: false,
            syntaxHighlight: false,
          },
        });
      },
    },
  };
}

export default mlpostAstro;

/**
 * KaTeX's CSS and fonts and mlpost's content stylesheet in a Hexo blog, with no theme edit:
 *
 * - a generator writes them to `public/mlpost/` (`katex.min.css`, `fonts/*.woff2`,
 *   `mlpost.css`);
 * - Hexo's injector puts their `<link>`s at the end of every page's `<head>`, and an
 *   `after_render:html` filter takes each back out of the pages that do not use it
 *   (no formula: no KaTeX CSS), so only pages with math, graphs or cells load them.
 *
 * Dark mode follows the theme: `dark_mode: auto` reads it from NexT's `darkmode` (and
 * `lightdark`), which switch with `prefers-color-scheme`; other themes are taken as light
 * only unless `dark_mode` says how they switch (`media`, or a selector such as
 * `[data-theme="dark"]`).
 */
import { createReadStream } from 'node:fs';
import { CONTENT_STYLESHEET, KATEX_STYLESHEET, contentStylesheet, darkModeOf, katexFiles, usesKatex, usesMlpostStyles, type DarkMode } from '../styles.js';
import type { HexoLike, HexoRoute } from './hexo-api.js';

/** Where the styles go under `public/`. */
export const STYLES_FOLDER = 'mlpost/';

/** Options of {@link registerStyles}. */
export interface HexoStyleOptions {
  /** `'auto'` (from the theme), or how the theme switches to dark. */
  darkMode: 'auto' | DarkMode;
  /** Include the colours of mlpost's own code highlighting. */
  highlight: boolean;
}

/** Register the generator, the injected links and the filter that keeps them where needed. */
export function registerStyles(hexo: HexoLike, options: Readonly<HexoStyleOptions>): void {
  hexo.extend.generator.register('mlpost-styles', () => styleRoutes(hexo, options));
  const katexLink = linkTag(hexo, `${STYLES_FOLDER}${KATEX_STYLESHEET}`);
  const mlpostLink = linkTag(hexo, `${STYLES_FOLDER}${CONTENT_STYLESHEET}`);
  hexo.extend.injector.register('head_end', katexLink + mlpostLink, 'default');
  hexo.extend.filter.register('after_render:html', (html: string) => {
    if (!html.includes(katexLink)) return html;
    let page = html;
    if (!usesKatex(page)) page = page.replace(katexLink, '');
    if (!usesMlpostStyles(page) && !usesKatex(page)) page = page.replace(mlpostLink, '');
    return page;
  });
}

function styleRoutes(hexo: HexoLike, options: Readonly<HexoStyleOptions>): HexoRoute[] {
  const dark = options.darkMode === 'auto' ? themeDarkMode(hexo) : options.darkMode;
  const katex: HexoRoute[] = katexFiles().map((file) => ({ path: `${STYLES_FOLDER}${file.path}`, data: () => createReadStream(file.source) }));
  return [...katex, { path: `${STYLES_FOLDER}${CONTENT_STYLESHEET}`, data: contentStylesheet({ dark, highlight: options.highlight }) }];
}

/** The theme's dark mode, for the themes mlpost knows: NexT (`darkmode`, `lightdark.enable`); others light. */
export function themeDarkMode(hexo: HexoLike): DarkMode {
  const theme = String(hexo.config.theme ?? '');
  const config = hexo.theme?.config ?? {};
  if (/^next$|hexo-theme-next/.test(theme)) {
    const lightdark = config.lightdark as { enable?: unknown } | undefined;
    if (config.darkmode === true || lightdark?.enable === true) return 'media';
  }
  return 'none';
}

/** `dark_mode` from `_config.yml`: `auto` or a {@link DarkMode}. */
export function darkModeSetting(value: string | undefined): 'auto' | DarkMode {
  return value === undefined || value === 'auto' ? 'auto' : darkModeOf(value);
}

function linkTag(hexo: HexoLike, path: string): string {
  const root = typeof hexo.config.root === 'string' && hexo.config.root !== '' ? hexo.config.root : '/';
  const href = (root.endsWith('/') ? root : `${root}/`) + path;
  return `<link rel="stylesheet" href="${escapeAttribute(href)}" data-mlpost>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

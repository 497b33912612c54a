/**
 * The stylesheets a theme's page needs for mlpost's output, shared by the Hexo and Astro
 * adapters: KaTeX's CSS and fonts (from the KaTeX that renders the math, so markup and CSS
 * match) and mlpost's content stylesheet, put together from `assets/embed/` for the
 * theme's dark mode and for who highlights code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { staticAssets, themeDirectory } from '../site/assets.js';

/**
 * How the theme switches to dark: `'none'` (a light-only theme: mlpost stays light),
 * `'media'` (it follows the reader's system, `prefers-color-scheme`), or a CSS selector
 * that matches an ancestor while the theme is dark (`[data-theme="dark"]`, `.dark`).
 */
export type DarkMode = 'none' | 'media' | { selector: string };

/** What goes into mlpost's content stylesheet. */
export interface ContentStyleOptions {
  dark: DarkMode;
  /** Include the colours of mlpost's own code highlighting. */
  highlight: boolean;
}

/** A file of the styles: its path under the styles folder and where to read it. */
export interface StyleFile {
  path: string;
  source: string;
}

/** The name of the content stylesheet in the styles folder. */
export const CONTENT_STYLESHEET = 'mlpost.css';
/** The name of KaTeX's stylesheet in the styles folder (its fonts sit in `fonts/` beside it). */
export const KATEX_STYLESHEET = 'katex.min.css';

function embedPart(name: string): string {
  return readFileSync(join(themeDirectory(), 'embed', name), 'utf8');
}

/** mlpost's content stylesheet for a theme's page. */
export function contentStylesheet(options: Readonly<ContentStyleOptions>): string {
  const parts = [`:root {\n${embedPart('palette-light.css')}}\n`];
  const dark = embedPart('palette-dark.css');
  if (options.dark === 'media') parts.push(`@media (prefers-color-scheme: dark) {\n  :root {\n${indent(dark)}  }\n}\n`);
  else if (typeof options.dark === 'object') parts.push(`${options.dark.selector} {\n${dark}}\n`);
  parts.push(embedPart('content.css'), embedPart('theme-tags.css'));
  if (options.highlight) parts.push(embedPart('highlight.css'));
  return parts.join('');
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, '  ');
}

/** KaTeX's stylesheet and its WOFF2 fonts, as paths relative to one folder (`katex.min.css`, `fonts/…`). */
export function katexFiles(): StyleFile[] {
  return staticAssets()
    .filter((asset) => asset.path.startsWith('katex/'))
    .map((asset) => ({ path: asset.path.slice('katex/'.length), source: asset.source }));
}

/** The path of KaTeX's stylesheet on disk. */
export function katexStylesheetPath(): string {
  return katexFiles().find((file) => file.path === KATEX_STYLESHEET)!.source;
}

/** Whether a page's HTML holds KaTeX output. */
export function usesKatex(html: string): boolean {
  return /class="katex[\s"-]/.test(html);
}

/** Whether a page's HTML holds elements that mlpost's content stylesheet styles. */
export function usesMlpostStyles(html: string): boolean {
  return /class="(?:[^"]*\s)?(?:mlpost-|hljs-|katex-display|contains-task-list|center"|float-right)/.test(html) || /data-footnotes/.test(html);
}

/**
 * The theme's dark mode as a {@link DarkMode}, from a user's setting: `'auto'` is resolved
 * by the caller (it knows the theme); a string other than `none`/`media` is a selector.
 */
export function darkModeOf(setting: string): DarkMode {
  if (setting === 'none' || setting === 'media') return setting;
  return { selector: setting };
}

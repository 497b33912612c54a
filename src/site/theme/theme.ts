/**
 * The theme: Nunjucks templates (Hexo's own template language) for the page shell, the
 * post and list pages, from mlpost's default theme (`assets/theme/`) with any file of the
 * site's `theme/` folder in its place. Output is HTML-escaped unless a template says
 * `| safe` (the post body, excerpts). `docs/theme.md` lists the templates and what each
 * one is given.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { packageRoot } from '../../package-root.js';
import type { Environment, ILoaderAny } from 'nunjucks';
import { precompiledDefaultTemplates } from './precompiled-templates.js';

/** mlpost's default theme folder. */
export function defaultThemeDirectory(): string {
  return join(packageRoot(), 'assets', 'theme');
}

/** The site's stylesheet override, if its theme folder has one. */
export const THEME_STYLESHEET = 'mlpost.css';

/** A template that failed, located in its file. */
export class ThemeError extends Error {
  override name = 'ThemeError';
}

/** The templates of a site, loaded on first use. */
export class Theme {
  private environment: Environment | undefined;
  /** A hash of every template file (the default theme's and the site's): part of every page's key. */
  readonly fingerprint: string;

  constructor(readonly folders: readonly string[]) {
    const hash = createHash('sha256');
    for (const folder of folders) hash.update(`${folder === folders.at(-1) ? 'default' : 'site'}:${templateDigest(folder)}\0`);
    this.fingerprint = hash.digest('hex');
  }

  /** Render `name` (`post.njk` …) with `context`; a template error is a {@link ThemeError} naming its file and line. */
  render(name: string, context: object): string {
    this.environment ??= createEnvironment(this.folders);
    try {
      return this.environment.render(name, context);
    } catch (error) {
      throw new ThemeError(describe(error, this.folders, name));
    }
  }
}

/** The theme of a site whose overrides are in `siteThemeFolder` (which need not exist). */
export function openTheme(siteThemeFolder: string | undefined): Theme {
  const folders = siteThemeFolder && existsSync(siteThemeFolder) ? [siteThemeFolder, defaultThemeDirectory()] : [defaultThemeDirectory()];
  return new Theme(folders);
}

/** A hash of the names and bytes of every template under `folder`. */
export function templateDigest(folder: string): string {
  const hash = createHash('sha256');
  for (const name of templateNames(folder)) hash.update(`${name}\0`).update(readFileSync(join(folder, name))).update('\0');
  return hash.digest('hex');
}

/** The templates under `folder` as Nunjucks names them (`post.njk`, `_partials/head.njk`), sorted. */
export function templateNames(folder: string): string[] {
  return templateFiles(folder).map((file) => relative(folder, file).split(sep).join('/'));
}

function templateFiles(folder: string): string[] {
  const files: string[] = [];
  const walk = (directory: string) => {
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.njk')) files.push(path);
    }
  };
  walk(folder);
  return files;
}

function createEnvironment(folders: readonly string[]): Environment {
  const nunjucks = loadNunjucks();
  // Templates are compiled once per build (each build opens the theme afresh, so an edited
  // template is read again by the next one, as under `serve`). The default theme's come
  // compiled with the CLI bundle, if they were compiled from these very files.
  const defaults = folders.at(-1)!;
  const precompiled = precompiledDefaultTemplates();
  // (@types/nunjucks types the loader's argument as an array; it reads an object by name.)
  const loaders: ILoaderAny[] =
    precompiled && precompiled.digest === templateDigest(defaults)
      ? [...(folders.length > 1 ? [new nunjucks.FileSystemLoader(folders.slice(0, -1), { noCache: false })] : []), new nunjucks.PrecompiledLoader(precompiled.templates as unknown as never[])]
      : [new nunjucks.FileSystemLoader([...folders], { noCache: false })];
  return new nunjucks.Environment(loaders, { autoescape: true, throwOnUndefined: false });
}

/**
 * Nunjucks (CommonJS), required when a page is first made. In the CLI bundle `require` is
 * the bundle's own, so Nunjucks is inlined there and compiled with the rest (V8's code cache).
 */
export function loadNunjucks(): typeof import('nunjucks') {
  return (typeof require === 'function' ? require('nunjucks') : createRequire(import.meta.url)('nunjucks')) as typeof import('nunjucks');
}

/** `theme/post.njk:3:7: error: …` from a Nunjucks error (`(path) [Line 3, Column 7]\n  message`). */
function describe(error: unknown, folders: readonly string[], name: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /^\(([^)]*)\)(?: \[Line (\d+), Column (\d+)\])?\s*([\s\S]*)$/.exec(message);
  const file = match?.[1] && match[1] !== 'unknown path' ? match[1] : join(folders[0]!, name);
  const shown = relative(process.cwd(), file).split(sep).join('/') || file;
  const reason = (match?.[4] ?? message).trim().split('\n')[0]!.replace(/^Error: /, '');
  return `${shown}:${match?.[2] ?? 1}:${match?.[3] ?? 1}: error: template: ${reason} [theme-template]`;
}

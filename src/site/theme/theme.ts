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

  /** The default theme's {@link templateDigest} (read once: the fingerprint and the compiled templates' check both need it). */
  private readonly defaultsDigest: string;

  constructor(readonly folders: readonly string[]) {
    const hash = createHash('sha256');
    const digests = folders.map(templateDigest);
    folders.forEach((folder, at) => hash.update(`${folder === folders.at(-1) ? 'default' : 'site'}:${digests[at]}\0`));
    this.fingerprint = hash.digest('hex');
    this.defaultsDigest = digests.at(-1)!;
  }

  /** Render `name` (`post.njk` …) with `context`; a template error is a {@link ThemeError} naming its file and line. */
  render(name: string, context: object): string {
    if (!this.environment) {
      const environment = createEnvironment(this.folders, this.defaultsDigest);
      try {
        compileSiteTemplates(environment, this.folders);
      } catch (error) {
        throw new ThemeError(describe(error, this.folders, name, 'parse'));
      }
      this.environment = environment;
    }
    try {
      return this.environment.render(name, context);
    } catch (error) {
      throw new ThemeError(describe(error, this.folders, name, 'render'));
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

function createEnvironment(folders: readonly string[], defaultsDigest: string): Environment {
  const nunjucks = loadNunjucks();
  // Templates are compiled once per build (each build opens the theme afresh, so an edited
  // template is read again by the next one, as under `serve`). The default theme's come
  // compiled with the CLI bundle, if they were compiled from these very files.
  const precompiled = precompiledDefaultTemplates();
  // (@types/nunjucks types the loader's argument as an array; it reads an object by name.)
  const loaders: ILoaderAny[] =
    precompiled && precompiled.digest === defaultsDigest
      ? [...(folders.length > 1 ? [new nunjucks.FileSystemLoader(folders.slice(0, -1), { noCache: false })] : []), new nunjucks.PrecompiledLoader(precompiled.templates as unknown as never[])]
      : [new nunjucks.FileSystemLoader([...folders], { noCache: false })];
  return new nunjucks.Environment(loaders, { autoescape: true, throwOnUndefined: false });
}

/**
 * Compile every template of the site's own folders now: a syntax error in a partial that
 * another template includes would otherwise surface inside Nunjucks' synchronous render as
 * an exception thrown again later, outside any caller (a crash, not a diagnostic).
 */
function compileSiteTemplates(environment: Environment, folders: readonly string[]): void {
  for (const folder of folders.slice(0, -1)) for (const name of templateNames(folder)) environment.getTemplate(name, true);
}

/**
 * Nunjucks (CommonJS), required when a page is first made. In the CLI bundle `require` is
 * the bundle's own, so Nunjucks is inlined there and compiled with the rest (V8's code cache).
 */
export function loadNunjucks(): typeof import('nunjucks') {
  return (typeof require === 'function' ? require('nunjucks') : createRequire(import.meta.url)('nunjucks')) as typeof import('nunjucks');
}

/**
 * `theme/post.njk:3:7: error: …` from a Nunjucks error (`(path) [Line 3, Column 7]\n  message`;
 * an error in an included or parent template nests its own such lines under the
 * includer's, and the innermost names the place). Nunjucks counts a parse error's line and
 * column from 1 but a render error's from 0.
 */
function describe(error: unknown, folders: readonly string[], name: string, stage: 'parse' | 'render'): string {
  const message = error instanceof Error ? error.message : String(error);
  const places = [...message.matchAll(/(?:^|Template render error: )\(([^)\n]*)\)(?: \[Line (\d+), Column (\d+)\])?/g)];
  const innermost = places.at(-1);
  const file = innermost?.[1] && innermost[1] !== 'unknown path' ? innermost[1] : join(folders[0]!, name);
  const shown = relative(process.cwd(), file).split(sep).join('/') || file;
  const rest = innermost ? message.slice(innermost.index + innermost[0].length) : message;
  const reason = (rest.trim() || message).split('\n')[0]!.trim().replace(/^Error: /, '');
  const offset = stage === 'render' ? 1 : 0;
  const line = innermost?.[2] === undefined ? 1 : Number(innermost[2]) + offset;
  const column = innermost?.[3] === undefined ? 1 : Number(innermost[3]) + offset;
  return `${shown}:${line}:${column}: error: template: ${reason} [theme-template]`;
}

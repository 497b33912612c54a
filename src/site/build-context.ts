/**
 * What every stage of a site build shares: the config and the site's layout, the theme,
 * the output folder as the previous build left it (its manifest), the keys that say
 * whether a post must be rendered again, and the settings the render threads get.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hashKey } from '../cache/disk-cache.js';
import { MLPOST_VERSION } from '../version.js';
import { loadSiteConfig, type ConfigNotice, type SiteConfig } from './config.js';
import { feedLinks } from './feeds.js';
import { codeStamp, loadRendererVersions, type RendererVersions } from './fingerprint.js';
import { rendererFingerprint } from './fingerprint.js';
import { siteLayout, type SiteLayout } from './layout.js';
import type { LinkStyle } from './links.js';
import { manifestPath, readManifest, type BuildManifest } from './manifest.js';
import { OutputFiles } from './output-files.js';
import type { RenderSettings } from './render-job.js';
import { openTheme, type Theme } from './theme/theme.js';

/** The site's cache folder (posts, graphs, cells, build manifests), inside the site. */
export const CACHE_FOLDER = '.mlpost-cache';

/** One build's shared state. */
export interface BuildContext {
  /** Absolute site folder. */
  readonly site: string;
  readonly config: SiteConfig;
  readonly configNotices: readonly ConfigNotice[];
  readonly layout: SiteLayout;
  readonly theme: Theme;
  /** Drafts (`_drafts/`, `published: false`) are built, marked as drafts. */
  readonly drafts: boolean;
  readonly style: LinkStyle;
  /** Absolute output folder. */
  readonly output: string;
  readonly noCache: boolean;
  /** `mlpost x.y.z`, in every page's generator meta. */
  readonly generator: string;
  /** The previous build's manifest for this output, if any. */
  readonly previous: { manifest: BuildManifest; text: string } | undefined;
  readonly manifestFile: string;
  readonly codeStamp: string;
  readonly versions: RendererVersions;
  /** Everything besides a post's text that changes its rendering. */
  readonly renderKey: string;
  /** Everything site-wide that changes a page (config, theme, link style). */
  readonly pageKey: string;
  readonly files: OutputFiles;
  readonly settings: RenderSettings;
}

/** How a build is asked for. */
export interface OpenBuildOptions {
  output?: string;
  noCache?: boolean;
  drafts?: boolean;
  /** The root path instead of the config's (`mlpost serve` serves the site at `/`). */
  root?: string;
}

/** A site that cannot be built (no such folder, no posts): nothing was written. */
export class SiteError extends Error {
  override name = 'SiteError';
}

/** Read the config and the previous manifest of `siteDirectory`'s build into `output`. */
export async function openBuild(siteDirectory: string, options: OpenBuildOptions): Promise<BuildContext> {
  const site = resolve(siteDirectory);
  if (!existsSync(site)) throw new SiteError(`${siteDirectory}: error: no such folder: mlpost builds a folder holding posts/ (or Hexo's source/_posts/) [site-missing]`);
  const layout = siteLayout(site);
  const loaded = loadSiteConfig(site);
  const config = options.root === undefined ? loaded.config : { ...loaded.config, root: options.root };
  const notices = loaded.notices;
  const output = resolve(options.output ?? join(site, config.output));
  const cacheDir = join(site, CACHE_FOLDER);
  const noCache = options.noCache === true;
  const drafts = options.drafts === true;
  const generator = `mlpost ${MLPOST_VERSION}`;
  const theme = openTheme(layout.theme);
  const style: LinkStyle = { trailingIndex: config.pretty_urls.trailing_index, root: config.root };

  const manifestFile = manifestPath(cacheDir, output);
  const previous = readManifest(manifestFile);
  const stamp = codeStamp();
  const versions = previous && previous.manifest.codeStamp === stamp ? previous.manifest.versions : await loadRendererVersions();
  // Hexo reads `include_code` files from source/downloads/code.
  const codeDir = layout.kind === 'hexo' ? join(layout.source, 'downloads', 'code') : undefined;
  const language = config.language;
  return {
    site,
    config,
    configNotices: notices,
    layout,
    theme,
    drafts,
    style,
    output,
    noCache,
    generator,
    previous,
    manifestFile,
    codeStamp: stamp,
    versions,
    renderKey: hashKey('mlpost-render', rendererFingerprint(versions, stamp), config.timezone, config.url ?? '', language ?? '', codeDir ?? ''),
    pageKey: hashKey('mlpost-page', generator, theme.fingerprint, JSON.stringify({ config, style, drafts, feeds: feedLinks(config) })),
    files: new OutputFiles(output, previous?.manifest.files ?? {}),
    settings: { timezone: config.timezone, siteUrl: config.url, language, codeDir, cacheDir, noCache, posts: {} },
  };
}

/**
 * What every stage of a site build shares: the config and the site's layout, the theme,
 * the output folder as the previous build left it (its manifest), the keys that say
 * whether a post must be rendered again, and the settings the render threads get.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hashKey, type DiskCache } from '../cache/disk-cache.js';
import { portableCacheSecret } from '../cache/secret.js';
import { MLPOST_VERSION } from '../version.js';
import { loadSiteConfig, type ConfigNotice, type SiteConfig } from './config.js';
import { feedLinks } from './feeds.js';
import { codeStamp, loadRendererVersions, type RendererVersions } from './fingerprint.js';
import { rendererFingerprint } from './fingerprint.js';
import { siteLayout, type SiteLayout } from './layout.js';
import type { LinkStyle } from './links.js';
import { manifestStore, readManifest, type BuildManifest } from './manifest.js';
import { siteCacheFolder } from './cache-folder.js';
import { OutputFiles } from './output-files.js';
import { SiteLinks } from './site-links.js';
import { CACHE_PARTS, type RenderSettings } from './render-job.js';
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
  /** The previous build's manifest for this output, if any (and authentic). */
  readonly previous: { manifest: BuildManifest; text: string } | undefined;
  /** Where the manifest is kept; `undefined` when the site's cache folder cannot be used. */
  readonly manifestStore: { cache: DiskCache; key: string } | undefined;
  /** Site-level warnings found while opening the build (`file:line:col: warning: … [rule]`). */
  readonly warnings: string[];
  readonly codeStamp: string;
  readonly versions: RendererVersions;
  /** Everything besides a post's text that changes its rendering. */
  readonly renderKey: string;
  /** Everything site-wide that changes a page (config, theme, link style). */
  readonly pageKey: string;
  readonly files: OutputFiles;
  /** Which symbolic links the build follows, and the warnings about those it does not (`site-links.ts`). */
  readonly links: SiteLinks;
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
  const warnings: string[] = [];
  // A cache folder that leads out of the site (a symbolic link) is not used at all.
  const folder = siteCacheFolder(site, CACHE_FOLDER, Object.values(CACHE_PARTS));
  if (folder.problem) warnings.push(`${folder.problem} [cache-outside]`);
  const cacheDir = folder.dir;
  const noCache = options.noCache === true || cacheDir === undefined;
  const drafts = options.drafts === true;
  const generator = `mlpost ${MLPOST_VERSION}`;
  const theme = openTheme(layout.theme);
  const style: LinkStyle = { trailingIndex: config.pretty_urls.trailing_index, root: config.root };

  const store = cacheDir === undefined ? undefined : manifestStore(cacheDir, output);
  const read = store ? readManifest(store) : undefined;
  const previous = read && 'manifest' in read ? read : undefined;
  if (read && 'rejected' in read && read.rejected === 'forged') {
    warnings.push(`${CACHE_FOLDER}/builds:1:1: warning: the manifest of the previous build into ${output} failed authentication (someone wrote it without this machine's cache key): not used, every file is checked afresh [cache-forged]`);
  }
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
    manifestStore: store,
    warnings,
    codeStamp: stamp,
    versions,
    renderKey: hashKey('mlpost-render', rendererFingerprint(versions, stamp), config.timezone, config.url ?? '', language ?? '', codeDir ?? ''),
    pageKey: hashKey('mlpost-page', generator, theme.fingerprint, JSON.stringify({ config, style, drafts, feeds: feedLinks(config) })),
    files: new OutputFiles(output, previous?.manifest.files ?? {}),
    links: new SiteLinks(site, output),
    settings: { timezone: config.timezone, siteUrl: config.url, language, codeDir, cacheDir, noCache, posts: {}, limits: config.limits ?? {}, cacheSecret: portableCacheSecret() },
  };
}

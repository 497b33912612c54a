/**
 * What every stage of a site build shares: the config, the output folder as the previous
 * build left it (its manifest), the keys that say whether a post must be rendered again,
 * and the settings the render threads get.
 */
import { join, resolve } from 'node:path';
import { hashKey, type DiskCache } from '../cache/disk-cache.js';
import { portableCacheSecret } from '../cache/secret.js';
import { MLPOST_VERSION } from '../version.js';
import { readSiteConfig, type SiteConfig } from './config.js';
import { codeStamp, loadRendererVersions, type RendererVersions } from './fingerprint.js';
import { rendererFingerprint } from './fingerprint.js';
import { manifestStore, readManifest, type BuildManifest } from './manifest.js';
import { siteCacheFolder } from './cache-folder.js';
import { OutputFiles } from './output-files.js';
import type { SitePageOptions } from './post-page.js';
import { CACHE_PARTS, type RenderSettings } from './render-job.js';

/** The site's cache folder (posts, graphs, cells, build manifests), inside the site. */
export const CACHE_FOLDER = '.mlpost-cache';

/** One build's shared state. */
export interface BuildContext {
  /** Absolute site folder. */
  readonly site: string;
  readonly config: SiteConfig;
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
  /** Everything besides the rendering that changes a post's page. */
  readonly pageKey: string;
  readonly files: OutputFiles;
  readonly settings: RenderSettings;
}

/** Read the config and the previous manifest of `siteDirectory`'s build into `output`. */
export async function openBuild(siteDirectory: string, options: { output?: string; noCache?: boolean }): Promise<BuildContext> {
  const site = resolve(siteDirectory);
  const config = readSiteConfig(site);
  const output = resolve(options.output ?? join(site, config.output));
  const warnings: string[] = [];
  // A cache folder that leads out of the site (a symbolic link) is not used at all.
  const folder = siteCacheFolder(site, CACHE_FOLDER, Object.values(CACHE_PARTS));
  if (folder.problem) warnings.push(`${folder.problem} [cache-outside]`);
  const cacheDir = folder.dir;
  const noCache = options.noCache === true || cacheDir === undefined;
  const generator = `mlpost ${MLPOST_VERSION}`;
  const page: SitePageOptions = { siteTitle: config.title, lang: config.language, generator };

  const store = cacheDir === undefined ? undefined : manifestStore(cacheDir, output);
  const read = store ? readManifest(store) : undefined;
  const previous = read && 'manifest' in read ? read : undefined;
  if (read && 'rejected' in read && read.rejected === 'forged') {
    warnings.push(`${CACHE_FOLDER}/builds:1:1: warning: the manifest of the previous build into ${output} failed authentication (someone wrote it without this machine's cache key): not used, every file is checked afresh [cache-forged]`);
  }
  const stamp = codeStamp();
  const versions = previous && previous.manifest.codeStamp === stamp ? previous.manifest.versions : await loadRendererVersions();
  return {
    site,
    config,
    output,
    noCache,
    generator,
    previous,
    manifestStore: store,
    warnings,
    codeStamp: stamp,
    versions,
    renderKey: hashKey('mlpost-render', rendererFingerprint(versions, stamp), config.timezone, config.url ?? ''),
    pageKey: hashKey('mlpost-page', JSON.stringify(page)),
    files: new OutputFiles(output, previous?.manifest.files ?? {}),
    settings: { timezone: config.timezone, siteUrl: config.url, cacheDir, noCache, page, limits: config.limits ?? {}, cacheSecret: portableCacheSecret() },
  };
}

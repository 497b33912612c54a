/**
 * What every stage of a site build shares: the config, the output folder as the previous
 * build left it (its manifest), the keys that say whether a post must be rendered again,
 * and the settings the render threads get.
 */
import { join, resolve } from 'node:path';
import { hashKey } from '../cache/disk-cache.js';
import { MLPOST_VERSION } from '../version.js';
import { readSiteConfig, type SiteConfig } from './config.js';
import { codeStamp, loadRendererVersions, type RendererVersions } from './fingerprint.js';
import { rendererFingerprint } from './fingerprint.js';
import { manifestPath, readManifest, type BuildManifest } from './manifest.js';
import { OutputFiles } from './output-files.js';
import type { SitePageOptions } from './post-page.js';
import type { RenderSettings } from './render-job.js';

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
  /** The previous build's manifest for this output, if any. */
  readonly previous: { manifest: BuildManifest; text: string } | undefined;
  readonly manifestFile: string;
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
  const cacheDir = join(site, CACHE_FOLDER);
  const noCache = options.noCache === true;
  const generator = `mlpost ${MLPOST_VERSION}`;
  const page: SitePageOptions = { siteTitle: config.title, lang: config.language, generator };

  const manifestFile = manifestPath(cacheDir, output);
  const previous = readManifest(manifestFile);
  const stamp = codeStamp();
  const versions = previous && previous.manifest.codeStamp === stamp ? previous.manifest.versions : await loadRendererVersions();
  return {
    site,
    config,
    output,
    noCache,
    generator,
    previous,
    manifestFile,
    codeStamp: stamp,
    versions,
    renderKey: hashKey('mlpost-render', rendererFingerprint(versions, stamp), config.timezone, config.url ?? ''),
    pageKey: hashKey('mlpost-page', JSON.stringify(page)),
    files: new OutputFiles(output, previous?.manifest.files ?? {}),
    settings: { timezone: config.timezone, siteUrl: config.url, cacheDir, noCache, page },
  };
}

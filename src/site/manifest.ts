/**
 * The build manifest: what the previous build of a site into one output folder produced,
 * so the next build can skip posts whose inputs did not change and files that are still
 * on disk as written. Kept in `<site>/.mlpost-cache/builds/`, one entry per output folder,
 * in a {@link DiskCache}: authenticated like every cache entry, because it names the files
 * the next build removes and holds the excerpt HTML the list pages show. A manifest that
 * is not authentic is not used (the build starts from scratch); one that is forged is also
 * reported.
 */
import { join } from 'node:path';
import { DiskCache, hashKey, type CacheRejection } from '../cache/disk-cache.js';
import type { FileRead } from '../cache/reads.js';
import type { SourceStamp } from './source-stamp.js';
import type { RendererVersions } from './fingerprint.js';
import type { StoredMessage } from './stored-post.js';
import type { PostInfo } from './post-info.js';
import type { LocalReference } from '../types.js';

// 4: posts have `leadHtml`.
const FORMAT = 4;

/** A file the build wrote: the key of its inputs, and what it looked like on disk. */
export interface ManifestFile {
  input: string;
  hash: string;
  size: number;
  mtimeMs: number;
}

/** A post as the list pages and feeds need it, with its diagnostics and its files. */
export interface ManifestPost {
  /** Key of everything the post's page depends on. */
  key: string;
  /** Its post cache key (the body, for feeds with whole posts). */
  renderKey: string;
  /** Hash of its text, time zone and permalink rule: when it is unchanged, `info` is still right. */
  infoKey: string;
  info: PostInfo;
  /** URL path from the site root (`2019/09/12/rnn_intro/`). */
  path: string;
  draft: boolean;
  /** HTML before `<!-- more -->`, for list pages and feeds. */
  excerptHtml: string | undefined;
  /** One line of plain text: the description, or the start of the post. */
  summary: string;
  /** Without an excerpt, what list pages show of it: its description, or its first paragraph (HTML). */
  leadHtml: string | undefined;
  messages: StoredMessage[];
  /** Links and images naming local files, checked against the output on every build. */
  references: LocalReference[];
  /** Output-relative paths of its page and assets. */
  files: string[];
  /** Files the post read (`include_code`, a cell's `file:` …) and their hashes when it was rendered. */
  reads?: FileRead[];
  /** Its page shows a failure another build may not repeat: render it again next time. */
  transient?: boolean;
  /** Its file's size, times and text hash: unchanged, the next build need not read it. */
  source?: SourceStamp;
}

/** The whole manifest. */
export interface BuildManifest {
  format: typeof FORMAT;
  codeStamp: string;
  versions: RendererVersions;
  posts: Record<string, ManifestPost>;
  files: Record<string, ManifestFile>;
}

/** Where the manifests live, and the key of the one of building into `output`. */
export function manifestStore(cacheDir: string, output: string): { cache: DiskCache; key: string } {
  return { cache: new DiskCache(join(cacheDir, 'builds')), key: hashKey('mlpost-output', output) };
}

/** The previous manifest with its raw text, or `undefined` (absent, not authentic, another format) and why. */
export function readManifest(store: { cache: DiskCache; key: string }): { manifest: BuildManifest; text: string } | { rejected: CacheRejection | 'absent' } {
  const found = store.cache.lookup(store.key);
  if (!('value' in found)) return { rejected: found.miss };
  try {
    const manifest = JSON.parse(found.value) as BuildManifest;
    if (manifest.format !== FORMAT || typeof manifest.posts !== 'object' || typeof manifest.files !== 'object' || manifest.posts === null || manifest.files === null) return { rejected: 'absent' };
    return { manifest, text: found.value };
  } catch {
    return { rejected: 'corrupt' };
  }
}

/** Save the manifest unless it is what was read. */
export function writeManifest(store: { cache: DiskCache; key: string }, manifest: Omit<BuildManifest, 'format'>, previousText: string | undefined): void {
  const text = JSON.stringify({ format: FORMAT, ...manifest });
  if (text !== previousText) store.cache.set(store.key, text);
}

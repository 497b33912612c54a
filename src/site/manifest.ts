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
import type { PostData } from '../pipeline/render-post.js';
import type { RendererVersions } from './fingerprint.js';
import type { StoredMessage } from './stored-post.js';

const FORMAT = 2;

/** A file the build wrote: the key of its inputs, and what it looked like on disk. */
export interface ManifestFile {
  input: string;
  hash: string;
  size: number;
  mtimeMs: number;
}

/** A post as the list pages need it, with its diagnostics and its files. */
export interface ManifestPost {
  /** Key of everything the post's page depends on. */
  key: string;
  url: string;
  /** Front matter and excerpt (no TOC or extra fields: list pages do not use them). */
  data: PostData;
  messages: StoredMessage[];
  /** Output-relative paths of its page and assets. */
  files: string[];
  /** Files the post read (`include_code`, a cell's `file:` …) and their hashes when it was rendered. */
  reads?: FileRead[];
  /** Its page shows a failure another build may not repeat: render it again next time. */
  transient?: boolean;
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

/** The part of a post's data the list pages use. */
export function listData(data: PostData): PostData {
  return { ...data, toc: [], extra: {} };
}

/**
 * The build manifest: what the previous build of a site into one output folder produced,
 * so the next build can skip posts whose inputs did not change and files that are still
 * on disk as written. Kept in `<site>/.mlpost-cache/builds/`, one file per output folder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashKey } from '../cache/disk-cache.js';
import type { PostData } from '../pipeline/render-post.js';
import type { RendererVersions } from './fingerprint.js';
import type { StoredMessage } from './stored-post.js';
import { writeFileAtomic } from './write-file.js';

const FORMAT = 1;

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
}

/** The whole manifest. */
export interface BuildManifest {
  format: typeof FORMAT;
  codeStamp: string;
  versions: RendererVersions;
  posts: Record<string, ManifestPost>;
  files: Record<string, ManifestFile>;
}

/** Where the manifest of building into `output` lives. */
export function manifestPath(cacheDir: string, output: string): string {
  return join(cacheDir, 'builds', `${hashKey('mlpost-output', output).slice(0, 32)}.json`);
}

/** The previous manifest with its raw text, or `undefined` (absent, unreadable, other format). */
export function readManifest(path: string): { manifest: BuildManifest; text: string } | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    const manifest = JSON.parse(text) as BuildManifest;
    if (manifest.format !== FORMAT || typeof manifest.posts !== 'object' || typeof manifest.files !== 'object') return undefined;
    return { manifest, text };
  } catch {
    return undefined;
  }
}

/** Save the manifest unless it is what was read. */
export function writeManifest(path: string, manifest: Omit<BuildManifest, 'format'>, previousText: string | undefined): void {
  const text = JSON.stringify({ format: FORMAT, ...manifest });
  if (text !== previousText) writeFileAtomic(path, text);
}

/** The part of a post's data the list pages use. */
export function listData(data: PostData): PostData {
  return { ...data, toc: [], extra: {} };
}

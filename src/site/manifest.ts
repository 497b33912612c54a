/**
 * The build manifest: what the previous build of a site into one output folder produced,
 * so the next build can skip posts whose inputs did not change and files that are still
 * on disk as written. Kept in `<site>/.mlpost-cache/builds/`, one file per output folder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashKey } from '../cache/disk-cache.js';
import type { RendererVersions } from './fingerprint.js';
import type { StoredMessage } from './stored-post.js';
import type { PostInfo } from './post-info.js';
import type { LocalReference } from '../types.js';
import { writeFileAtomic } from './write-file.js';

const FORMAT = 2;

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
  messages: StoredMessage[];
  /** Links and images naming local files, checked against the output on every build. */
  references: LocalReference[];
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

/**
 * The files a post reads besides its own text (`{% include_code %}`, `{% asset_img %}`, a
 * cell's `file:`), with a hash of what was read. A cached page is reused only while every
 * one of them still hashes the same (a file that was missing must still be missing), so
 * editing an included file renders the post again.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { VFile } from 'vfile';

/** A file read while rendering, and the sha256 of its bytes (`null`: it could not be read). */
export interface FileRead {
  path: string;
  hash: string | null;
}

declare module 'vfile' {
  interface DataMap {
    /** Files read while rendering this file. */
    mlpostReads: FileRead[];
  }
}

function sha256(contents: Uint8Array | string): string {
  return createHash('sha256').update(contents).digest('hex');
}

/** Record on `file` that `path` (absolute) was read with `contents`, or could not be read (`undefined`). */
export function recordRead(file: VFile | undefined, path: string, contents: Uint8Array | string | undefined): void {
  if (!file) return;
  const reads = (file.data.mlpostReads ??= []);
  if (!reads.some((read) => read.path === path)) reads.push({ path, hash: contents === undefined ? null : sha256(contents) });
}

/** The files `file`'s rendering read, in the order it read them. */
export function readsOf(file: VFile): FileRead[] {
  return file.data.mlpostReads ?? [];
}

/** Whether every file still reads as it did (same bytes, or still unreadable). */
export function readsUnchanged(reads: readonly FileRead[] | undefined): boolean {
  for (const read of reads ?? []) {
    let now: string | null;
    try {
      now = sha256(readFileSync(read.path));
    } catch {
      now = null;
    }
    if (now !== read.hash) return false;
  }
  return true;
}

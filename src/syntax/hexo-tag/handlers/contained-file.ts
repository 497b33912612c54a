/**
 * Reading a file named by an author from inside one folder, and nowhere else: relative
 * paths only, no `..` out of the folder, no symlink that resolves outside it (checked on
 * the real paths). Nothing is read unless the check passes.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { VFile } from 'vfile';
import { recordRead } from '../../../cache/reads.js';

/** The outcome of {@link readContainedFile}. */
export type ContainedRead =
  | { ok: true; contents: Buffer; relativePath: string }
  | { ok: false; problem: 'outside' | 'missing' | 'not-a-file'; detail: string };

/** Whether `child` is `root` itself or below it (both absolute). */
function isInside(root: string, child: string): boolean {
  const path = relative(root, child);
  return path === '' || (!isAbsolute(path) && path !== '..' && !path.startsWith(`..${sep}`));
}

/**
 * Read `requested` (a relative path as the author wrote it) from `folder`.
 * `relativePath` is the file's path inside the folder with `/` separators. With `file`,
 * what was read (or found missing) is recorded on it, for the cache (`cache/reads.ts`).
 */
export function readContainedFile(folder: string, requested: string, file?: VFile): ContainedRead {
  const read = readInsideFolder(folder, requested);
  if (read.ok) recordRead(file, resolve(folder, requested), read.contents);
  else if (read.problem !== 'outside') recordRead(file, resolve(folder, requested), undefined);
  return read;
}

function readInsideFolder(folder: string, requested: string): ContainedRead {
  if (requested === '' || requested.includes('\0') || isAbsolute(requested) || /^[A-Za-z]:|^[\\/]/.test(requested)) {
    return { ok: false, problem: 'outside', detail: 'an absolute path' };
  }
  const root = resolve(folder);
  const candidate = resolve(root, requested);
  if (!isInside(root, candidate)) return { ok: false, problem: 'outside', detail: 'the path leaves the folder' };
  let realRoot: string;
  let realCandidate: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return { ok: false, problem: 'missing', detail: `the folder ${root} does not exist` };
  }
  try {
    realCandidate = realpathSync(candidate);
  } catch {
    return { ok: false, problem: 'missing', detail: 'no such file' };
  }
  if (!isInside(realRoot, realCandidate)) return { ok: false, problem: 'outside', detail: 'a symbolic link points out of the folder' };
  if (!statSync(realCandidate).isFile()) return { ok: false, problem: 'not-a-file', detail: 'not a file' };
  try {
    return { ok: true, contents: readFileSync(realCandidate), relativePath: relative(root, candidate).split(sep).join('/') };
  } catch (error) {
    return { ok: false, problem: 'missing', detail: (error as Error).message };
  }
}

/** A relative path as a URL path: each segment percent-encoded. */
export function encodePathForUrl(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

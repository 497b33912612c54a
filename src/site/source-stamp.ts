/**
 * A post's file as `stat` sees it (size, times, inode), kept in the manifest with the hash
 * of its text: a later build whose `stat` shows the same stamp takes the hash from the
 * manifest and does not read the file (a nothing-changed build of 1 000 posts read and
 * hashed 13 MB for nothing). The text is read only if the post has to be rendered.
 *
 * Like git's index, a stamp is trusted only if the file was last changed well before the
 * build that recorded it: an edit in the same clock tick as that build (same size, same
 * times) could otherwise go unseen. Such a file gets no stamp and is read next time.
 */
import { statSync } from 'node:fs';

/** What `stat` said of a post's file, and what was read from it then. */
export interface SourceStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  /** Hash of its text. */
  textHash: string;
  /** Whether it has `{% post_link %}` / `{% post_path %}` tags (it then depends on other posts' URLs). */
  linksPosts: boolean;
}

/** How long before the build a file must have changed for its stamp to be kept. */
const RACY_MS = 2000;

type FileTimes = Pick<SourceStamp, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>;

/** The file's size, times and inode now; `undefined` if it cannot be had. */
export function fileTimesOf(path: string): FileTimes | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino } : undefined;
  } catch {
    return undefined;
  }
}

/** The stamp to record for a file read in a build that started at `buildStartMs`, if it may be trusted later. */
export function stampFor(times: FileTimes | undefined, buildStartMs: number, textHash: string, linksPosts: boolean): SourceStamp | undefined {
  if (!times || Math.max(times.mtimeMs, times.ctimeMs) > buildStartMs - RACY_MS) return undefined;
  return { ...times, textHash, linksPosts };
}

/** Whether the file still is as `stamp` recorded it. */
export function stampHolds(stamp: SourceStamp | undefined, times: FileTimes | undefined): stamp is SourceStamp {
  return stamp !== undefined && times !== undefined && stamp.size === times.size && stamp.mtimeMs === times.mtimeMs && stamp.ctimeMs === times.ctimeMs && stamp.ino === times.ino;
}

/** Whether `text` links to other posts by their slugs. */
export function linksToPosts(text: string): boolean {
  return (text.includes('post_link') || text.includes('post_path')) && /\{%-?\s*post_(?:link|path)\s/.test(text);
}

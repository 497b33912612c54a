/**
 * The output folder as the build sees it: each file is written only when its bytes
 * changed (atomically), files whose inputs did not change are not even regenerated, and
 * files the previous build wrote that this one did not are removed.
 *
 * Every path goes through `confined-path.ts` first: a path from the previous manifest or
 * from a post that does not have the shape of an output path, or that leads out of the
 * output folder through a symbolic link, is never read, written or removed (it is listed
 * in {@link OutputFiles.refused} for the build to report).
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { isOutputPath, OutputFolder } from './confined-path.js';
import type { ManifestFile } from './manifest.js';
import { writeFileAtomic } from './write-file.js';

function sha256(contents: string | Uint8Array): string {
  return createHash('sha256').update(contents).digest('hex');
}

/** Files of one build into `output`, keyed by output-relative path with `/`. */
export class OutputFiles {
  /** What this build produced (the next manifest's `files`). */
  readonly files: Record<string, ManifestFile> = {};
  /** Paths written by this build. */
  readonly written: string[] = [];
  /** Paths removed because this build no longer produces them. */
  readonly removed: string[] = [];
  /** Paths not touched because they would leave the output folder (or are not output paths). */
  readonly refused: string[] = [];
  private readonly folder: OutputFolder;
  private readonly previous: Readonly<Record<string, ManifestFile>>;
  private failed = false;

  constructor(
    readonly output: string,
    previous: Readonly<Record<string, ManifestFile>>,
  ) {
    this.folder = new OutputFolder(output);
    // Only entries with the shape of an output path are believed at all.
    this.previous = Object.fromEntries(Object.entries(previous).filter(([path]) => isOutputPath(path)));
  }

  /**
   * Whether `path` is on disk exactly as the previous build wrote it from the same
   * `input`; if so it is kept as is.
   */
  keep(path: string, input: string): boolean {
    const before = this.previous[path];
    if (!before || before.input !== input || !this.intact(path, before)) return false;
    this.files[path] = before;
    return true;
  }

  /** Write `contents` to `path` unless the file already holds these bytes; `false` if the path is refused. */
  emit(path: string, input: string, contents: string | Uint8Array): boolean {
    const target = this.folder.resolve(path);
    if (target === undefined) {
      this.refused.push(path);
      return false;
    }
    const hash = sha256(contents);
    const before = this.previous[path];
    if (before && before.hash === hash && this.intact(path, before)) {
      this.files[path] = { ...before, input };
      return true;
    }
    if (sameBytes(target, contents)) {
      const stat = lstatSync(target);
      this.files[path] = { input, hash, size: stat.size, mtimeMs: stat.mtimeMs };
      return true;
    }
    // A symbolic link at `target` is replaced by the file (rename never writes through it).
    writeFileAtomic(target, contents);
    this.folder.forget();
    const stat = lstatSync(target);
    this.files[path] = { input, hash, size: stat.size, mtimeMs: stat.mtimeMs };
    this.written.push(path);
    return true;
  }

  /** The absolute path of `path` if it may be written (see `confined-path.ts`), else `undefined` (and noted in {@link refused}). */
  confine(path: string): string | undefined {
    const target = this.folder.resolve(path);
    if (target === undefined) this.refused.push(path);
    return target;
  }

  /** Note that a page could not be made (a template error): {@link removeStale} then keeps the previous build's files. */
  pageFailed(): void {
    this.failed = true;
  }

  /**
   * Remove what the previous build wrote and this one did not (and folders left empty) —
   * unless a page failed, when they stay (listed as before), so a typo in a theme does not
   * empty the site or the page `mlpost serve` shows.
   */
  removeStale(): void {
    if (this.failed) {
      for (const [path, entry] of Object.entries(this.previous)) if (!(path in this.files)) this.files[path] = entry;
      return;
    }
    for (const path of Object.keys(this.previous).sort()) {
      if (path in this.files) continue;
      const target = this.folder.resolve(path);
      if (target === undefined) {
        this.refused.push(path);
        continue;
      }
      rmSync(target, { force: true });
      this.removed.push(path);
      let folder = dirname(target);
      while (folder.startsWith(this.output + sep)) {
        try {
          rmdirSync(folder);
        } catch {
          break;
        }
        folder = dirname(folder);
      }
      this.folder.forget();
    }
  }

  private intact(path: string, before: ManifestFile): boolean {
    const target = this.folder.resolve(path);
    if (target === undefined) return false;
    try {
      const stat = lstatSync(target);
      return stat.isFile() && stat.size === before.size && stat.mtimeMs === before.mtimeMs;
    } catch {
      return false;
    }
  }
}

/** Whether the regular file at `path` (never a link) holds `contents`. */
function sameBytes(path: string, contents: string | Uint8Array): boolean {
  try {
    if (!lstatSync(path).isFile()) return false;
    const existing = readFileSync(path);
    const wanted = typeof contents === 'string' ? Buffer.from(contents) : contents;
    return existing.length === wanted.length && existing.equals(wanted);
  } catch {
    return false;
  }
}

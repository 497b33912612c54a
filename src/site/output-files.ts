/**
 * The output folder as the build sees it: each file is written only when its bytes
 * changed (atomically), files whose inputs did not change are not even regenerated, and
 * files the previous build wrote that this one did not are removed.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
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

  constructor(
    readonly output: string,
    private readonly previous: Readonly<Record<string, ManifestFile>>,
  ) {}

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

  /** Write `contents` to `path` unless the file already holds these bytes. */
  emit(path: string, input: string, contents: string | Uint8Array): void {
    const hash = sha256(contents);
    const target = join(this.output, path);
    const before = this.previous[path];
    if (before && before.hash === hash && this.intact(path, before)) {
      this.files[path] = { ...before, input };
      return;
    }
    if (sameBytes(target, contents)) {
      const stat = statSync(target);
      this.files[path] = { input, hash, size: stat.size, mtimeMs: stat.mtimeMs };
      return;
    }
    writeFileAtomic(target, contents);
    const stat = statSync(target);
    this.files[path] = { input, hash, size: stat.size, mtimeMs: stat.mtimeMs };
    this.written.push(path);
  }

  /** Remove what the previous build wrote and this one did not (and folders left empty). */
  removeStale(): void {
    for (const path of Object.keys(this.previous).sort()) {
      if (path in this.files) continue;
      const target = join(this.output, path);
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
    }
  }

  private intact(path: string, before: ManifestFile): boolean {
    try {
      const stat = statSync(join(this.output, path));
      return stat.size === before.size && stat.mtimeMs === before.mtimeMs;
    } catch {
      return false;
    }
  }
}

function sameBytes(path: string, contents: string | Uint8Array): boolean {
  try {
    const existing = readFileSync(path);
    const wanted = typeof contents === 'string' ? Buffer.from(contents) : contents;
    return existing.length === wanted.length && existing.equals(wanted);
  } catch {
    return false;
  }
}

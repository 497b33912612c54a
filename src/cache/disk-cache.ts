/**
 * A small content-addressed disk cache: one file per key, values are strings.
 *
 * Synchronous on purpose: the per-document transforms that use it are synchronous
 * (Hexo's `renderSync`, MDX's `compileSync`). Writes go to a temp file that is then
 * renamed, so two builds sharing the folder never see half an entry. Every entry
 * starts with a checksum of its value: a truncated or corrupted entry is detected,
 * deleted and reported as a miss instead of being served.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** First line of every entry: a format tag and the sha256 of the value that follows. */
const HEADER = 'mlpost-cache-v1 ';
const KEY_SHAPE = /^[0-9a-f]{16,128}$/;

/** sha256 (hex) of the parts, each length-prefixed so `('ab','c')` and `('a','bc')` differ. */
export function hashKey(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(`${Buffer.byteLength(part)}:`);
    hash.update(part);
  }
  return hash.digest('hex');
}

function checksum(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A folder of cached string values keyed by {@link hashKey} hashes. */
export class DiskCache {
  /** Entries read or written by this instance, for reports and tests. */
  readonly stats = { hits: 0, misses: 0, writes: 0, corrupt: 0 };

  /** `dir` is created on the first write. */
  constructor(readonly dir: string) {}

  /** The value stored under `key`, or `undefined` on a miss (absent, unreadable or corrupt). */
  get(key: string): string | undefined {
    const path = this.pathOf(key);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      this.stats.misses++;
      return undefined;
    }
    const newline = text.indexOf('\n');
    const header = newline < 0 ? text : text.slice(0, newline);
    const value = newline < 0 ? '' : text.slice(newline + 1);
    if (newline < 0 || header !== HEADER + checksum(value)) {
      this.stats.corrupt++;
      this.stats.misses++;
      rmSync(path, { force: true });
      return undefined;
    }
    this.stats.hits++;
    return value;
  }

  /** Store `value` under `key`, atomically (temp file + rename). Failures to write are ignored: a cache is optional. */
  set(key: string, value: string): void {
    const path = this.pathOf(key);
    const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(temp, `${HEADER}${checksum(value)}\n${value}`);
      renameSync(temp, path);
      this.stats.writes++;
    } catch {
      rmSync(temp, { force: true });
    }
  }

  private pathOf(key: string): string {
    if (!KEY_SHAPE.test(key)) throw new TypeError(`cache keys are lowercase hex digests (use hashKey), not ${JSON.stringify(key)}`);
    return join(this.dir, key);
  }
}

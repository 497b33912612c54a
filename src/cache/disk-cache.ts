/**
 * A small content-addressed disk cache: one file per key, values are strings.
 *
 * Synchronous on purpose: the per-document transforms that use it are synchronous
 * (Hexo's `renderSync`, MDX's `compileSync`). Writes go to a temp file that is then
 * renamed, so two builds sharing the folder never see half an entry.
 *
 * Every entry starts with a header line: the id of the key that wrote it, a checksum of
 * the value and an HMAC of the entry's key and value made with the cache secret
 * (`secret.ts`), which is not in the cache folder. So an entry is served only if this
 * machine's key (or the CI's `MLPOST_CACHE_KEY`) wrote it for this very key:
 *
 * - truncated or damaged (the checksum fails): deleted, a miss (`corrupt`);
 * - written with another key (another machine, another CI secret): a miss (`foreign`);
 * - with our key id and a right checksum but a wrong HMAC, someone wrote it without the
 *   key: a miss that callers report as a warning (`forged`).
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { authenticate, cacheSecret, type CacheSecret } from './secret.js';

/** First word of every entry's header. */
const FORMAT = 'mlpost-cache-v2';
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

/** `path`'s text; fails on a symbolic link (never followed out of the cache folder) where the system can tell. */
function readWithoutFollowing(path: string): string {
  const descriptor = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    return readFileSync(descriptor, 'utf8');
  } finally {
    closeSync(descriptor);
  }
}

/** Why an entry on disk was not served. */
export type CacheRejection = 'corrupt' | 'foreign' | 'forged';

/** What a lookup found: the value, or why there is none. */
export type CacheLookup = { value: string } | { miss: 'absent' | CacheRejection };

/** Options of {@link DiskCache}. */
export interface DiskCacheOptions {
  /** The key entries are authenticated with; the process's {@link cacheSecret} by default. */
  secret?: CacheSecret;
}

/** A folder of cached string values keyed by {@link hashKey} hashes. */
export class DiskCache {
  /** Entries read or written by this instance, for reports and tests. */
  readonly stats = { hits: 0, misses: 0, writes: 0, corrupt: 0, foreign: 0, forged: 0 };
  private secretValue: CacheSecret | undefined;

  /** `dir` is created on the first write. */
  constructor(
    readonly dir: string,
    options: DiskCacheOptions = {},
  ) {
    this.secretValue = options.secret;
  }

  private get secret(): CacheSecret {
    this.secretValue ??= cacheSecret();
    return this.secretValue;
  }

  /** The value stored under `key`, or `undefined` on a miss (absent, unreadable, damaged, not authentic). */
  get(key: string): string | undefined {
    const found = this.lookup(key);
    return 'value' in found ? found.value : undefined;
  }

  /** The value stored under `key`, or why there is none (so a forged entry can be reported). */
  lookup(key: string): CacheLookup {
    const path = this.pathOf(key);
    let text: string;
    try {
      text = readWithoutFollowing(path);
    } catch {
      this.stats.misses++;
      return { miss: 'absent' };
    }
    const rejection = this.verify(key, text);
    if (typeof rejection === 'string') {
      this.stats[rejection]++;
      this.stats.misses++;
      if (rejection !== 'foreign') rmSync(path, { force: true });
      return { miss: rejection };
    }
    this.stats.hits++;
    return rejection;
  }

  /** Store `value` under `key`, atomically (temp file + rename). Failures to write are ignored: a cache is optional. */
  set(key: string, value: string): void {
    const path = this.pathOf(key);
    const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(temp, `${FORMAT} ${this.secret.id} ${checksum(value)} ${authenticate(this.secret, key, value)}\n${value}`);
      renameSync(temp, path);
      this.stats.writes++;
    } catch {
      rmSync(temp, { force: true });
    }
  }

  /** The value of an entry's text, or why it is not served. */
  private verify(key: string, text: string): { value: string } | CacheRejection {
    const newline = text.indexOf('\n');
    if (newline < 0) return 'corrupt';
    const [format, id, sum, mac, ...rest] = text.slice(0, newline).split(' ');
    const value = text.slice(newline + 1);
    if (format !== FORMAT || rest.length > 0 || sum !== checksum(value)) return 'corrupt';
    if (id !== this.secret.id) return 'foreign';
    if (mac !== authenticate(this.secret, key, value)) return 'forged';
    return { value };
  }

  private pathOf(key: string): string {
    if (!KEY_SHAPE.test(key)) throw new TypeError(`cache keys are lowercase hex digests (use hashKey), not ${JSON.stringify(key)}`);
    return join(this.dir, key);
  }
}

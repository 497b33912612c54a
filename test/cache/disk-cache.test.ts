import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DiskCache, hashKey } from '../../src/cache/disk-cache.js';
import { CACHE_KEY_VARIABLE, loadSecret, secretOf } from '../../src/cache/secret.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlpost-cache-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('hashKey', () => {
  it('is the sha256 of length-prefixed parts', () => {
    expect(hashKey('a')).toBe('4162fddd39a3e4225e8e2392eced237fbeb34e6e218b5647d27bd4d2b9c0da24'); // sha256('1:a')
    expect(hashKey('ab', 'c')).not.toBe(hashKey('a', 'bc'));
    expect(hashKey('x', 'y')).toBe(hashKey('x', 'y'));
  });
});

describe('DiskCache', () => {
  it('misses, then returns what was set, in a fresh instance too', () => {
    const cache = new DiskCache(join(dir, 'sub'));
    const key = hashKey('dot', 'digraph{}');
    expect(cache.get(key)).toBeUndefined();
    cache.set(key, '<svg>状态</svg>');
    expect(cache.get(key)).toBe('<svg>状态</svg>');
    expect(new DiskCache(join(dir, 'sub')).get(key)).toBe('<svg>状态</svg>');
    expect(cache.stats).toMatchObject({ hits: 1, misses: 1, writes: 1, corrupt: 0 });
  });

  it('round-trips any string', () => {
    const cache = new DiskCache(dir);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        const key = hashKey(value);
        cache.set(key, value);
        return cache.get(key) === value;
      }),
      { numRuns: 60 },
    );
  });

  it('detects a truncated entry, deletes it and reports a miss', () => {
    const cache = new DiskCache(dir);
    const key = hashKey('k');
    cache.set(key, 'x'.repeat(1000));
    const path = join(dir, key);
    const full = readFileSync(path, 'utf8');
    writeFileSync(path, full.slice(0, full.length - 10));
    expect(cache.get(key)).toBeUndefined();
    expect(existsSync(path)).toBe(false);
    expect(cache.stats.corrupt).toBe(1);
  });

  it('detects a corrupted value and an entry without header', () => {
    const cache = new DiskCache(dir);
    const key = hashKey('k2');
    cache.set(key, 'hello');
    const path = join(dir, key);
    writeFileSync(path, readFileSync(path, 'utf8').replace('hello', 'hellO'));
    expect(cache.get(key)).toBeUndefined();
    writeFileSync(path, 'no header at all');
    expect(cache.get(key)).toBeUndefined();
    expect(cache.stats.corrupt).toBe(2);
  });

  it('leaves no temp files behind and rejects keys that are not digests', () => {
    const cache = new DiskCache(dir);
    for (let i = 0; i < 5; i++) cache.set(hashKey(String(i)), String(i));
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(dir)).toHaveLength(5);
    expect(() => cache.get('../etc/passwd')).toThrow(/hex digests/);
  });
});

describe('DiskCache authentication', () => {
  const secret = (text: string) => secretOf(Buffer.from(text.padEnd(32, '.')), 'test');

  it('serves only entries written with its key for that very key', () => {
    const mine = new DiskCache(dir, { secret: secret('mine') });
    const key = hashKey('page');
    mine.set(key, '<p>honest</p>');
    expect(mine.lookup(key)).toEqual({ value: '<p>honest</p>' });
    // Another machine's key: a miss, the entry left alone.
    expect(new DiskCache(dir, { secret: secret('theirs') }).lookup(key)).toEqual({ miss: 'foreign' });
    expect(existsSync(join(dir, key))).toBe(true);
    // Someone without the key, with a right checksum and our key id: forged, deleted.
    const value = '<script>alert(1)</script>';
    const sum = createHash('sha256').update(value).digest('hex');
    writeFileSync(join(dir, key), `mlpost-cache-v2 ${secret('mine').id} ${sum} ${'0'.repeat(64)}\n${value}`);
    expect(mine.lookup(key)).toEqual({ miss: 'forged' });
    expect(existsSync(join(dir, key))).toBe(false);
    // A valid entry copied under another key is not valid there.
    const other = hashKey('other page');
    mine.set(key, 'for key one');
    writeFileSync(join(dir, other), readFileSync(join(dir, key)));
    expect(mine.lookup(other)).toEqual({ miss: 'forged' });
    expect(mine.stats).toMatchObject({ forged: 2, foreign: 0 });
  });

  it('never reads through a symbolic link in place of an entry', () => {
    const cache = new DiskCache(dir, { secret: secret('mine') });
    const key = hashKey('linked');
    writeFileSync(join(dir, 'outside.txt'), 'x');
    symlinkSync(join(dir, 'outside.txt'), join(dir, key));
    expect(cache.lookup(key)).toEqual({ miss: 'absent' });
  });
});

describe('the cache key', () => {
  it('comes from MLPOST_CACHE_KEY, else a 0600 file created once in the user cache folder', () => {
    expect(loadSecret({ [CACHE_KEY_VARIABLE]: 'ci secret' }).origin).toBe(CACHE_KEY_VARIABLE);
    expect(loadSecret({ [CACHE_KEY_VARIABLE]: 'ci secret' }).id).toBe(loadSecret({ [CACHE_KEY_VARIABLE]: 'ci secret' }).id);
    const folder = join(dir, 'user-cache');
    const first = loadSecret({}, folder);
    expect(first.origin).toBe(join(folder, 'cache-key'));
    expect(statSync(join(folder, 'cache-key')).mode & 0o777).toBe(0o600);
    expect(loadSecret({}, folder).id).toBe(first.id);
  });

  it('a key file others can read or change is not used', () => {
    const folder = join(dir, 'loose');
    loadSecret({}, folder);
    chmodSync(join(folder, 'cache-key'), 0o644);
    const warnings: string[] = [];
    const listen = (warning: Error) => warnings.push(warning.message);
    process.on('warning', listen);
    const loose = loadSecret({}, folder);
    process.off('warning', listen);
    expect(loose.origin).toBe('this process');
  });
});

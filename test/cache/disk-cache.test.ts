import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DiskCache, hashKey } from '../../src/cache/disk-cache.js';

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

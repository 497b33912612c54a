/**
 * Unchanged posts are not read: the manifest keeps each file's size, times and text hash,
 * and a later build that finds the same `stat` takes the hash from it. These tests show
 * the other side: whatever changed is seen (even with the same size and mtime), a file
 * changed in the same moment as a build is not trusted, and a post whose text is needed
 * (cache gone) is read and gives the same bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildSite } from '../../src/site/build.js';
import { closeEngines } from '../../src/engines/index.js';
import { manifestStore, readManifest, type BuildManifest } from '../../src/site/manifest.js';
import { stampFor, stampHolds } from '../../src/site/source-stamp.js';
import { makeSite, removeSite, snapshot } from './site-fixture.js';

let root: string;
let reference: Record<string, string>;
const OLD = 1_600_000_000; // 2020-09-13, in seconds

function manifest(): BuildManifest {
  const read = readManifest(manifestStore(join(root, '.mlpost-cache'), resolve(root, 'dist')));
  if (!('manifest' in read)) throw new Error(`no manifest: ${read.rejected}`);
  return read.manifest;
}

beforeAll(async () => {
  root = makeSite();
  // Whole seconds, so that a test can put a file's mtime back exactly.
  for (const name of readdirSync(join(root, 'posts'))) utimesSync(join(root, 'posts', name), OLD, OLD);
  // Files changed within 2 s of a build get no stamp (see below): let the fixture age.
  await sleep(2100);
  await buildSite(root, { workers: 0 });
  reference = snapshot(join(root, 'dist'));
}, 60_000);
afterAll(async () => {
  removeSite(root);
  await closeEngines();
});

describe('source stamps', () => {
  it('are recorded for every post, with the hash of its text and its post_link use', () => {
    const posts = manifest().posts;
    expect(Object.keys(posts).sort()).toEqual(['posts/alpha.md', 'posts/beta.md', 'posts/delta.md', 'posts/gamma.md', 'posts/seed.md']);
    for (const [rel, record] of Object.entries(posts)) {
      const stat = statSync(join(root, rel));
      expect(record.source, rel).toMatchObject({ size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, linksPosts: false });
      expect(record.source?.textHash, rel).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('let a nothing-changed build keep every page', async () => {
    const result = await buildSite(root, { workers: 0 });
    expect(result).toMatchObject({ rendered: 0, unchanged: 5, written: [] });
  });

  it('give the text when it is needed after all: output and cache gone, same bytes', async () => {
    rmSync(join(root, 'dist'), { recursive: true });
    rmSync(join(root, '.mlpost-cache', 'posts'), { recursive: true });
    const result = await buildSite(root, { workers: 0 });
    expect(result).toMatchObject({ rendered: 5, fromCache: 0 });
    expect(snapshot(join(root, 'dist'))).toEqual(reference);
  }, 60_000);

  it('see an edit that keeps the size and puts the mtime back (the change time differs)', async () => {
    const path = join(root, 'posts/delta.md');
    const before = statSync(path);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('Plain text', 'Plain TEXT'));
    utimesSync(path, OLD, OLD);
    expect(statSync(path)).toMatchObject({ size: before.size, mtimeMs: before.mtimeMs });
    const result = await buildSite(root, { workers: 0 });
    expect(result).toMatchObject({ rendered: 1, unchanged: 4 });
    expect(readFileSync(join(root, 'dist/delta/index.html'), 'utf8')).toContain('Plain TEXT');
  }, 60_000);

  it('are not recorded for a file changed just before the build (it is read again next time)', async () => {
    const path = join(root, 'posts/alpha.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('Intro with', 'Introduction with'));
    const result = await buildSite(root, { workers: 0 });
    expect(result.rendered).toBe(1);
    expect(manifest().posts['posts/alpha.md']?.source).toBeUndefined();
    expect(manifest().posts['posts/beta.md']?.source).toBeDefined();
  }, 60_000);
});

describe('stampFor / stampHolds', () => {
  const times = { size: 10, mtimeMs: 1_000_000, ctimeMs: 1_000_000, ino: 7 };
  it('trust a file changed at least 2 s before the build started, and only while nothing differs', () => {
    expect(stampFor(times, 1_001_999, 'h', false)).toBeUndefined();
    const stamp = stampFor(times, 1_002_000, 'h', true);
    expect(stamp).toEqual({ ...times, textHash: 'h', linksPosts: true });
    expect(stampHolds(stamp, times)).toBe(true);
    for (const change of [{ size: 11 }, { mtimeMs: 1_000_001 }, { ctimeMs: 1_000_001 }, { ino: 8 }]) {
      expect(stampHolds(stamp, { ...times, ...change }), JSON.stringify(change)).toBe(false);
    }
    expect(stampHolds(stamp, undefined)).toBe(false);
    expect(stampHolds(undefined, times)).toBe(false);
  });
});

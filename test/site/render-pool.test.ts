/** The render thread pool: jobs spread over threads, threads replaced after N posts, same results. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RenderPool, renderIsolated } from '../../src/site/render-pool.js';
import { renderJob, type RenderSettings } from '../../src/site/render-job.js';
import { closeEngines } from '../../src/engines/index.js';
import { portableCacheSecret } from '../../src/cache/secret.js';
import { post } from './site-fixture.js';
import { repoRoot } from '../helpers.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'mlpost-pool-'));
afterAll(async () => {
  rmSync(cacheDir, { recursive: true, force: true });
  await closeEngines();
});
const settings: RenderSettings = { timezone: 'UTC', siteUrl: undefined, language: undefined, codeDir: undefined, posts: {}, cacheDir, noCache: true, limits: {}, cacheSecret: portableCacheSecret() };
const jobs = Array.from({ length: 5 }, (_, index) => ({
  shown: `p${index}.md`,
  text: post(`Post ${index}`, `2020-01-0${index + 1} 00:00:00`, ['t'], `Body ${index} with $x_${index}$.`),
  key: `${index}`.repeat(64),
}));

describe('RenderPool', () => {
  it('renders on replaced threads exactly what the calling thread renders', async () => {
    const pool = new RenderPool(1, settings, 2);
    try {
      const pooled = await Promise.all(jobs.map((job) => pool.render(job)));
      // 5 posts, 2 per thread: the first thread and two replacements.
      expect(pool.started).toBe(3);
      for (const [index, job] of jobs.entries()) {
        const local = await renderJob(job, settings);
        expect(pooled[index]).toEqual(local);
      }
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('refuses work once closed', async () => {
    const pool = new RenderPool(1, settings);
    await pool.close();
    await expect(pool.render(jobs[0]!)).rejects.toThrow('closed');
  }, 30_000);
});

// The limits run on dist/ (what users run): from src/ each new thread compiles mlpost through
// tsx, and its first post's lazy imports (KaTeX, highlighting) take seconds, inside postMs.
const built = (await import(pathToFileURL(join(repoRoot, 'dist/site/render-pool.js')).href)) as typeof import('../../src/site/render-pool.js');

describe('limits of one post', () => {
  const forever = '```{.graph prog=neato}\ngraph { graph [maxiter=2000000000 epsilon=0 mode=KK]; a -- b; b -- c; c -- d; d -- e; e -- f; f -- a }\n```\n';
  const slowSettings: RenderSettings = { ...settings, limits: { graphMs: 60_000 } };

  it('a post past postMs fails alone with a timeout; its thread is replaced and the next post renders', { timeout: 120_000 }, async () => {
    // 5 s, counted from when the thread begins the post: the replacement thread's first post
    // loads KaTeX and Graphviz's thread and runs cold code (over 1.5 s on a loaded CI machine).
    const pool = new built.RenderPool(1, slowSettings, { postMs: 5000 });
    try {
      const slow = pool.render({ shown: 'slow.md', text: forever, key: 'a'.repeat(64) });
      await expect(slow).rejects.toThrow('mlpost stopped rendering this post after 5 s (limits.postMs in mlpost.yml)');
      // (The graph's own limit is 60 s and its layout never ends: only postMs can have stopped it.)
      await expect(slow).rejects.toMatchObject({ reason: 'timeout' });
      const next = await pool.render(jobs[0]!);
      expect(next.stored.html).toContain('Body 0');
      expect(pool.started).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('a thread that runs out of memory fails its post with "memory", not the process', { timeout: 60_000 }, async () => {
    const block = 'Some *text* with `code` and $x^2$.\n\n> a quote\n\n- item one\n- item two\n\n';
    const big = { shown: 'big.md', text: block.repeat(4000), key: 'b'.repeat(64) };
    await expect(renderIsolated(big, settings, { heapMb: 24 })).rejects.toMatchObject({ reason: 'memory', message: "mlpost ran out of memory rendering this post (the render thread's limit is 24 MB)" });
    // The same post alone with the default large heap renders.
    const rendered = await renderIsolated(big, settings);
    expect(rendered.stored.html).toContain('<blockquote>');
  });
});

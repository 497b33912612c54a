/** The render thread pool: jobs spread over threads, threads replaced after N posts, same results. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RenderPool } from '../../src/site/render-pool.js';
import { renderJob, type RenderSettings } from '../../src/site/render-job.js';
import { closeEngines } from '../../src/engines/index.js';
import { portableCacheSecret } from '../../src/cache/secret.js';
import { post } from './site-fixture.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'mlpost-pool-'));
afterAll(async () => {
  rmSync(cacheDir, { recursive: true, force: true });
  await closeEngines();
});
const settings: RenderSettings = { timezone: 'UTC', siteUrl: undefined, cacheDir, noCache: true, page: { siteTitle: 'T', lang: undefined, generator: 'mlpost test' }, limits: {}, cacheSecret: portableCacheSecret() };
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

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { closeEngines } from '../../src/engines/index.js';
import { createGraphRenderer } from '../../src/graph/renderer.js';
import { dataValuesOf, freshCacheDir, renderCells } from './helpers.js';

const path = fileURLToPath(new URL('../../example-site/posts/live-hmm-rnn.md', import.meta.url));

afterAll(async () => {
  await closeEngines();
});

describe('the demo post example-site/posts/live-hmm-rnn.md', () => {
  it('runs every cell without a problem, then rebuilds from the cache with the same bytes', async () => {
    const graph = await createGraphRenderer({ spare: false });
    const cacheDir = freshCacheDir();
    const markdown = readFileSync(path, 'utf8');
    const started = performance.now();
    const first = await renderCells(markdown, { graph, cacheDir }, path);
    const firstMs = performance.now() - started;
    expect(first.messages).toEqual([]);
    expect(first.file.data.mlpostCells).toEqual({ executed: 8, cached: 0, failed: 0 });
    expect(firstMs).toBeLessThan(30_000);
    // The Viterbi path of the Healthy/Fever example and its probability 0.01512.
    expect(Math.exp(Number(dataValuesOf(first.html, 'viterbi')[0]))).toBeCloseTo(0.01512, 12);

    const second = await renderCells(markdown, { graph, cacheDir }, path);
    expect(second.file.data.mlpostCells).toEqual({ executed: 0, cached: 8, failed: 0 });
    expect(second.html).toBe(first.html);
  });
});

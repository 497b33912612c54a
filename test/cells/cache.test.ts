import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cellRunStats, resetCellRunStats } from '../../src/cells/index.js';
import { closeEngines } from '../../src/engines/index.js';
import { freshCacheDir, renderCells } from './helpers.js';

afterAll(async () => {
  await closeEngines();
});

const POST = [
  '# Cells',
  '',
  '```hmm',
  'states: [Healthy, Fever]\nsymbols: [normal, cold, dizzy]\nstart: [0.6, 0.4]\ntransition: [[0.7, 0.3], [0.4, 0.6]]\nemission: [[0.5, 0.4, 0.1], [0.1, 0.3, 0.6]]\nobserve: [normal, cold, dizzy]\nshow: [likelihood, viterbi, posterior, {sample: {length: 6, seed: 4}}]',
  '```',
  '',
  '```{.rnn caption="tiny"}',
  'text: "abcabcabd"\nhidden: 4\ntrain: {epochs: 20}\nshow: [loss, {sample: {length: 10, prime: "a"}}]',
  '```',
  '',
].join('\n');

describe('cell cache', () => {
  it('a second build runs no cell and gives byte-identical HTML; --no-cache runs them all, same bytes', async () => {
    const cacheDir = freshCacheDir();
    resetCellRunStats();
    const first = await renderCells(POST, { cacheDir });
    expect(first.file.data.mlpostCells).toEqual({ executed: 2, cached: 0, failed: 0 });
    expect(readdirSync(cacheDir)).toHaveLength(2);

    const second = await renderCells(POST, { cacheDir });
    expect(second.file.data.mlpostCells).toEqual({ executed: 0, cached: 2, failed: 0 });
    expect(second.html).toBe(first.html);

    const fresh = await renderCells(POST, { cacheDir, noCache: true });
    expect(fresh.file.data.mlpostCells).toEqual({ executed: 2, cached: 0, failed: 0 });
    expect(fresh.html).toBe(first.html);
    expect(cellRunStats()).toEqual({ executed: 4, cached: 2, failed: 0 });
  });

  it('a change to the source or the fence attributes runs that cell again, and only that one', async () => {
    const cacheDir = freshCacheDir();
    await renderCells(POST, { cacheDir });
    const edited = await renderCells(POST.replace('epochs: 20', 'epochs: 21'), { cacheDir });
    expect(edited.file.data.mlpostCells).toEqual({ executed: 1, cached: 1, failed: 0 });
    const recaptioned = await renderCells(POST.replace('caption="tiny"', 'caption="small"'), { cacheDir });
    expect(recaptioned.file.data.mlpostCells).toEqual({ executed: 1, cached: 1, failed: 0 });
  });

  it('two builds sharing a cache at once both succeed with the same bytes', async () => {
    const cacheDir = freshCacheDir();
    const [a, b] = await Promise.all([renderCells(POST, { cacheDir }), renderCells(POST, { cacheDir })]);
    expect(a.html).toBe(b.html);
    const after = await renderCells(POST, { cacheDir });
    expect(after.file.data.mlpostCells).toEqual({ executed: 0, cached: 2, failed: 0 });
    expect(after.html).toBe(a.html);
  });

  it('failed cells are not cached', async () => {
    const cacheDir = freshCacheDir();
    const broken = '```hmm\nstates: [A]\nsymbols: [x]\nstart: [0.5]\ntransition: [[1]]\nemission: [[1]]\n```\n';
    const { file } = await renderCells(broken, { cacheDir });
    expect(file.data.mlpostCells).toEqual({ executed: 0, cached: 0, failed: 1 });
    expect(readdirSync(cacheDir)).toHaveLength(0);
  });
});

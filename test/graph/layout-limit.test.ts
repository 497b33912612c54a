/**
 * Graphviz layouts have a wall-clock limit (src/graph/worker-engine.ts): a layout that
 * never converges is stopped at the limit with `graph-timeout` at the fence, its thread
 * is replaced, the next graph is drawn, and the post is transient (not cached).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeEngines } from '../../src/engines/index.js';
import { createGraphRenderer } from '../../src/graph/renderer.js';
import { renderPost } from '../../src/pipeline/render-post.js';
import { diagnostics, END_MARKER, hostilePath } from '../hostile/helpers.js';
import { repoRoot } from '../helpers.js';

afterAll(() => closeEngines());

const forever = 'graph { graph [maxiter=2000000000 epsilon=0 mode=KK]; a -- b; b -- c; c -- d; d -- e; e -- f; f -- a }';

describe('graph layout limit', () => {
  it('the fixture: graph-timeout at the fence after the limit, the next graph drawn, nothing cached', { timeout: 30_000 }, async () => {
    const path = hostilePath('dot-layout-forever.md');
    const started = performance.now();
    const post = await renderPost(readFileSync(join(repoRoot, path), 'utf8'), { path, limits: { graphMs: 1000 } });
    const seconds = (performance.now() - started) / 1000;
    expect(diagnostics(post)).toEqual([['3:1', 'error', 'graph-timeout']]);
    expect(post.messages[0]!.reason).toBe('Graphviz took longer than 1 s to lay out this graph: stopped');
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThan(8);
    expect(post.transient).toBe(true);
    expect(post.html).toMatch(/<text[^>]*>x<\/text>/);
    expect(post.html).toContain('mlpost-graph-failed');
    expect(post.html).toContain(END_MARKER);
  });

  it('a renderer stops the thread, answers the next graph from a fresh one at once, and counts the timeout', { timeout: 30_000 }, async () => {
    const renderer = await createGraphRenderer({ timeoutMs: 500 });
    try {
      const stopped = renderer.render(forever, { engine: 'neato', idPrefix: 'g1-' });
      expect(stopped.problems).toEqual([{ severity: 'error', message: 'Graphviz took longer than 0.5 s to lay out this graph: stopped', ruleId: 'graph-timeout', transient: true }]);
      const started = performance.now();
      const next = renderer.render('digraph { a -> b }', { idPrefix: 'g2-' });
      expect(next.problems).toEqual([]);
      expect(performance.now() - started).toBeLessThan(5000);
      expect(renderer.stats.timeouts).toBe(1);
      // Twice in a row, and a longer limit per call.
      expect(renderer.render(forever, { engine: 'neato', idPrefix: 'g3-', timeoutMs: 300 }).problems[0]!.message).toBe('Graphviz took longer than 0.3 s to lay out this graph: stopped');
      expect(renderer.render('digraph { c -> d }', { idPrefix: 'g4-' }).problems).toEqual([]);
    } finally {
      await renderer.close?.();
    }
  });

  it('without a spare, the next graph waits for a fresh thread to load', { timeout: 30_000 }, async () => {
    const renderer = await createGraphRenderer({ timeoutMs: 300, spare: false });
    try {
      expect(renderer.render(forever, { engine: 'neato', idPrefix: 'g1-' }).problems[0]!.ruleId).toBe('graph-timeout');
      expect(renderer.render('digraph { a -> b }', { idPrefix: 'g2-' }).problems).toEqual([]);
    } finally {
      await renderer.close?.();
    }
  });
});

/**
 * The pipeline's order is fixed by what its steps declare (src/pipeline/facts.ts): a
 * reordering that breaks a declared dependency is refused when the pipeline is built, and
 * every reordering the declarations allow renders the test posts byte-identically — so the
 * declarations are complete for what these posts exercise (fixtures/pipeline/interactions.md
 * puts the steps' meeting points in one post).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mlpostStages, type MlpostOptions } from '../../src/pipeline/index.js';
import { checkOrder, PipelineOrderError, stepsOf, type Step } from '../../src/pipeline/step.js';
import { FACTS, type Fact } from '../../src/pipeline/facts.js';
import { closeEngines, sharedGraphRenderer } from '../../src/engines/index.js';

const POSTS = [
  'fixtures/pipeline/interactions.md',
  'example-site/posts/feature-tour.md',
  'example-site/posts/rnn_intro.md',
  'fixtures/pandoc/Markdown.md',
  'fixtures/pandoc/graphviz-code-fences.md',
  'fixtures/corpus/graphviz.md',
  'fixtures/corpus/cross_entropy_loss.md',
].map((path) => ({ path, text: readFileSync(path, 'utf8') }));

let options: MlpostOptions[];
beforeAll(async () => {
  const graph = await sharedGraphRenderer();
  const cells = { cacheDir: mkdtempSync(join(tmpdir(), 'mlpost-order-')) };
  options = [
    { graph, cells, numberSections: true },
    { graph, cells, sanitize: true, externalLinks: false },
  ];
});
afterAll(closeEngines);

/** Every post through `steps` (no order check): HTML, messages and the data pages use. */
async function renderAll(steps: readonly Step[]): Promise<string[]> {
  const processor = unified().use({ plugins: steps.map((step) => [...step.use] as never) }).freeze();
  const results: string[] = [];
  for (const { path, text } of POSTS) {
    const file = new VFile({ path, value: text });
    let html: string;
    try {
      html = String(processor.stringify((await processor.run(processor.parse(file), file)) as never, file));
    } catch (error) {
      html = `crashed: ${String(error)}`;
    }
    results.push(JSON.stringify([html, file.messages.map((message) => [message.line, message.column, message.reason]), file.data.mlpost, file.data.toc, file.data.excerptHtml]));
  }
  return results;
}

function allowed(steps: readonly Step[]): boolean {
  try {
    checkOrder(steps);
    return true;
  } catch (error) {
    if (error instanceof PipelineOrderError) return false;
    throw error;
  }
}

describe('checkOrder', () => {
  const step = (name: string, declared: Partial<Pick<Step, 'needs' | 'makes' | 'breaks'>>): Step => ({ name, use: [() => undefined], ...declared });
  it('refuses a step whose need no earlier step makes, naming both', () => {
    expect(() => checkOrder([step('b', { needs: ['hast'] }), step('a', { makes: ['hast'] })])).toThrow('pipeline step "b" needs "hast", but no earlier step makes it');
  });
  it('refuses a step whose need an earlier step broke', () => {
    expect(() => checkOrder([step('a', { makes: ['mdast'] }), step('bridge', { breaks: ['mdast'] }), step('late', { needs: ['mdast'] })])).toThrow('pipeline step "late" needs "mdast", but step "bridge" before it breaks it');
  });
  it('returns what holds at the end, and takes what holds at the start', () => {
    expect(checkOrder([step('a', { needs: ['mdast'], makes: ['hast'], breaks: ['mdast'] })], ['mdast'])).toEqual(['hast']);
  });
});

describe("the pipeline's declarations", () => {
  it('hold for every combination of options, and every fact is made and used', () => {
    const used = new Set<Fact>();
    for (const numberSections of [false, true]) {
      for (const externalLinks of [false, true]) {
        const steps = stepsOf(mlpostStages({ numberSections, externalLinks }));
        expect(() => checkOrder(steps)).not.toThrow();
        for (const step of steps) for (const fact of [...(step.needs ?? []), ...(step.makes ?? [])]) used.add(fact);
        expect(new Set(steps.map((step) => step.name)).size).toBe(steps.length);
      }
    }
    expect([...used].sort()).toEqual(Object.keys(FACTS).sort());
  });

  it('refuse the pipeline when two dependent steps are swapped', () => {
    const steps = stepsOf(mlpostStages());
    const math = steps.findIndex((step) => step.name === 'math');
    [steps[math - 1], steps[math]] = [steps[math]!, steps[math - 1]!];
    expect(() => checkOrder(steps)).toThrow('pipeline step "math" needs "equations-numbered", but no earlier step makes it');
  });

  it('are complete: every swap of two neighbours they allow renders the posts identically', async () => {
    for (const option of options) {
      const steps = stepsOf(mlpostStages(option));
      const expected = await renderAll(steps);
      for (let index = 0; index + 1 < steps.length; index++) {
        const swapped = [...steps];
        [swapped[index], swapped[index + 1]] = [swapped[index + 1]!, swapped[index]!];
        if (!allowed(swapped)) continue;
        const got = await renderAll(swapped);
        const changed = POSTS.filter((_, post) => got[post] !== expected[post]).map((post) => post.path);
        expect({ swap: `${steps[index]!.name} ↔ ${steps[index + 1]!.name}`, changed }).toEqual({ swap: `${steps[index]!.name} ↔ ${steps[index + 1]!.name}`, changed: [] });
      }
    }
  }, 300_000);

  it('are complete: any move of one step that they allow renders the posts identically', async () => {
    const steps = stepsOf(mlpostStages(options[0]));
    const expected = await renderAll(steps);
    await fc.assert(
      fc.asyncProperty(fc.nat(steps.length - 1), fc.nat(steps.length - 1), async (from, to) => {
        const moved = [...steps];
        const [step] = moved.splice(from, 1);
        moved.splice(to, 0, step!);
        fc.pre(from !== to && allowed(moved));
        expect(await renderAll(moved)).toEqual(expected);
      }),
      { numRuns: 12, seed: 2026 },
    );
  }, 300_000);
});

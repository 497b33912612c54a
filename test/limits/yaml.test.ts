/**
 * The YAML limits (src/limits/yaml.ts): the nesting estimate is never below the real depth
 * (generated documents of every nesting construct), texts within it parse without a
 * stack overflow, and a refused text is refused at the place where it passes the limit.
 */
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { placeInText, resolveYaml, YAML_LIMITS, yamlDepthProblem, yamlLimitProblem } from '../../src/limits/yaml.js';

const SEED = 20_261_016;

/** A YAML value nested `depth` levels deep, each level one of YAML's nesting constructs. */
function nested(levels: ReadonlyArray<'flow-seq' | 'flow-map' | 'compact' | 'block-seq' | 'block-map'>, indent = 0): string {
  if (levels.length === 0) return 'x';
  const [level, ...rest] = levels;
  const pad = ' '.repeat(indent);
  switch (level) {
    case 'flow-seq':
      return `[${nested(rest.map((kind) => (kind.startsWith('flow') ? kind : 'flow-seq')), indent)}]`;
    case 'flow-map':
      return `{k: ${nested(rest.map((kind) => (kind.startsWith('flow') ? kind : 'flow-map')), indent)}}`;
    case 'compact':
      return `- ${nested(rest, indent + 2)}`;
    case 'block-seq':
      return `\n${pad}- ${nested(rest, indent + 2)}`;
    default:
      return `\n${pad}k: ${nested(rest, indent + 1)}`;
  }
}

const level = fc.constantFrom('flow-seq', 'flow-map', 'compact', 'block-seq', 'block-map') as fc.Arbitrary<'flow-seq' | 'flow-map' | 'compact' | 'block-seq' | 'block-map'>;

describe('YAML limits', () => {
  it('refuse every document nested deeper than the limit (the estimate never counts too few)', () => {
    fc.assert(
      fc.property(fc.array(level, { minLength: YAML_LIMITS.depth + 1, maxLength: YAML_LIMITS.depth + 40 }), (levels) => {
        expect(yamlDepthProblem(`${nested(levels)}\n`)).toBeDefined();
      }),
      { numRuns: 200, seed: SEED },
    );
  });

  it('documents within the limit parse and resolve without a stack overflow', () => {
    fc.assert(
      fc.property(fc.array(level, { maxLength: 40 }), (levels) => {
        const text = `${nested(levels)}\n`;
        if (yamlDepthProblem(text)) return;
        const document = parseDocument(text);
        expect(document.errors.map((error) => error.message).filter((message) => /call stack/.test(message))).toEqual([]);
        resolveYaml(document, text);
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('ordinary front matter and cells are not refused', () => {
    const texts = [
      'title: Arrays [a, b\ntags: [x, y]\ndate: 2019-09-12',
      'text: |\n' + Array.from({ length: 200 }, (_, i) => `${' '.repeat(2 + (i % 60))}code [ { line ${i}`).join('\n') + '\nhidden: 4',
      'states: [a, b]\ntransition: [[0.7, 0.3], [0.4, 0.6]]\nlearn:\n  from: [x, y]\n',
    ];
    for (const text of texts) expect(yamlLimitProblem(text)).toBeUndefined();
  });

  it('say where the limit is passed', () => {
    const text = `a: b\nc: ${'['.repeat(200)}`;
    const problem = yamlDepthProblem(text)!;
    expect(placeInText(text, problem.offset)).toEqual({ line: 2, column: 3 + YAML_LIMITS.depth });
    expect(yamlLimitProblem('x'.repeat(YAML_LIMITS.bytes + 1))).toEqual({ message: `YAML longer than ${YAML_LIMITS.bytes} characters (${YAML_LIMITS.bytes + 1}): not read`, offset: 0 });
  });

  it('a billion-laughs expansion is refused at resolution, an unknown alias at the alias', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    expect(resolveYaml(parseDocument(bomb), bomb)).toEqual({ problem: { message: 'Excessive alias count indicates a resource exhaustion attack', offset: 0 } });
    const unknown = 'a: 1\nb: *nope\n';
    const resolved = resolveYaml(parseDocument(unknown), unknown);
    expect('problem' in resolved && placeInText(unknown, resolved.problem.offset)).toEqual({ line: 2, column: 4 });
  });
});

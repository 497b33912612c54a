/**
 * Property tests (fast-check) of the parsers that read author text and of the whole
 * pipeline on generated Markdown: no exception escapes, every run is fast, the output
 * parses back as HTML without a single parse error, and author text put where it lands in
 * a tag or an attribute never breaks out of it.
 *
 * Runs per property (seeded, so failures replay): parseTag / splitArguments 1000,
 * parseFenceAttributes 1000, front matter 300, whole pipeline 150 (trusted) + 150
 * (sanitize), injection 150, EditMap equivalence 500; round 2: marker runs 60, macro
 * definitions 80, graph attributes 60 (YAML nesting and names: test/limits, test/site).
 */
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import type { Root as HastRoot, Element } from 'hast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { remarkMlpostParse } from '../../src/parse/parser.js';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { renderPost } from '../../src/pipeline/render-post.js';
import { parseFenceAttributes } from '../../src/syntax/fence-attributes.js';
import { readFrontMatter } from '../../src/syntax/front-matter.js';
import { parseTag, splitArguments } from '../../src/syntax/hexo-tag/arguments.js';

const SEED = 20_260_901;
/** Each single parse of a short input must finish within this. */
const PARSE_BOUND_MS = 50;
/** Each render of a generated post (a few kB, graphs included) must finish within this. */
const RENDER_BOUND_MS = 3_000;

/** Characters that matter to the parsers, plus anything. */
const nasty = fc.oneof(
  fc.constantFrom('"', "'", '\\', '{', '}', '%', '=', ' ', '\t', '\n', '.', '#', ':', '<', '>', '&', '`', '$', '*', '[', ']', '(', ')', '-', '|', '\u0000', '\uFEFF', '中', '😀'),
  fc.string({ maxLength: 3 }),
);
const nastyText = fc.array(nasty, { maxLength: 40 }).map((parts) => parts.join(''));

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const value = run();
  return [value, performance.now() - started];
}

describe('parsers never throw and stay fast', () => {
  it('Hexo tag arguments', () => {
    fc.assert(
      fc.property(nastyText, (inner) => {
        const [tag, ms] = timed(() => parseTag(inner));
        expect(typeof tag.name).toBe('string');
        expect(splitArguments(inner).args.every((arg) => typeof arg === 'string')).toBe(true);
        expect(ms).toBeLessThan(PARSE_BOUND_MS);
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('fence attributes', () => {
    fc.assert(
      fc.property(nastyText, (info) => {
        const [attributes, ms] = timed(() => parseFenceAttributes(`{${info}}`));
        for (const problem of attributes.problems) expect(typeof problem.message).toBe('string');
        parseFenceAttributes(info);
        expect(ms).toBeLessThan(PARSE_BOUND_MS);
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('front matter: located problems inside the block, never an exception', () => {
    const processor = unified().use(remarkMlpostParse);
    const line = fc.oneof(
      fc.constantFrom('title: x', 'date: 2019-09-12 13:52:48', 'date: [1, 2]', 'date: 2019-02-30', 'tags: [a, [b, c]]', 'tags: {a: 1}', 'title: {x: 1}', 'a: &x 1', 'b: *x', 'b: *nonesuch', '- item', 'key: "open', "key: 'open", 'dup: 1', 'dup: 2', '? complex', '!!binary x', 'x: !!float nan', '  indented: 1', ''),
      nastyText.map((text) => text.replace(/\n/g, ' ').replace(/^---/, '')),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const text = `---\n${lines.join('\n')}\n---\n\nbody\n`;
        const file = new VFile({ value: text, path: 'fm.md' });
        const [data, ms] = timed(() => (processor.parse(file), readFrontMatter(file, { timezone: 'Asia/Shanghai' })));
        expect(Array.isArray(data.tags)).toBe(true);
        for (const message of file.messages) {
          expect(message.line).toBeGreaterThanOrEqual(1);
          expect(message.line).toBeLessThanOrEqual(lines.length + 2);
          expect(message.ruleId).toMatch(/^front-matter-/);
        }
        expect(ms).toBeLessThan(PARSE_BOUND_MS * 4);
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});

/** Pieces of Markdown that exercise every syntax mlpost reads, broken and whole. */
const block = fc.oneof(
  nastyText,
  fc.constantFrom(
    '# Heading {#id .class}', '## Heading', '- a\n- b\n  - c', '1. one\n2. two', '> quote\n> > nested', '***strong emphasis***', '`code`',
    '$x^2$', '$$\\frac{a}{b}\\label{eq:1}$$', '$\\frac{a}{$', '$\\nonesuch$', '\\ref{eq:1}', '$\\eqref{eq:2}$',
    '{% blockquote Author https://example.org Title %}', '{% endblockquote %}', '{% nonesuch x %}', '{% raw %}', '{% endraw %}', '{% codeblock %}', '{% endcodeblock %}',
    '{% img /a.png 10 20 "title" %}', '{% link text https://example.org %}', '{% pullquote %}', '{% endpullquote %}',
    '```{.graph caption="g" fileName="g1"}\ndigraph { a -> b }\n```', '```{.graph}\ndigraph { a -> }\n```', '```{.graph caption="open}\ndigraph{}\n```',
    '```python {.numberLines}\nprint(1)\n```', '```hmm\nstates: [a, b\n```', '```rnn\ncell: rnn\ntext: 1\n```',
    '<div class="x">html</div>', '<span>open', '</span>', '<!-- more -->', '<!-- comment', '</br>', '<img src=x onerror=alert(1)>', '<svg><circle r="1"/></svg>',
    '[link](#heading)', '[bad](javascript:alert(1))', '![img](a.png "t")', '[^1]', '[^1]: note', '| a | b |\n|---|---|\n| 1 | 2 |', '~~del~~', '~sub~', '^sup^', '中文\n中文',
    '[span]{.cls}', '::: note\ntext\n:::', '---',
    'Term\n:   definition', ':   orphan definition', 'Term\n\n:   loose\n\n        code', '| line one\n|     indented\n  continued\n|', '|', '| a | b |',
    '-----  -----\na      b\n-----  -----', '--  --\n{% x %}  $y$\n--  --', 'H1   H2\n---  ---\n     1    2', '- - -', '(@a) example', '(@) next', 'see (@a)', '* one\n- two', '> quote\n>\nlazy',
    '<div class="box">', '</div>', "<div align='center'>\n*md* text\n</div>", '<div title="a>b">\n- item\n</div>',
  ),
);
const markdown = fc.array(block, { maxLength: 14 }).map((blocks) => blocks.join(fc.sample(fc.constantFrom('\n', '\n\n'), { numRuns: 1, seed: blocks.length })[0]!));

/** parse5's complaints about an HTML fragment (none for well-formed output). */
function parseErrors(html: string): string[] {
  const errors: string[] = [];
  fromHtml(html, { fragment: true, onerror: (error) => {
    errors.push(`${error.ruleId} at ${error.line}:${error.column}`);
  } });
  return errors;
}

describe('the whole pipeline on generated Markdown', () => {
  for (const sanitize of [false, true]) {
    it(`never throws, is fast, and writes well-formed HTML${sanitize ? ' (sanitize)' : ''}`, { timeout: 120_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(markdown, async (text) => {
          const started = performance.now();
          const post = await renderPost(text, { path: 'generated.md', sanitize, cells: { noCache: true } });
          expect(performance.now() - started).toBeLessThan(RENDER_BOUND_MS);
          expect(parseErrors(post.html)).toEqual([]);
          for (const message of post.messages) {
            expect(message.ruleId, message.reason).toBeTruthy();
            expect(message.line ?? 1).toBeGreaterThanOrEqual(1);
          }
          expect(post.messages.filter((message) => message.ruleId === 'render-crashed').map(String)).toEqual([]);
        }),
        { numRuns: 150, seed: SEED },
      );
    });
  }

  // Author text lands in attributes and inside generated elements in these places; none
  // of them is raw HTML, so the payload must come out as text or an attribute value only.
  it('author text never breaks out of a tag or an attribute', { timeout: 120_000 }, async () => {
    const payload = fc.constantFrom(
      '"><b data-pwn="1">', "'><b data-pwn='1'>", '" data-pwn="1', "' data-pwn='1", '</figcaption><b data-pwn>', '&quot; data-pwn=&quot;1', '</title><b data-pwn>',
    );
    const places: Array<(p: string) => string> = [
      (p) => `[x](https://example.org "${p.replace(/"/g, '&quot;')}")`,
      (p) => `![${p.replace(/[<>\]]/g, '')}](a.png)`,
      (p) => `\`\`\`{.graph caption="${p.replace(/"/g, '\\"')}"}\ndigraph { a -> b }\n\`\`\``,
      (p) => `\`\`\`{.graph}\ndigraph { a [label="${p.replace(/"/g, '\\"')}"] }\n\`\`\``,
      (p) => `{% blockquote ${p.replace(/%}/g, '')} https://example.org ${p.replace(/%}/g, '')} %}\nq\n{% endblockquote %}`,
      (p) => `{% img /a.png 10 20 '${p.replace(/'/g, '')}' %}`,
      (p) => `\`\`\`${p.replace(/[`\n{]/g, '')}\ncode\n\`\`\``,
      (p) => `$\\text{${p.replace(/[{}$\\]/g, '')}}$`,
      (p) => `\`\`\`hmm\nstates: ["${p.replace(/["\\]/g, '')}", b]\nsymbols: [x]\nstart: [1, 0]\ntransition: [[1, 0], [0, 1]]\nemission: [[1], [1]]\nobserve: [x]\nshow: [viterbi]\n\`\`\``,
    ];
    await fc.assert(
      fc.asyncProperty(payload, fc.integer({ min: 0, max: places.length - 1 }), async (p, place) => {
        const post = await renderPost(places[place]!(p), { path: 'inject.md' });
        const tree = fromHtml(post.html, { fragment: true }) as HastRoot;
        const stack: Array<HastRoot | Element> = [tree];
        while (stack.length > 0) {
          const node = stack.pop()!;
          if (node.type === 'element') {
            expect(Object.keys(node.properties).filter((key) => key.startsWith('dataPwn')), `${place}: ${post.html}`).toEqual([]);
          }
          for (const child of node.children) if (child.type === 'element') stack.push(child);
        }
      }),
      { numRuns: 150, seed: SEED },
    );
  });
});


/**
 * Round 2: generators for the constructs that could still stop a build — runs of list
 * markers and tags nested past every limit, lazy lines, macro definitions that expand
 * exponentially, graph attributes that make layouts run for ever. Each render must end in
 * bounded time with located diagnostics and no `render-crashed`.
 */
describe('round 2: constructs that nest, expand or run for ever', () => {
  const repeat = (piece: string) => fc.tuple(fc.constant(piece), fc.integer({ min: 1, max: 400 })).map(([text, count]) => text.repeat(count));
  const markerRun = fc.oneof(
    repeat('#. ').map((run) => `${run}x`),
    repeat('(@) ').map((run) => `${run}x`),
    repeat('(@a) ').map((run) => `(@a) first\n\n${run}`),
    repeat('> ').map((run) => `${run}deep`),
    repeat('- ').map((run) => `${run}deep`),
    fc.integer({ min: 1, max: 300 }).map((depth) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')),
    fc.integer({ min: 1, max: 3000 }).map((lines) => `> quote\n${'lazy line\n'.repeat(lines)}`),
    fc.integer({ min: 1, max: 400 }).map((depth) => `${'{% blockquote %}\n'.repeat(depth)}x\n${'{% endblockquote %}\n'.repeat(depth)}`),
    fc.integer({ min: 1, max: 400 }).map((count) => '{% pullquote %}\n\n'.repeat(count)),
  );

  it('marker runs, lazy lines and nested tags: bounded time, located errors, never a crash', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(markerRun, { minLength: 1, maxLength: 3 }), async (pieces) => {
        const started = performance.now();
        const post = await renderPost(`${pieces.join('\n\n')}\n\nTHE-END\n`, { path: 'runs.md' });
        expect(performance.now() - started).toBeLessThan(RENDER_BOUND_MS * 2);
        expect(post.html).toContain('THE-END');
        expect(post.messages.filter((message) => message.ruleId === 'render-crashed').map(String)).toEqual([]);
        for (const message of post.messages) expect(message.line ?? 0).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 60, seed: SEED },
    );
  });

  const macroDefinition = fc.oneof(
    fc.integer({ min: 2, max: 30 }).map((copies) => `\\def\\a#1{${'#1'.repeat(copies)}}`),
    fc.integer({ min: 1, max: 30 }).map((count) => `\\def\\b{x}${'\\xdef\\b{\\b\\b}'.repeat(count)}`),
    fc.integer({ min: 1, max: 30 }).map((count) => `\\gdef\\c{y}${'\\edef\\c{\\c\\c\\c}'.repeat(count)}`),
    fc.constantFrom('\\def\\d#1{\\expandafter\\a\\expandafter{#1}}', '\\def\\e{\\e}', '\\newcommand{\\f}[1]{#1#1}', '\\def\\g#1#2{#2#1#2}'),
  );
  const macroUse = fc.oneof(
    fc.tuple(fc.constantFrom('\\a', '\\d', '\\f'), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 200 })).map(([name, depth, width]) => `${`${name}{`.repeat(depth)}${'x'.repeat(width)}${'}'.repeat(depth)}`),
    fc.constantFrom('\\b', '\\c', '\\e', '\\g{a}{b}', '\\rule{1000em}{1000em}', 'x^{'.repeat(50) + 'y' + '}'.repeat(50)),
  );

  it('macro definitions: every formula ends within its limits, typeset or as a located math error', { timeout: 300_000 }, async () => {
    const rules = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(macroDefinition, { minLength: 1, maxLength: 3 }), fc.array(macroUse, { minLength: 1, maxLength: 3 }), async (definitions, uses) => {
        const started = performance.now();
        const post = await renderPost(`$$${definitions.join('')}${uses.join('')}$$\n\nTHE-END\n`, { path: 'macros.md' });
        expect(performance.now() - started).toBeLessThan(RENDER_BOUND_MS * 3);
        expect(post.html).toContain('THE-END');
        for (const message of post.messages) {
          expect(message.ruleId).toMatch(/^(math-|katex-)/);
          expect(message.line).toBe(1);
          rules.add(message.ruleId!);
        }
      }),
      { numRuns: 80, seed: SEED },
    );
    // The generator does reach the token limit.
    expect(rules.has('math-limit')).toBe(true);
  });

  const graphAttribute = fc.oneof(
    // neato's stress majorisation that never converges (and mclimit that makes dot crawl).
    fc.constantFrom('maxiter="2000000000" epsilon="0" mode="KK"', 'mclimit="1000" nslimit="1000000" searchsize="1000000"'),
    fc.constantFrom('maxiter', 'epsilon', 'mode', 'mclimit', 'nslimit', 'nslimit1', 'searchsize', 'remincross', 'overlap', 'splines', 'size', 'ratio', 'nodesep', 'ranksep', 'start', 'K', 'repulsiveforce').chain((name) =>
      fc.constantFrom('0', '1', '-1', '2000000000', '1e-300', '1e300', 'KK', 'major', 'hier', 'true', 'false', 'scale', 'prism', '0.0001,0.0001', 'fill', 'auto', 'random').map((value) => `${name}="${value}"`),
    ),
  );
  const graphSource = fc.tuple(
    fc.constantFrom('dot', 'neato', 'fdp', 'sfdp', 'circo', 'twopi', 'osage', 'patchwork'),
    fc.array(graphAttribute, { maxLength: 4 }),
    fc.integer({ min: 2, max: 12 }),
    fc.boolean(),
  ).map(([engine, attributes, nodes, dense]) => {
    const edges: string[] = [];
    for (let a = 0; a < nodes; a++) for (let b = a + 1; b < nodes; b++) if (dense || b === a + 1) edges.push(`n${a} -- n${b}`);
    return `\`\`\`{.graph prog=${engine}}\ngraph { graph [${attributes.join(' ')}]; ${edges.join('; ')} }\n\`\`\``;
  });

  it('graph attributes: every layout ends within the graph limit, drawn or as a located graph error', { timeout: 600_000 }, async () => {
    const rules = new Set<string>();
    await fc.assert(
      fc.asyncProperty(graphSource, async (graph) => {
        const started = performance.now();
        const post = await renderPost(`${graph}\n\nTHE-END\n`, { path: 'graph.md', limits: { graphMs: 1000 } });
        expect(performance.now() - started).toBeLessThan(RENDER_BOUND_MS + 2000);
        expect(post.html).toContain('THE-END');
        for (const message of post.messages) {
          expect(message.ruleId).toMatch(/^graph-/);
          rules.add(message.ruleId!);
        }
      }),
      { numRuns: 60, seed: SEED },
    );
    // The generator does reach the limit.
    expect(rules.has('graph-timeout')).toBe(true);
  });
});

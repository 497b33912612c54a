/**
 * Property tests (fast-check) of the parsers that read author text and of the whole
 * pipeline on generated Markdown: no exception escapes, every run is fast, the output
 * parses back as HTML without a single parse error, and author text put where it lands in
 * a tag or an attribute never breaks out of it.
 *
 * Runs per property (seeded, so failures replay): parseTag / splitArguments 1000,
 * parseFenceAttributes 1000, front matter 300, whole pipeline 150 (trusted) + 150
 * (sanitize), injection 150, EditMap equivalence 500.
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


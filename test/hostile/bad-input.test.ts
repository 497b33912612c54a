/**
 * One fixture per kind of broken post (fixtures/hostile/): each gives exactly the expected
 * diagnostics (line:column, severity, rule id, file) and the rest of the page still renders.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeEngines } from '../../src/engines/index.js';
import { renderPost } from '../../src/pipeline/render-post.js';
import { diagnostics, END_MARKER, hostilePath, renderFixture, type Diagnostic } from './helpers.js';

afterAll(() => closeEngines());

/** fixture → its diagnostics, in source order. */
const CASES: Record<string, Diagnostic[]> = {
  // The quote opened at 2:8 is never closed (YAML notices it at the end of line 3).
  'front-matter-invalid-yaml.md': [['2:8', 'error', 'front-matter-yaml']],
  'front-matter-date-type.md': [
    ['3:7', 'error', 'front-matter-date'], // a list, not a date
    ['4:10', 'error', 'front-matter-date'], // 2019-02-30 does not exist
  ],
  // A billion-laughs expansion (9⁴ copies): refused past 100 aliases, at the block's start.
  'front-matter-aliases.md': [['2:1', 'error', 'front-matter-yaml']],
  // An alias to an anchor that does not exist (YAML's parse accepts it; resolving threw).
  'front-matter-unknown-alias.md': [['3:10', 'error', 'front-matter-yaml']],
  'blockquote-unclosed.md': [['3:1', 'error', 'hexo-tag-unclosed']],
  'blockquote-unopened.md': [['5:1', 'error', 'hexo-tag-unopened']],
  'unknown-tags.md': [
    ['3:1', 'warning', 'hexo-tag-unknown'],
    ['5:8', 'warning', 'hexo-tag-unknown'],
  ],
  'fence-unterminated-quote.md': [['3:20', 'warning', 'fence-attribute-unterminated']],
  'fence-duplicate-keys.md': [['3:28', 'warning', 'fence-attribute-duplicate']],
  // DOT line 3 of a fence whose body starts on line 4.
  'dot-syntax-error.md': [['6:1', 'error', 'graph-syntax']],
  'dot-graphviz-fails.md': [
    ['3:1', 'error', 'graph-layout'], // Graphviz runs out of WASM memory
    ['7:1', 'error', 'graph-layout'], // an HTML label Graphviz's XML parser rejects …
    ['8:1', 'error', 'graph-layout'], // … and its second complaint, at the DOT line
  ],
  'math-errors.md': [
    // `$\frac{a}{$`: its `{` is never closed, so neither is the formula (MathJax's rule): text.
    ['1:25', 'warning', 'math-undefined-command'],
    // KaTeX's error position: the end of the display's last line.
    ['4:23', 'error', 'math-katex'],
    ['7:5', 'warning', 'math-ref-unknown'],
  ],
  'cell-yaml-error.md': [['5:1', 'error', 'cell-yaml-syntax']],
  'cell-wrong-types.md': [
    ['5:7', 'error', 'cell-type'],
    ['6:9', 'error', 'cell-type'],
  ],
  'cell-nan-infinity.md': [
    ['6:9', 'error', 'cell-type'], // .nan
    ['7:15', 'error', 'cell-type'], // .inf
    ['8:30', 'error', 'cell-type'], // -.inf
  ],
  'cell-size-limits.md': [
    ['6:9', 'error', 'cell-limit'], // hidden: 100000
    ['10:1', 'error', 'cell-fence-attribute'], // timeout=100000
  ],
  'cell-never-finishes.md': [['3:1', 'error', 'cell-timeout']],
  // Round 2: input that nested past every limit through a transform made after the tree
  // limit (render-crashed with a stack overflow before), and YAML bombs in cells.
  'hash-markers-deep.md': [['3:1', 'error', 'nesting-too-deep']],
  'example-markers-deep.md': [['3:1', 'error', 'nesting-too-deep']],
  'example-references-deep.md': [['5:1', 'error', 'nesting-too-deep']],
  'blockquote-nested-deep.md': [['101:1', 'error', 'nesting-too-deep']],
  'cell-yaml-aliases.md': [['4:1', 'error', 'cell-yaml-syntax']],
  'yaml-nested-deep.md': [
    ['2:107', 'error', 'front-matter-yaml'], // the 100th `[` (the mapping is a level too)
    ['8:1', 'error', 'cell-yaml-syntax'], // `- - - …` 2000 deep
    ['8:401', 'error', 'nesting-too-deep'], // …which is also a line of 2000 list markers
  ],
  'math-limits.md': [
    ['3:1', 'error', 'math-limit'], // 274 bytes that expand past the token limit
    ['7:1', 'error', 'math-limit'], // 20 001 characters
  ],
  'script-urls.md': [
    ['1:1', 'warning', 'security-script-url'],
    ['1:26', 'warning', 'security-script-url'],
    ['3:1', 'warning', 'security-script-url'],
    ['3:37', 'warning', 'security-script-url'],
    ['5:29', 'warning', 'security-script-url'],
    ['8:1', 'warning', 'graph-unsafe-url'],
  ],
};

describe('bad input: exact diagnostics, and the rest of the page renders', () => {
  for (const [name, expected] of Object.entries(CASES)) {
    it(name, async () => {
      const post = await renderFixture(name);
      expect(diagnostics(post)).toEqual(expected);
      for (const message of post.messages) expect(message.file).toBe(hostilePath(name));
      expect(post.html).toContain(END_MARKER);
    });
  }

  it('a graph after two Graphviz failures in WASM is still drawn', async () => {
    const post = await renderFixture('dot-graphviz-fails.md');
    expect(post.html).toMatch(/<svg[^>]*>[\s\S]*<text[^>]*>x<\/text>[\s\S]*<text[^>]*>y<\/text>/);
    // …and a later post with the same graph gets the same drawing as a fresh renderer would.
    const again = await renderPost('```{.graph}\ndigraph { x -> y }\n```\n');
    expect(again.messages).toEqual([]);
    expect(post.html).toContain(again.html.replace(/^<figure[^>]*>|<\/figure>\s*$/g, ''));
  });

  it('the cell that never finishes is stopped at its timeout, not at the end of training', async () => {
    const started = performance.now();
    const post = await renderFixture('cell-never-finishes.md');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(post.messages[0]!.reason).toBe('rnn: stopped after 0.3 s (the cell\'s timeout)');
    expect(post.html).toContain('mlpost-cell');
  });

  it('an empty post renders to an empty body without diagnostics', async () => {
    const post = await renderFixture('empty.md');
    expect(post.messages).toEqual([]);
    expect(post.html).toBe('');
    expect(post.data.title).toBeUndefined();
  });

  it('messages say what is wrong in words', async () => {
    const reasons = async (name: string) => (await renderFixture(name)).messages.map((message) => message.reason);
    expect(await reasons('front-matter-invalid-yaml.md')).toEqual(['front matter is not valid YAML: Missing closing "quote']);
    expect(await reasons('front-matter-date-type.md')).toEqual([
      '`date` must be a date like 2019-09-12 13:52:48, got [2019,9,12]',
      '`updated` must be a date like 2019-09-12 13:52:48, got "2019-02-30"',
    ]);
    expect(await reasons('cell-nan-infinity.md')).toEqual([
      'hmm: "start" item 1 must be a number, not NaN',
      'hmm: "transition" item 1 item 1 must be a number, not Infinity',
      'hmm: "emission" item 2 item 2 must be a number, not -Infinity',
    ]);
    expect(await reasons('dot-graphviz-fails.md')).toContain('Graphviz: out of memory');
    expect(await reasons('math-limits.md')).toEqual(['math: formula expands to more than 250000 tokens: not typeset', 'math: formula longer than 20000 characters (20001): not typeset']);
    expect(await reasons('hash-markers-deep.md')).toEqual(['`#.` lists nested deeper than 100 levels: the deeper markers are text']);
    expect(await reasons('blockquote-nested-deep.md')).toEqual(['`{% blockquote %}` blocks nested deeper than 100 levels: the deeper part is shown as plain text']);
    expect(await reasons('cell-yaml-aliases.md')).toEqual(['hmm: YAML: Excessive alias count indicates a resource exhaustion attack']);
    expect((await reasons('yaml-nested-deep.md')).slice(0, 2)).toEqual(['front matter is not read: YAML nested more than 100 levels deep: not read', 'rnn: YAML: YAML nested more than 100 levels deep: not read']);
  });
});

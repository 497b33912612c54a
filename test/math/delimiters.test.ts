/**
 * Math delimiters (`src/math/syntax/`): fixed cases for every layout of issue 14's cause 1,
 * and a property: random prose and formulas, in every layout, give the formula list of the
 * reference scanner (`reference-scanner.ts`, written from pandoc's and MathJax's rules).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Nodes, Root } from 'mdast';
import { remarkPandocMath } from '../../src/math/remark-pandoc-math.js';
import { renderPost } from '../../src/index.js';
import { placedFormulas, referenceFormulas, type Formula } from './reference-scanner.js';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toText } from 'hast-util-to-text';
import type { Element, Parents, Text } from 'hast';
import { selectAll } from '../render/select.js';

const parser = unified().use(remarkParse).use(remarkPandocMath);

/** The formulas mlpost's parser finds, in order (TeX trimmed, as the reference gives it). */
function parsedFormulas(markdown: string): Formula[] {
  const found: Formula[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'math') found.push({ tex: node.value, display: true });
    else if (node.type === 'inlineMath') {
      const classes = node.data?.hProperties?.className as string[];
      found.push({ tex: node.value, display: classes.includes('math-display') });
    } else if ('children' in node) node.children.forEach((child) => walk(child as Nodes));
  };
  walk(parser.runSync(parser.parse(markdown)) as Root);
  return found.map(({ tex, display }) => ({ tex: tex.trim(), display }));
}

function referenceTrimmed(markdown: string): Formula[] {
  return referenceFormulas(markdown).map(({ tex, display }) => ({ tex: tex.trim(), display }));
}

/** The page, each formula shown as `[D:tex]` (display) or `[I:tex]` (inline). */
async function outline(markdown: string): Promise<{ html: string; rules: string[] }> {
  const post = await renderPost(markdown, { path: 'post.md' });
  const tree = fromHtml(post.html, { fragment: true });
  const marker = (element: Element, display: boolean): Text => ({ type: 'text', value: `[${display ? 'D' : 'I'}:${toText(selectAll({ type: 'root', children: [element] }, (node) => node.tagName === 'annotation')[0]!)}]` });
  const replace = (parent: Parents): void => {
    parent.children = parent.children.map((child) => {
      if (child.type !== 'element') return child;
      const classes = (child.properties.className as string[] | undefined) ?? [];
      if (classes.includes('katex-display')) return marker(child, true);
      if (classes.includes('katex')) return marker(child, false);
      replace(child);
      return child;
    }) as typeof parent.children;
  };
  replace(tree);
  return { html: toHtml(tree), rules: post.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`) };
}

describe('display math in every position pandoc and MathJax accept', () => {
  it.each([
    ['content on the line of `$$`', '$$\\begin{aligned} a &= b \\\\\nc &= d \\end{aligned}$$\n\nafter', [{ tex: '\\begin{aligned} a &= b \\\\\nc &= d \\end{aligned}', display: true }]],
    ['`$$` right after a line of text', 'text\n$$\nx\n$$\nafter', [{ tex: 'x', display: true }]],
    ['text right after the closing `$$`', '$$\nx\n$$, where $y$ is', [{ tex: 'x', display: true }, { tex: 'y', display: false }]],
    ['two displays on consecutive lines', '$$a$$\n$$b$$', [{ tex: 'a', display: true }, { tex: 'b', display: true }]],
    ['two display blocks on consecutive lines', '$$\na\n$$\n$$\nb\n$$', [{ tex: 'a', display: true }, { tex: 'b', display: true }]],
    ['`$$…$$` mid-sentence', 'so $$x^2$$ is', [{ tex: 'x^2', display: true }]],
    ['`$$…$$` mid-sentence over lines', 'so $$x\n+y$$ is', [{ tex: 'x\n+y', display: true }]],
    ['lines that look like Markdown inside a display', '$$\na\n- b\n# c\n> d\n1. e\n===\n$$', [{ tex: 'a\n- b\n# c\n> d\n1. e\n===', display: true }]],
    ['the same after a line of text', 'text\n$$\na\n- b\n$$', [{ tex: 'a\n- b', display: true }]],
    ['`$$` at the start of a line closing a display opened mid-line', 'where $$\na = b\n$$ and', [{ tex: 'a = b', display: true }]],
    ['the same after a line of an inline formula', 'cost $5 and\n$$\nx\n$$', [{ tex: 'x', display: true }]],
    ['the same with text after the display', '$$\na\n+ b\n$$, where', [{ tex: 'a\n+ b', display: true }]],
    ['`\\[…\\]` and `\\(…\\)`', '\\(x\\) and \\[y\\]\n\n\\[\nz\n\\]', [{ tex: 'x', display: false }, { tex: 'y', display: true }, { tex: 'z', display: true }]],
    ['marked-era `\\\\[…\\\\]`, escapes undone', '\\\\[ a \\\\\\\\ b\\_1 \\\\] and \\\\(\\left\\\\{x\\\\)', [{ tex: 'a \\\\ b_1', display: true }, { tex: '\\left\\{x', display: false }]],
    ['`\\begin{align\\*}` written for marked, read as marked passed it on', '\\begin{align\\*}\na\\_1 &= b \\\\\\\\\nc\n\\end{align\\*}\n\ntext \\begin{equation\\*}x\\_1\\end{equation\\*}', [{ tex: '\\begin{align*}\na_1 &= b \\\\\nc\n\\end{align*}', display: true }, { tex: '\\begin{equation*}x_1\\end{equation*}', display: true }]],
    ['a math environment without delimiters', '\\begin{align}\na &= b \\\\\n- c\n\\end{align}', [{ tex: '\\begin{align}\na &= b \\\\\n- c\n\\end{align}', display: true }]],
    ['`$` inside `\\text{}`', '$$\\text{if $x$ then}$$ and $\\text{a $b$}$', [{ tex: '\\text{if $x$ then}', display: true }, { tex: '\\text{a $b$}', display: false }]],
    ['money is not math', 'costs $5 and $10, or $x$5', []],
    ['a brace group left open is not math', '$\\frac{a}{$ and $b$', [{ tex: 'b', display: false }]],
  ])('%s', (_, markdown, expected) => {
    expect(parsedFormulas(markdown)).toEqual(expected);
    expect(referenceTrimmed(markdown)).toEqual(expected);
  });

  it.each([
    ['a display in a quote', '> $$\n> a\n> $$', [{ tex: 'a', display: true }]],
    ['a display in a list item', '- $$\n  a\n  $$\n- b', [{ tex: 'a', display: true }]],
    ['a display in a quote ended by a line without `>`: the paragraph reads on', '> $$\n> a\n$$', [{ tex: 'a', display: true }]],
  ])('%s', (_, markdown, expected) => {
    expect(parsedFormulas(markdown)).toEqual(expected);
  });

  it('cannot keep Markdown out of a display that opens in the middle of a line (as marked could not)', () => {
    // A limit of reading Markdown blocks first: the list item ends the paragraph before
    // its formula closes. Pandoc reads one formula; marked, like mlpost, none.
    expect(parsedFormulas('so $$x\n- y$$ is')).toEqual([]);
  });

  it('starts a display at a line after a `$` left open (money, far more often than a formula running on)', () => {
    expect(parsedFormulas('costs $5 or\n\\\\[\n- b\n\\\\]')).toEqual([{ tex: '- b', display: true }]);
    // Pandoc would read on: `$\\]…\\\\[$` is one formula, the `\\\\[` inside it.
    expect(referenceTrimmed('$\\]\n\\\\[$\n')).toEqual([{ tex: '\\]\n\\\\[', display: false }]);
    expect(parsedFormulas('$\\]\n\\\\[$\n')).toEqual([]);
  });

  it('keeps a display with text after it in the paragraph around it, as pandoc reads it', async () => {
    expect((await outline('text\n$$\na\n$$, where\nb is.')).html).toBe('<p>text\n[D:a], where\nb is.</p>');
    expect((await outline('$$\na\n$$\n\nb')).html).toBe('[D:a]\n<p>b</p>');
  });

  it('reports a `$$` never closed at its place; the rest is Markdown', async () => {
    const { html, rules } = await outline('A $$ b\n\n*c* $x$\n\n$$\nd\n\n- e');
    expect(rules).toEqual(['1:3 math-unclosed', '5:1 math-unclosed']);
    expect(html).toBe('<p>A $$ b</p>\n<p><em>c</em> [I:x]</p>\n<p>$$\nd</p>\n<ul>\n<li>e</li>\n</ul>');
  });

  it('reads `\\ref{…}` in prose as a reference', () => {
    expect(parsedFormulas('see \\eqref{a} and \\ref{b_c}')).toEqual([{ tex: '\\eqref{a}', display: false }, { tex: '\\ref{b_c}', display: false }]);
  });

  it('stays fast on thousands of formulas that never close', () => {
    const start = performance.now();
    parsedFormulas(`${'$${ '.repeat(8_000)}\n\n${'\\[{ '.repeat(8_000)}`);
    expect(performance.now() - start).toBeLessThan(10_000);
  });
});

// The generator: prose and formulas in every layout, with none of the Markdown syntax the
// reference does not know (emphasis, code, links, HTML, block markers at line starts).
const word = fc.constantFrom('alpha', 'the', 'cost', 'is', 'of', '概率', '模型', '中文', 'x1', '42', '5', '.', ',', '，', '(', ')', 'a_b', '\\$', '$5');
const prose = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
const texAtom = fc.constantFrom('x', 'y_1', '\\alpha', '\\frac{a}{b}', '^2', '=', '+', '-', '\\{', '\\}', '\\\\', '\\$', '{a}', '\\text{if $x$}', '\\left(', '\\right)', '中', '&', '1', ' ', '%c');
// No line of spaces only: that would be a blank line, the end of the paragraph (tested apart).
const texLine = fc.array(texAtom, { minLength: 1, maxLength: 5 }).map((atoms) => atoms.join('')).filter((line) => line.trim() !== '');
/** TeX that begins and ends with a non-space (for `$…$`). */
const inlineTex = texLine.map((tex) => tex.trim()).filter((tex) => tex.length > 0 && !tex.endsWith('\\') && !/%/.test(tex));
/** Lines of a display, some looking like Markdown blocks. */
const displayLines = fc.array(fc.oneof(texLine, fc.constantFrom('- b', '+ c', '# d', '> e', '1. f', '===', '---')), { minLength: 1, maxLength: 4 });
/**
 * Lines of a display that opens mid-line: none may look like a Markdown block (see the
 * limit above).
 */
const BLOCK_LIKE = /^[ \t]*(?:[-+*](?:[ \t]|$)|[-=]+[ \t]*$|#|>|\d+[.)](?:[ \t]|$))/;
const plainDisplayLines = fc.array(texLine.filter((line) => !/\\$/.test(line) && !BLOCK_LIKE.test(line)), { minLength: 1, maxLength: 3 });

const layouts = fc.oneof(
  inlineTex.map((tex) => `$${tex}$`),
  prose.chain((before) => inlineTex.map((tex) => `${before} $${tex}$ ${before}`)),
  plainDisplayLines.map((lines) => `$$${lines.join(' ')}$$`),
  fc.tuple(prose, plainDisplayLines).map(([text, lines]) => `${text} $$${lines.join('\n')}$$ ${text}`),
  displayLines.map((lines) => `$$\n${lines.join('\n')}\n$$`),
  displayLines.map((lines) => `$$${lines.join('\n')}$$`),
  fc.tuple(prose, displayLines).map(([text, lines]) => `${text}\n$$\n${lines.join('\n')}\n$$`),
  fc.tuple(displayLines, prose).map(([lines, text]) => `$$\n${lines.join('\n')}\n$$${text}`),
  fc.tuple(displayLines, prose).map(([lines, text]) => `$$\n${lines.join('\n')}\n$$\n${text}`),
  fc.tuple(displayLines, displayLines).map(([a, b]) => `$$\n${a.join('\n')}\n$$\n$$\n${b.join('\n')}\n$$`),
  displayLines.map((lines) => `\\[\n${lines.join('\n')}\n\\]`),
  inlineTex.map((tex) => `\\(${tex}\\) and \\[${tex}\\]`),
  // marked-era authors double every backslash (`\\\\alpha`, `\\\\{`).
  inlineTex.map((tex) => `\\\\(${tex.replace(/\\/g, '\\\\')}\\\\)`),
  displayLines.map((lines) => `\\begin{align}\n${lines.join('\n')}\n\\end{align}`),
  inlineTex.map((tex) => `\\begin{align\\*}${tex.replace(/\\/g, '\\\\')}\\end{align\\*}`),
  prose,
  // (A paragraph of its own: a `$$` that a later line closes is not "never closed".)
  fc.constantFrom('$$ never closed\n', 'a $ b $ c', '$$$', 'see \\eqref{k}', '\\[1\\] cited'),
);
const document = fc.array(fc.tuple(layouts, fc.constantFrom('\n\n', '\n')), { minLength: 1, maxLength: 6 }).map((parts) =>
  parts.map(([part, separator]) => part + separator).join(''),
);

/**
 * The limit tested above: a `$…$` of the reference that runs into a line starting with a
 * display delimiter (`\\[`, `\\\\[`, `\\begin`), where mlpost starts the display.
 */
function dollarRunsIntoDisplayLine(markdown: string): boolean {
  return placedFormulas(markdown).some(
    (formula) => formula.delimiter === '$' && [...markdown.slice(formula.start, formula.end).matchAll(/\n[ \t]*\\{1,2}(?:\[|begin)/g)].length > 0,
  );
}

describe('the parser agrees with the reference scanner', () => {
  it('on random prose and formulas in every layout', () => {
    fc.assert(
      fc.property(document, (markdown) => {
        fc.pre(!dollarRunsIntoDisplayLine(markdown));
        expect(parsedFormulas(markdown)).toEqual(referenceTrimmed(markdown));
      }),
      { numRuns: Number(process.env.RUNS ?? 2000) },
    );
  });

  it('on dollar and backslash soup (no Markdown block syntax)', () => {
    const piece = fc.constantFrom('$', '$$', ' ', 'x', '5', '\\', '\n', 'a_1', '{', '}', '中', '(', ')', '[', ']', '\\(', '\\)', '\\[', '\\]', '\\\\');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const markdown = pieces.join('').replace(/^[ \t]*[-+*>#=]/gm, 'w').replace(/^ {4,}/gm, '').replace(/\]\(/g, '] (');
        fc.pre(!dollarRunsIntoDisplayLine(markdown));
        expect(parsedFormulas(markdown)).toEqual(referenceTrimmed(markdown));
      }),
      { numRuns: Number(process.env.RUNS ?? 3000) },
    );
  });
});

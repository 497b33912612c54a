/**
 * Equation numbers as LaTeX and MathJax (`tags: 'ams'`) give them (issue 14, item 4):
 * numbered environments, rows, `\tag`, `\nonumber`, labels per row, references inside
 * math and bare in prose, numbers running on through the post, each reference a link to
 * its row, warnings at the line of a duplicate label or an unknown reference.
 */
import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Element, Root } from 'hast';
import { visit, SKIP } from 'unist-util-visit';
import { renderPost } from '../../src/index.js';
import { numberedUnits } from '../../src/math/tex/equation-rows.js';

/** The equation numbers a reader sees, in order (KaTeX's tags and MathJax's labelled rows). */
function numbersShown(html: string): string[] {
  const tree = fromHtml(html, { fragment: true }) as Root;
  const shown: string[] = [];
  visit(tree, 'element', (node: Element) => {
    const classes = (node.properties.className as string[] | undefined) ?? [];
    if (classes.includes('katex-mathml')) return SKIP;
    if (classes.includes('eqn-num')) throw new Error('a number left to KaTeX\'s CSS counter');
    if (classes.includes('tag')) {
      // KaTeX stacks the numbers of an environment's rows in one tag column, a row each.
      const rows = (node.children as Element[]).flatMap(function cells(child: Element): Element[] {
        if (child.type !== 'element') return [];
        if (/top:/.test(String(child.properties.style ?? ''))) return [child];
        return (child.children as Element[]).flatMap(cells);
      });
      for (const row of rows.length > 0 ? rows : [node]) {
        const text = toText(row).replace(/[\u200b]/g, '').trim();
        if (text) shown.push(text);
      }
      return SKIP;
    }
    if (classes.includes('mlpost-eq-tag')) {
      shown.push(toText(node).replace(/[\u2002]/g, '').trim());
      return SKIP;
    }
    if (node.tagName === 'mlabeledtr') {
      shown.push(toText(node.children.find((child) => child.type === 'element')!).trim());
      return SKIP;
    }
    return undefined;
  });
  return shown;
}

/** Where each `#eq-…` link goes, and whether something on the page has that id. */
function links(html: string): [string, string, boolean][] {
  const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]!));
  return [...html.matchAll(/<a class="mlpost-eqref" href="#([^"]+)">([^<]*)<\/a>|\\href\{#([^}]+)\}/g)].map((match) => [match[1] ?? match[3]!, match[2] ?? '', ids.has(match[1] ?? match[3]!)]);
}

describe('numbered environments, as MathJax with tags: ams', () => {
  it('numbers equation, align, gather, multline and eqnarray, not their starred forms, on through the post', async () => {
    const post = await renderPost([
      '$$\\begin{equation} a \\end{equation}$$',
      '$$\\begin{equation*} b \\end{equation*}$$',
      '$$\\begin{align} c &= d \\\\ e &= f \\end{align}$$',
      '$$\\begin{align*} g &= h \\\\ i &= j \\end{align*}$$',
      '$$\\begin{gather} k \\\\ l \\end{gather}$$',
      '$$\\begin{multline} m \\\\ n \\end{multline}$$',
      '$$\\begin{eqnarray} o &=& p \\\\ q &=& r \\end{eqnarray}$$',
      '$$\\begin{equation}\\begin{split} s \\\\ t \\end{split}\\end{equation}$$',
    ].join('\n\n'));
    expect(numbersShown(post.html)).toEqual(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)']);
    // multline and eqnarray are MathJax's: the numbers run on through both engines.
    expect(post.messages.map((m) => m.ruleId)).toEqual(['math-fallback', 'math-fallback']);
  });

  it('skips \\nonumber and \\notag rows and a trailing \\\\, and leaves \\tag rows to their tag', async () => {
    const post = await renderPost('$$\\begin{align} a \\\\ b \\nonumber \\\\ c \\tag{A} \\\\ d \\notag \\\\ e \\\\ \\end{align}$$\n\n$$\\begin{gather} f \\tag*{B} \\end{gather}$$\n\n$$ g \\tag{C} $$');
    expect(numbersShown(post.html)).toEqual(['(1)', '(A)', '(2)', 'B', '(C)']);
  });

  it('reads rows the way TeX does: nested environments, groups and comments do not split them', () => {
    const units = numberedUnits('\\begin{align} a &= \\begin{cases} 1 \\\\ 2 \\end{cases} \\\\ {b \\\\ c} % d \\\\ e\n \\\\[2pt] f \\label{x} \\end{align}');
    expect(units.map((unit) => [unit.numbered, unit.labels.map((label) => label.key)])).toEqual([
      [true, []],
      [true, []],
      [true, ['x']],
    ]);
    // `\\hat\\\\theta` (written for marked): the `\\\\` is the argument of `\\hat`, not a row break.
    expect(numberedUnits('\\begin{align} \\hat\\\\theta &= 1 \\\\ b &= 2 \\end{align}')).toHaveLength(2);
  });
});

describe('labels and references', () => {
  const post = renderPost([
    '$$\\begin{align} x &= 1 \\label{one} \\\\ y &= 2 \\label{two} \\end{align}$$',
    '',
    '$$ z = 3 \\label{three} $$',
    '',
    'In math $\\eqref{one}$, $y = \\ref{two}$; bare in prose \\eqref{three} and \\ref{two}.',
  ].join('\n'), { path: 'refs.md' });

  it('numbers labelled rows and links every reference to its row', async () => {
    const { html, messages } = await post;
    expect(messages).toEqual([]);
    expect(numbersShown(html)).toEqual(['(1)', '(2)', '(3)']);
    expect(links(html)).toEqual([
      ['eq-one', '(1)', true],
      ['eq-two', '', true],
      ['eq-three', '(3)', true],
      ['eq-two', '2', true],
    ]);
    // The two numbers of the align carry their anchors; the lone equation has its anchor before it.
    expect(html).toMatch(/<span class="tag">(?:(?!<\/span><\/span><\/span>).)*id="eq-one"/s);
    expect(html).toContain('<span id="eq-three" class="mlpost-eq-anchor"></span>');
  });

  it('warns at the line of a duplicate label and of an unknown reference', async () => {
    const { messages } = await renderPost('$$\n\\begin{align}\na \\label{k} \\\\\nb \\label{k}\n\\end{align}\n$$\n\nsee \\ref{nope}', { path: 'w.md' });
    expect(messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['4:3 math-label-duplicate', '8:5 math-ref-unknown']);
  });

  it('names the last number of a formula with a label outside its environment', async () => {
    const { html } = await renderPost('$$\\begin{equation} a \\end{equation} \\label{e}$$\n\n$\\eqref{e}$');
    expect(numbersShown(html)).toEqual(['(1)']);
    expect(links(html)).toEqual([['eq-e', '(1)', true]]);
  });
});

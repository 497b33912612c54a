/**
 * Math delimiters on hostile paragraphs (src/math/syntax/: content-scanner.ts,
 * open-formula.ts, math-flow.ts): formulas that never close are looked for within a
 * budget per paragraph, so parse time stays linear, and running out is one located error.
 */
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { remarkPandocMath } from '../../src/math/remark-pandoc-math.js';
import { renderPost } from '../../src/pipeline/render-post.js';

const parser = unified().use(remarkParse).use(remarkPandocMath);

describe('math delimiters on hostile paragraphs', () => {
  // Every line of such a paragraph asks whether a display interrupts it, and each asking
  // read the paragraph so far and each formula in it to its end: 8 kB took 146 s (cubic).
  it('a paragraph of 10 000 lines `\\[a` parses in seconds (took hours), as text', { timeout: 60_000 }, () => {
    const text = '\\[a\n'.repeat(10_000);
    const started = performance.now();
    const tree = parser.parse(text);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(tree.children.map((child) => child.type)).toEqual(['paragraph']);
  });

  it('the same paragraph, short, reads as before the budget: the display interrupts nothing', () => {
    const tree = parser.parse('\\[a\n\\[a\n\\[a\n');
    expect(tree.children.map((child) => child.type)).toEqual(['paragraph']);
  });

  it('a display after a hostile paragraph is still a display', () => {
    const tree = parser.parse(`${'\\[a\n'.repeat(5_000)}\n$$\nx\n$$\n`);
    expect(tree.children.map((child) => child.type)).toEqual(['paragraph', 'math']);
  });

  it('running out of the budget is one located error (at the formula that ran out)', async () => {
    const post = await renderPost(`intro\n\n${'\\\\({'.repeat(20_000)} $x$\n`, { path: 'post.md' });
    const limits = post.messages.filter((message) => message.ruleId === 'math-scan-limit');
    expect(limits.map((message) => `${message.line}:${message.column} ${message.fatal ? 'error' : 'warning'}`)).toHaveLength(1);
    expect(limits[0]!.line).toBe(3);
  });
});

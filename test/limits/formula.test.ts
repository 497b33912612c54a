/**
 * Formula limits (src/limits/formula.ts) through the math step: each bound is an error at
 * the formula, the formula is shown as its TeX in red and not tried a second time, the
 * clock's limit makes the post transient (not cached), and KaTeX's own settings apply.
 */
import katex from 'katex';
import { afterAll, describe, expect, it } from 'vitest';
import { closeEngines } from '../../src/engines/index.js';
import { FORMULA_LIMITS, formulaLimits, katexLimitSettings } from '../../src/limits/formula.js';
import { renderPost } from '../../src/pipeline/render-post.js';
import { diagnostics } from '../hostile/helpers.js';

afterAll(() => closeEngines());

/** A macro that copies its argument `copies` times, applied three deep to `width` x's. */
function copyingMacro(copies: number, width: number): string {
  const x = 'x'.repeat(width);
  return `\\def\\a#1{${'#1'.repeat(copies)}}\\a{\\a{\\a{${x}}}}`;
}

describe('formula limits', () => {
  it('count tokens deterministically: the same formula stops at the same point on every run', () => {
    const tex = copyingMacro(20, 100).repeat(2);
    const stop = () => {
      try {
        katex.renderToString(tex, { ...katexLimitSettings({}, FORMULA_LIMITS), throwOnError: true });
        return 'typeset';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(stop()).toBe('formula expands to more than 250000 tokens: not typeset');
    expect(stop()).toBe(stop());
    // The same macro copying fewer tokens is typeset.
    expect(katex.renderToString(copyingMacro(3, 3), { ...katexLimitSettings({}, FORMULA_LIMITS), throwOnError: true })).toContain('katex');
  });

  it('a formula past its time budget: math-timeout at the formula, the post is transient', async () => {
    const started = performance.now();
    const post = await renderPost(`Before.\n\n$${'x+'.repeat(9000)}x$\n\nAfter.\n`, { path: 'slow.md', math: { limits: { timeMs: 1 } } });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(diagnostics(post)).toEqual([['3:1', 'error', 'math-timeout']]);
    expect(post.messages[0]!.reason).toBe('math: formula took longer than 0.001 s to typeset: stopped');
    expect(post.transient).toBe(true);
    expect(post.html).toContain('<span class="katex-error"');
    expect(post.html).toContain('<p>After.</p>');
  });

  it('limits are configurable, and only positive numbers override the defaults', async () => {
    expect(formulaLimits({ maxLength: 10, timeMs: -1, maxTokens: Number.NaN })).toEqual({ ...FORMULA_LIMITS, maxLength: 10 });
    const post = await renderPost('$x+y+z$\n', { math: { limits: { maxLength: 4 } } });
    expect(post.messages.map((message) => [message.ruleId, message.reason])).toEqual([['math-limit', 'math: formula longer than 4 characters (5): not typeset']]);
    expect(post.transient).toBe(false);
  });

  it("macros defined with \\gdef still reach the document's later formulas, and no further", async () => {
    const post = await renderPost('$\\gdef\\foo{y}$ and $\\foo$\n');
    expect(post.messages).toEqual([]);
    expect(post.html.match(/<mi>y<\/mi>/g)).toHaveLength(1);
    expect((await renderPost('$\\foo$\n')).messages.map((message) => message.ruleId)).toEqual(['math-undefined-command']);
  });

  it('sizes are capped at maxSize em', async () => {
    expect((await renderPost('$\\rule{500em}{1em}$\n')).html).toContain('width:100em');
  });

  it('a formula seen before in the process gives its KaTeX warnings again', async () => {
    const warnings = async () => (await renderPost('$☺$\n', { path: 'memo.md' })).messages.map((message) => [message.ruleId, `${message.line}:${message.column}`]);
    const first = await warnings();
    expect(first).toEqual([['katex-unknownSymbol', '1:1']]);
    expect(await warnings()).toEqual(first);
  });
});

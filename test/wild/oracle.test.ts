import { describe, expect, test } from 'vitest';
import { expandTags, oracle } from './oracle.js';
import { countMlpostMath } from './mlpost-count.js';
import { proseCoverage, proseTokens } from './prose.js';

describe('oracle: marked + MathJax 3 as the blogs ran them', () => {
  test('inline and display dollars, \\( \\) and \\[ \\], environments', () => {
    const result = oracle('a $x^2$ b $$y$$ c \\\\(z\\\\) d\n\n\\\\[w\\\\]\n\n\\begin{align}a&=b\\end{align}\n');
    expect(result.formulas.map((formula) => [formula.tex, formula.display])).toEqual([
      ['x^2', false], ['y', true], ['z', false], ['w', true], ['\\begin{align}a&=b\\end{align}', true],
    ]);
    expect([result.typeset, result.errors]).toEqual([5, 0]);
  });

  test('a parse error and an unknown command are errors; \\R is unknown to MathJax', () => {
    const result = oracle('$x^^2$ and $\\foo$ and $\\R$ and $\\unicode{x1D7D9}$');
    expect(result.formulas.map((formula) => formula.error)).toEqual([true, true, true, false]);
    expect([result.typeset, result.errors]).toEqual([1, 3]);
  });

  test('marked applies backslash escapes and emphasis to the TeX, as on the blogs', () => {
    // `\{` became `{` and `\#` became `#` (an error in math); `*b*` became <em>: no formula.
    expect(oracle('$\\left\\{ x \\right.$').html).toContain('$\\left{ x \\right.$');
    expect(oracle('$a \\# b$').errors).toBe(1);
    expect(oracle('$a \\\\# b$').typeset).toBe(1);
    expect(oracle('$a *b* c$').formulas).toEqual([]);
  });

  test('escaped dollars are text (processEscapes), code is skipped', () => {
    expect(oracle('costs \\\\$5 and \\\\$6').formulas).toEqual([]);
    expect(oracle('`$x$` and\n\n    $y$\n').formulas).toEqual([]);
  });

  test('hexo-math tags: {% mathjax %} inline unless display is asked for, {% math %} by lines', () => {
    const result = oracle([
      'a {% mathjax %}\\frac12{% endmathjax %} b',
      '',
      '{% mathjax \'{"conversion":{"display":true}}\' %}',
      'x',
      '{% endmathjax %}',
      '',
      'c {% math %}y{% endmath %} d',
      '',
      '{% math %}',
      'z',
      '{% endmath %}',
      '',
      '{% mathjax %}\\foo{% endmathjax %}',
    ].join('\n'));
    expect(result.formulas.map((formula) => [formula.source, formula.display, formula.error])).toEqual([
      ['tag', false, false], ['tag', true, false], ['tag', false, false], ['tag', true, false], ['tag', false, true],
    ]);
    expect([result.typeset, result.errors]).toEqual([4, 1]);
  });

  test('display from the front matter, tags inside fenced code left alone', () => {
    const post = '---\nmathjax:\n  conversion:\n    display: true\n---\n{% mathjax %}x{% endmathjax %}\n';
    expect(oracle(post).formulas[0]?.display).toBe(true);
    expect(oracle('```\n{% mathjax %}x{% endmathjax %}\n```\n').formulas).toEqual([]);
    expect(expandTags('{% note info %}\nbody\n{% endnote %}').text).toBe('\nbody\n');
  });

  test('front matter without a leading --- is not prose', () => {
    const result = oracle('title: Alpha\ndate: 2021/06/22\n---\nBravo $x$ charlie\n');
    expect(proseTokens(result.prose)).toEqual(['Bravo', 'charlie']);
    expect(result.typeset).toBe(1);
  });
});

describe('countMlpostMath', () => {
  test('KaTeX, KaTeX errors, MathJax containers (with and without an error), equation references, unrendered math', () => {
    const html = [
      '<p>a <span class="katex"><span class="katex-mathml">x</span></span> b</p>',
      '<span class="katex-display"><span class="katex">y</span></span>',
      '<p><span class="katex-error" title="e">\\foo</span> c</p>',
      '<p><mjx-container class="MathJax" jax="SVG"><svg></svg></mjx-container></p>',
      '<p><mjx-container class="MathJax"><svg><g data-mjx-error="x"></g></svg></mjx-container></p>',
      '<p><code class="language-math math-inline">z</code> d</p>',
      '<p>see <a class="mlpost-eqref" href="#eq-one">(1)</a></p>',
    ].join('');
    expect(countMlpostMath(html)).toMatchObject({ typeset: 4, errors: 3 });
    expect(proseTokens(countMlpostMath('<p>one <span class="katex">two</span> three</p>').prose)).toEqual(['one', 'three']);
  });
});

describe('prose coverage', () => {
  test('tokens: Han characters, Latin words of 3+ letters, numbers of 2+ digits, no TeX commands', () => {
    expect(proseTokens('隐马 the a1 \\alpha beta 42 7')).toEqual(['隐', '马', 'the', 'beta', '42']);
  });
  test('share of expected tokens found, with repetition', () => {
    expect(proseCoverage(['aaa', 'aaa', 'bbb', 'ccc'], ['aaa', 'bbb', 'ddd'])).toBe(0.5);
    expect(proseCoverage([], ['x'])).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderPost } from '../../src/index.js';

/** The TeX of every typeset formula, in order (from KaTeX's MathML annotation). */
function texts(html: string): string[] {
  return [...html.matchAll(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g)].map((m) => m[1]!);
}

describe('inline math with pandoc dollar rules', () => {
  it.each([
    ['costs $5 and $10 today', []],
    ['$x$ and $y$', ['x', 'y']],
    ['a $x_1 + $ b', []],
    ['price $ 5 $', []],
    ['$x$5 is not math', []],
    ['a price of $5 and $10 while $p(x)$ is math', ['p(x)']],
    ['$a $b$: the first dollar fails at the space, the second opens', ['b']],
    ['$a\\$b$ keeps the escaped dollar', ['a\\$b']],
    ['two lines $a\nb$ ok', ['a\nb']],
    ['between $\\alpha$, and $\\beta$.', ['\\alpha', '\\beta']],
  ])('%j', async (source, expected) => {
    const post = await renderPost(source);
    expect(texts(post.html)).toEqual(expected);
    expect(post.messages).toEqual([]);
  });

  it('typesets $$…$$ inside a paragraph as display math', async () => {
    const post = await renderPost('see $$x^2$$ here');
    expect(post.html).toMatch(/^<p>see <span class="katex-display">/);
  });

  it('keeps display blocks', async () => {
    const post = await renderPost('$$\n\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}\n$$');
    expect(post.html).toMatch(/^<span class="katex-display">/);
    expect(post.messages).toEqual([]);
  });

  it('never throws on generated dollar soup', async () => {
    const piece = fc.constantFrom('$', '$$', ' ', 'x', '5', '\\', '\n', 'a_1', '{', '}', '中');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 20 }), async (pieces) => {
        const post = await renderPost(pieces.join(''));
        expect(typeof post.html).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});

describe('numbered equations: \\tag, \\label, \\ref, \\eqref', () => {
  const source = [
    '$$',
    'a = b \\label{first} \\tag{1}',
    '$$',
    '',
    '$$',
    '\\begin{align} c &= d \\label{second} \\tag{2} \\\\ e &= f \\label{third} \\tag{3} \\end{align}',
    '$$',
    '',
    'inline $z = 1 \\label{inl} \\tag{4}$ then',
    '',
    'See $\\ref{first}$, $\\eqref{third}$ and $x + \\ref{inl}$ and $\\ref{nope}$.',
  ].join('\n');

  it('links references to the labelled equations with their tags', async () => {
    const post = await renderPost(source, { path: 'eq.md' });
    expect(post.html).toContain('<span id="eq-first" class="mlpost-eq-anchor"></span>');
    // Two numbers in one formula: each anchor on its row's number.
    expect(post.html).not.toContain('<span id="eq-second" class="mlpost-eq-anchor">');
    expect(post.html).toMatch(/<span class="tag">(?:(?!<\/span><\/span><\/span>).)*id="eq-second"/s);
    expect(post.html).toContain('id="eq-third"');
    expect(post.html).toContain('<a class="mlpost-eqref" href="#eq-first">1</a>');
    expect(post.html).toContain('<a class="mlpost-eqref" href="#eq-third">(3)</a>');
    expect(post.html).toContain('<span class="mlpost-eq-tag">\u2002(4)</span>');
    expect(post.html).toContain('href="#eq-inl"');
    expect(post.html).toContain('<span class="mlpost-eqref mlpost-eqref-missing">??</span>');
    expect(post.html).not.toMatch(/katex-error|#cc0000/);
    expect(post.messages.map((m) => [m.line, m.ruleId])).toEqual([[11, 'math-ref-unknown']]);
  });

  it('numbers a labelled display equation without a tag automatically', async () => {
    const post = await renderPost('$$\nx \\label{auto}\n$$\n\nsee $\\eqref{auto}$');
    expect(post.html).toContain('<a class="mlpost-eqref" href="#eq-auto">(1)</a>');
    expect(texts(post.html)[0]).toBe('x \\tag{1}');
  });
});

describe('display math line breaks as MathJax drew them', () => {
  it('breaks a braced group of lines (the corpus one-hot labels) into centred lines', async () => {
    const post = await renderPost('$$\n{\n    y^{(1)} = (1, 0)^T \\\\\n    y^{(2)} = (0, 1)^T\n}\n$$');
    expect(post.messages).toEqual([]);
    // Two rows of a gathered environment, not one line.
    expect((post.html.match(/<mtr>/g) ?? []).length).toBe(2);
  });

  it('leaves environments and single lines alone', async () => {
    const { breakableDisplay } = await import('../../src/math/rehype-math.js');
    expect(breakableDisplay('a = b')).toBe('a = b');
    expect(breakableDisplay('\\begin{aligned} a \\\\ b \\end{aligned}')).toBe('\\begin{aligned} a \\\\ b \\end{aligned}');
    expect(breakableDisplay(' { a \\\\ b } ')).toBe('\\begin{gathered} a \\\\ b \\end{gathered}');
    expect(breakableDisplay('{a} \\\\ {b}')).toBe('\\begin{gathered}{a} \\\\ {b}\\end{gathered}');
  });
});

describe('KaTeX strict-mode warnings', () => {
  it('point at the formula and name the command the author wrote', async () => {
    const post = await renderPost('text\n\n$\\mkern1em x$ and $\\eqref{missing}$', { path: 'w.md' });
    expect(post.messages.map((m) => [m.line, m.column, m.ruleId])).toEqual([
      [3, 1, 'katex-mathVsTextUnits'],
      [3, 19, 'math-ref-unknown'],
    ]);
    expect(post.messages[1]!.reason).toBe('\\eqref{missing}: no equation has \\label{missing}');
  });
});

describe('TeX comments in math', () => {
  it('end at the line end, as MathJax reads them, also on the last line', async () => {
    // KaTeX alone would warn that the comment has no end (commentAtEnd); MathJax is silent.
    const inline = await renderPost('$x % note$');
    expect(inline.messages).toEqual([]);
    expect(texts(inline.html)).toEqual(['x % note\n']);
  });

  it('do not swallow the end of a display broken into lines', async () => {
    const post = await renderPost('$$\na \\\\ b % note\n$$');
    expect(post.messages).toEqual([]);
    expect(texts(post.html)).toEqual(['\\begin{gathered}a \\\\ b % note\n\\end{gathered}']);
    expect((post.html.match(/<mtr>/g) ?? []).length).toBe(2);
  });
});

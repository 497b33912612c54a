/**
 * Typesetting as the MathJax blogs did: MathJax's page-wide macro scope (issue 14, item 2),
 * KaTeX first and MathJax where KaTeX fails (item 3), KaTeX's error positions (issue 13).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderPost } from '../../src/index.js';
import { findDefinitions } from '../../src/math/tex/macro-scope.js';
import { closeKatexGaps } from '../../src/math/tex/katex-gaps.js';
import { repoRoot } from '../helpers.js';

/** What typeset each formula, in order: `K` KaTeX, `J` MathJax, `E` neither. */
function engines(html: string): string {
  return [...html.matchAll(/<span class="katex-error"|<mjx-container|<span class="katex(?:-display)?">(?:<span class="katex">)?/g)]
    .map(([match]) => (match.includes('error') ? 'E' : match.startsWith('<mjx') ? 'J' : 'K'))
    .join('');
}

function rules(post: { messages: { line?: number | null; column?: number | null; ruleId?: string | null }[] }): string[] {
  return post.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);
}

describe("MathJax's page-wide macro scope", () => {
  it.each([
    ['\\newcommand in an inline formula', '$\\newcommand{\\vect}[1]{\\mathbf{#1}}$ Let $\\vect{x}$ and $$\\vect{y}$$'],
    ['\\newcommand redefining a KaTeX macro', '$\\newcommand{\\R}{\\mathcal{R}}$ then $\\R$'],
    ['\\renewcommand of a macro KaTeX lacks', '$\\renewcommand{\\foo}{x}$ then $\\foo$'],
    ['\\def and \\gdef', '$\\def\\a{x}$ $\\gdef\\b#1{#1^2}$ then $\\a + \\b{y}$'],
    ['\\let', '$\\let\\oldphi\\phi$ then $\\oldphi$'],
    ['\\DeclareMathOperator and its starred form', '$\\DeclareMathOperator{\\tr}{tr} \\DeclareMathOperator*{\\argmax}{arg\\,max}$ $\\tr A + \\argmax_x f$'],
    ['a definition in a display, used inline after it', '$$\n\\newcommand{\\E}{\\mathbb{E}}\n\\E[x]\n$$\n\nso $\\E[y]$'],
  ])('%s holds for the rest of the post', async (_, markdown) => {
    const post = await renderPost(markdown);
    expect(post.messages).toEqual([]);
    expect(engines(post.html)).toMatch(/^K+$/);
  });

  it('holds in document order: a macro used before its definition is unknown', async () => {
    const post = await renderPost('$\\foo$ then $\\newcommand{\\foo}{x}$ and $\\foo$');
    expect(rules(post)).toEqual(['1:2 math-undefined-command']);
  });

  it('never reaches the next post', async () => {
    await renderPost('$\\newcommand{\\onlyhere}{x}$ $\\onlyhere$');
    const next = await renderPost('$\\onlyhere$');
    expect(rules(next)).toEqual(['1:2 math-undefined-command']);
  });

  it('rewrites definitions to their global form for KaTeX', () => {
    expect(findDefinitions('\\newcommand{\\R}[2]{#1+#2} x')).toEqual({ tex: '\\gdef\\R#1#2{#1+#2} x', global: '\\gdef\\R#1#2{#1+#2}', written: ['\\newcommand{\\R}[2]{#1+#2}'] });
    expect(findDefinitions('\\renewcommand\\v{v}')?.tex).toBe('\\gdef\\v{v}');
    expect(findDefinitions('\\def\\p#1.{#1}')?.tex).toBe('\\gdef\\p#1.{#1}');
    expect(findDefinitions('\\DeclareMathOperator*{\\am}{arg\\,max}')?.tex).toBe('\\gdef\\am{\\operatorname*{arg\\,max}}');
    expect(findDefinitions('\\let\\a=\\b')?.tex).toBe('\\global\\let\\a\\b');
    // An optional argument has no \gdef form: left to KaTeX (which fails) and MathJax.
    expect(findDefinitions('\\newcommand{\\f}[2][x]{#1#2}')).toEqual({ tex: '\\newcommand{\\f}[2][x]{#1#2}', global: '', written: ['\\newcommand{\\f}[2][x]{#1#2}'] });
    expect(findDefinitions('x^2 % \\def in a comment')).toBeUndefined();
  });
});

describe('KaTeX first, MathJax where KaTeX fails', () => {
  it.each([
    ['\\text{a_b}', '$\\text{a_b}$', '\\text{a\\_b}'],
    ['\\* (marked turned it into *)', '$x \\* y$', 'x * y'],
    ['\\right\\.', '$\\left( x \\right\\.$', '\\left( x \\right.'],
    ['\\require{…}', '$\\require{cancel} \\cancel{x}$', ' \\cancel{x}'],
    ['a command with arguments as a subscript', '$f_\\boldsymbol{w}$', 'f_{\\boldsymbol{w}}'],
    ['a text accent in math mode (marked made `\\^` a `^`)', '$e\\^{-x}$', 'e^{-x}'],
  ])('rewrites %s where the rewrite is what MathJax showed', async (_, markdown, tex) => {
    const post = await renderPost(markdown);
    expect(post.messages).toEqual([]);
    expect(engines(post.html)).toBe('K');
    expect(post.html).toContain(`<annotation encoding="application/x-tex">${tex}</annotation>`);
  });

  it('keeps an escaped backslash before punctuation: `\\\\*` is a line break and a star', () => {
    expect(closeKatexGaps('a \\\\* b \\* c', 'Undefined control sequence: \\*')).toBe('a \\\\* b * c');
  });

  it('typesets with MathJax what KaTeX cannot, as self-contained SVG, and says so', async () => {
    const post = await renderPost('Text.\n\n$$\n\\begin{eqnarray*}\na &=& b \\\\\nc &=& d\n\\end{eqnarray*}\n$$', { path: 'p.md' });
    expect(engines(post.html)).toBe('J');
    expect(post.messages.map((m) => [m.line, m.ruleId, m.fatal, m.reason])).toEqual([[3, 'math-fallback', undefined, 'math: typeset by MathJax (KaTeX: No such environment: eqnarray*)']]);
    // Display layout and the hidden MathML are on the elements: no stylesheet needed.
    expect(post.html).toMatch(/^<p>Text.<\/p>\n<mjx-container class="MathJax" jax="SVG" display="true" style="direction:ltr;display:block;text-align:center;margin:1em 0;/);
    expect(post.html).toContain('fill="currentColor"');
    expect(post.html).toContain('<annotation encoding="application/x-tex">\\begin{eqnarray*}');
    expect(post.html).not.toMatch(/<use |xlink:href|id="MJX/);
  });

  it("gives MathJax the post's macros, from KaTeX's formulas and its own", async () => {
    const post = await renderPost('$\\newcommand{\\pair}[2]{(#1, #2)}$ then $\\newcommand{\\opt}[1][0]{#1}\\opt$ and\n\n$$\\begin{multline} \\pair{a}{b} \\\\ \\opt[1] \\end{multline}$$');
    expect(engines(post.html)).toBe('KJJ');
    expect(post.messages.map((m) => m.ruleId)).toEqual(['math-fallback', 'math-fallback']);
  });

  it('lays a multline out no wider than it is: its minimum width is its own, not a 1280 px container (MathJax in a page measures the column)', async () => {
    const post = await renderPost('$$\\begin{multline} a+b+c \\\\ d \\\\ e+f+g+h+i+j+k+l+m \\end{multline}$$');
    expect(engines(post.html)).toBe('J');
    const widths = [...post.html.matchAll(/min-width: ([\d.]+)ex/g)].map((match) => Number(match[1]));
    // The container and its SVG: the rows and the number (1), about 39ex; was 160ex.
    expect(widths).toHaveLength(2);
    for (const width of widths) expect(width).toBeGreaterThan(30);
    for (const width of widths) expect(width).toBeLessThan(50);
    expect(post.html).toMatch(/<svg [^>]*width="100%"/);
  });

  it('keeps only links within the page and equation anchors from what MathJax typesets', async () => {
    const post = await renderPost('$$\\begin{eqnarray*} \\href{javascript:alert(1)}{x} &=& \\cssId{evil}{y} \\href{#sec}{z} \\end{eqnarray*}$$');
    expect(engines(post.html)).toBe('J');
    expect(post.html).not.toMatch(/href="javascript:|id="evil"/);
    expect(post.html).toContain('href="#sec"');
  });

  it('is deterministic and the same for a formula met again', async () => {
    const markdown = '$$\\begin{eqnarray*} x &=& 1 \\end{eqnarray*}$$';
    const first = await renderPost(markdown);
    const second = await renderPost(`${markdown}\n\n${markdown}`);
    expect(second.html).toBe(`${first.html}\n${first.html}`);
  });

  it('reports a formula neither engine typesets at the line KaTeX names, with both messages', async () => {
    const post = await renderPost('Text.\n\n$$\n\\begin{aligned}\na &= b^\n\\end{aligned}\n$$', { path: 'p.md' });
    expect(engines(post.html)).toBe('E');
    expect(rules(post)).toEqual(['6:1 math-katex']);
    expect(post.messages[0]!.reason).toMatch(/^math: .+ \(MathJax: .+\)$/);
    expect(post.messages[0]!.fatal).toBe(true);
  });

  it('keeps an unknown command a warning, drawn in red', async () => {
    const post = await renderPost('a $x + \\lamdba$ b');
    expect(rules(post)).toEqual(['1:8 math-undefined-command']);
    expect(post.html).toContain('#cc0000');
  });

  it('loads MathJax only when KaTeX fails', () => {
    const script = [
      "import { renderPost } from './src/index.ts';",
      "import { isMathJaxLoaded } from './src/math/engines/mathjax.ts';",
      "await renderPost('$x^2$ and $$\\\\frac{a}{b}$$');",
      'const before = isMathJaxLoaded();',
      "await renderPost('$$\\\\begin{eqnarray} a \\\\end{eqnarray}$$');",
      'console.log(JSON.stringify([before, isMathJaxLoaded()]));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('[false,true]');
  });
});

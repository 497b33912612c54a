/**
 * The oracle for the wild corpus: what a Hexo ML blog showed for a post. The post goes
 * through the steps those blogs ran, with the real libraries:
 *
 * 1. `hexo-front-matter` splits off the front matter (with or without a leading `---`);
 * 2. Hexo's tag pass: `{% mathjax %}` (hexo-math 4+) and `{% math %}` (hexo-math 3) become
 *    formulas typeset on their own, other tags leave their body (see `expandTags`);
 * 3. hexo-renderer-marked with Hexo 8's default `marked` settings (backslash escapes,
 *    `_`/`*` emphasis and smartypants apply to the TeX too, as they did on the blogs);
 * 4. MathJax 3 (`mathjax-full` 3.2.2) finds and compiles the math in that HTML as the
 *    browser did: `$…$`, `$$…$$`, `\(…\)`, `\[…\]`, environments, processEscapes, AMS tags,
 *    the packages the browser build loads or autoloads (`\require` accepted).
 *
 * A formula "has an error" when MathJax's tree holds an `merror` (a parse error) or a red
 * `mtext` from `noundefined` (an unknown command). `prose` is the page's visible text
 * outside the formulas MathJax found, for the "nothing lost" comparison (`prose.ts`).
 */
import { createRequire } from 'node:module';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import 'mathjax-full/js/input/tex/AllPackages.js';
import type { MmlNode } from 'mathjax-full/js/core/MmlTree/MmlNode.js';

const require = createRequire(import.meta.url);
const { split: splitFrontMatter } = require('hexo-front-matter') as { split(text: string): { data?: string; content: string } };
const renderMarked = require('hexo-renderer-marked/lib/renderer') as (this: unknown, data: { text: string; path?: string }, options: object) => string;

/** One formula the oracle found. */
export interface OracleFormula {
  tex: string;
  display: boolean;
  error: boolean;
  /** Where it came from: the page's HTML or a hexo-math tag. */
  source: 'page' | 'tag';
}

/** What the blog showed. */
export interface OracleResult {
  /** Formulas MathJax typeset without error. */
  typeset: number;
  /** Formulas with a MathJax error box or a red unknown command. */
  errors: number;
  formulas: OracleFormula[];
  /** The HTML marked made (tag formulas stand as `MLPOSTTAGn` tokens). */
  html: string;
  /** Visible text outside the formulas found. */
  prose: string;
}

// The packages the browser build of MathJax 3 loads (`input/tex`) or autoloads on first
// use: all of AllPackages except noerrors, tagformat, textcomp and textmacros (not
// autoloaded) and bussproofs (it needs an output jax to measure with; no ML post uses it).
const BROWSER_PACKAGES = ['base', 'ams', 'amscd', 'action', 'bbox', 'boldsymbol', 'braket', 'cancel', 'cases', 'centernot', 'color', 'colortbl', 'empheq', 'enclose', 'extpfeil', 'gensymb', 'html', 'mathtools', 'mhchem', 'newcommand', 'noundefined', 'upgreek', 'unicode', 'verb', 'configmacros'];

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);

function texInput(): TeX<unknown, unknown, unknown> {
  return new TeX({
    packages: BROWSER_PACKAGES,
    inlineMath: [['$', '$'], ['\\(', '\\)']],
    displayMath: [['$$', '$$'], ['\\[', '\\]']],
    processEscapes: true,
    processEnvironments: true,
    tags: 'ams',
    // Everything `\require` could load is loaded already.
    macros: { require: ['', 1] },
  });
}

// Hexo 8 + hexo-renderer-marked 7 defaults (hexo-renderer-marked/index.js), and the bits of
// the Hexo object the renderer reads.
const hexoContext = {
  config: {
    url: 'http://example.com',
    root: '/',
    relative_link: false,
    post_asset_folder: false,
    source_dir: 'source',
    marked: {
      gfm: true, pedantic: false, breaks: true, smartLists: true, smartypants: true, modifyAnchors: 0, autolink: true,
      mangle: true, sanitizeUrl: false, dompurify: false, headerIds: true, anchorAlias: false, lazyload: false,
      prependRoot: true, postAsset: false, external_link: { enable: false, exclude: [], nofollow: false }, descriptionLists: true,
    },
  },
  execFilterSync() { return undefined; },
  model() { return { findOne() { return undefined; } }; },
};

/** Run the oracle on one post's source. */
export function oracle(source: string): OracleResult {
  const { data, content } = splitFrontMatter(source);
  const frontMatterDisplay = /^\s*conversion:\s*\n(?:\s+.*\n)*?\s+display:\s*true/m.test(data ?? '');
  const tags = expandTags(content, frontMatterDisplay);
  const html = renderMarked.call(hexoContext, { text: tags.text }, {});
  const formulas: OracleFormula[] = [];
  const found: string[] = [];

  const document = mathjax.document(html, { InputJax: texInput() });
  document.findMath().compile();
  for (const item of document.math) {
    // `\$` under processEscapes is a math item with no display mode: text, not math.
    if (item.display === null) continue;
    formulas.push({ tex: item.math, display: item.display, error: hasError(item.root as MmlNode), source: 'page' });
    found.push(item.start.delim + item.math + item.end.delim);
  }
  for (const tag of tags.formulas) {
    formulas.push({ tex: tag.tex, display: tag.display, error: compileError(tag.tex, tag.display), source: 'tag' });
  }

  // Each formula's source out of the text, in order (MathJax reads `<br>` as a line break, as toText does).
  let prose = toText(fromHtml(html, { fragment: true })).replace(/MLPOSTTAG\d+/g, ' ');
  let from = 0;
  for (const source of found) {
    const at = prose.indexOf(source, from);
    if (at === -1) continue;
    prose = `${prose.slice(0, at)} ${prose.slice(at + source.length)}`;
    from = at;
  }
  const errors = formulas.filter((formula) => formula.error).length;
  return { typeset: formulas.length - errors, errors, formulas, html, prose };
}

/** A hexo-math tag's formula, typeset alone as the plugin does. */
function compileError(tex: string, display: boolean): boolean {
  const delimiters = display ? ['\\[', '\\]'] : ['\\(', '\\)'];
  const probe = mathjax.document(`<p>${delimiters[0]}${escapeHtml(tex)}${delimiters[1]}</p>`, { InputJax: texInput() });
  probe.findMath().compile();
  const [item] = Array.from(probe.math);
  return item ? hasError(item.root as MmlNode) : true;
}

function hasError(root: MmlNode): boolean {
  let error = false;
  root.walkTree((visited) => {
    const node = visited as MmlNode;
    if (node.isKind('merror')) error = true;
    else if (node.isKind('mtext') && node.attributes.get('mathcolor') === 'red') error = true;
  });
  return error;
}

interface ExpandedTags {
  text: string;
  formulas: { tex: string; display: boolean }[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const MATH_TAG = /\{%\s*(mathjax|math)\b((?:(?!%\}).)*)%\}([\s\S]*?)\{%\s*end\1\s*%\}/g;
const CODEBLOCK_TAG = /\{%\s*(codeblock|code)\b(?:(?!%\}).)*%\}\n?([\s\S]*?)\{%\s*end\1\s*%\}/g;
const ANY_TAG = /\{%-?\s*(?:(?!%\}).)*-?%\}/g;

/**
 * Hexo's tag pass, for what the oracle needs. Tags inside fenced code are left alone (Hexo
 * escapes backtick code blocks first). `{% mathjax %}` (hexo-math 4+) is inline unless its
 * JSON or the front matter sets `conversion.display`; `{% math %}` (hexo-math 3) is display
 * when its body spans lines (its README: "multiple line content will be parsed as block"). Every other tag leaves its body (a note, a fold …);
 * single tags leave nothing (their output has no math and little text).
 */
export function expandTags(content: string, frontMatterDisplay = false): ExpandedTags {
  const formulas: ExpandedTags['formulas'] = [];
  const out: string[] = [];
  let chunk: string[] = [];
  let fence: string | undefined;
  const flush = () => {
    if (chunk.length === 0) return;
    let text = chunk.join('\n');
    text = text.replace(MATH_TAG, (_all, name: string, args: string, body: string) => {
      const display = name === 'math' ? body.includes('\n') : displayOption(args, frontMatterDisplay);
      formulas.push({ tex: body, display });
      return `MLPOSTTAG${formulas.length - 1}`;
    });
    text = text.replace(CODEBLOCK_TAG, (_all, _name: string, body: string) => `\`\`\`\n${body.replace(/\n$/, '')}\n\`\`\``);
    text = text.replace(ANY_TAG, '');
    out.push(text);
    chunk = [];
  };
  for (const line of content.split('\n')) {
    const marker = FENCE.exec(line)?.[1];
    if (fence === undefined && marker) {
      flush();
      fence = marker;
      out.push(line);
      continue;
    }
    if (fence !== undefined) {
      out.push(line);
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    chunk.push(line);
  }
  flush();
  return { text: out.join('\n'), formulas };
}

function displayOption(args: string, frontMatterDisplay: boolean): boolean {
  const json = /^\s*(['"])(.*)\1\s*$/.exec(args)?.[2];
  if (json) {
    try {
      const parsed = JSON.parse(json) as { conversion?: { display?: boolean } };
      if (typeof parsed.conversion?.display === 'boolean') return parsed.conversion.display;
    } catch {
      // hexo-math would throw; the blog's build would have failed on this post.
    }
  }
  return frontMatterDisplay;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

#!/usr/bin/env node
/**
 * Side-by-side comparison of mlpost's page with the original blog pipeline's HTML
 * (Hexo 3.9 + pandoc 2.17 + MathJax, `../shared/reference/original-pipeline/`).
 *
 *   npm run build
 *   node scripts/compare-original.mjs [--no-screenshots] [post ...]
 *
 * For each post (default: cross_entropy_loss, Markdown, graphviz) it writes to
 * `test-output/fidelity/<post>/`:
 *   - `mlpost/index.html` + `diagnostics.txt`: `mlpost render` of the corpus post and its stderr;
 *   - `structure.md`: the structural diff (element sequence, headings and ids, math TeX,
 *     links, anchors, code languages, tables, footnotes, figures/images);
 *   - `NN-<section>.png`: screenshots, original on the left and mlpost on the right, one per
 *     top-level section (tall sections split), taken with Debian's Chromium. The original is
 *     typeset by Debian's MathJax 2 (`apt-get install libjs-mathjax`), the path its HTML
 *     already names; its graph images are read from `published-graphs/` (the remote copies
 *     they point at); every other non-file request is blocked and listed.
 *
 * Not a test: a tool for `docs/fidelity.md`, whose tables explain every difference found.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fromHtml } from 'hast-util-from-html';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.MLPOST_SHARED ?? resolve(repo, '..', 'shared');
const outRoot = join(repo, 'test-output', 'fidelity');
const args = process.argv.slice(2);
const screenshots = !args.includes('--no-screenshots');
const posts = args.filter((a) => !a.startsWith('--'));
if (posts.length === 0) posts.push('cross_entropy_loss', 'Markdown', 'graphviz');

// ---------------------------------------------------------------------------------------
// Reading a document into a flat sequence of structural events

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3000-\\u303f\\uff00-\\uffef';
const spaceBetweenCjk = new RegExp(`(?<=[${CJK}]) (?=[${CJK}])`, 'gu');

/** Whitespace collapsed; `loose` also drops a space between two CJK characters. */
function normalise(text) {
  const strict = text.replace(/\s+/g, ' ').trim();
  return { strict, loose: strict.replace(spaceBetweenCjk, '') };
}

const classes = (node) => {
  const c = node.properties?.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
};
const has = (node, name) => classes(node).includes(name);
const isElement = (node, ...names) => node?.type === 'element' && (names.length === 0 || names.includes(node.tagName));

function findFirst(node, test) {
  if (test(node)) return node;
  for (const child of node.children ?? []) {
    const hit = findFirst(child, test);
    if (hit) return hit;
  }
  return undefined;
}

/** TeX of a math element of either flavour, or undefined when the node is not math. */
function mathOf(node) {
  if (!isElement(node)) return undefined;
  if (node.tagName === 'span' && has(node, 'math')) {
    const raw = rawText(node);
    const display = has(node, 'display');
    const tex = raw.replace(display ? /^\\\[|\\\]$/g : /^\\\(|\\\)$/g, '');
    return { tex: squash(tex), display, error: false };
  }
  if (node.tagName === 'span' && has(node, 'katex-display')) {
    const inner = mathOf(findFirst(node, (n) => isElement(n, 'span') && has(n, 'katex')));
    return inner && { ...inner, display: true };
  }
  if (node.tagName === 'span' && has(node, 'katex')) {
    const annotation = findFirst(node, (n) => isElement(n, 'annotation'));
    return { tex: annotation ? squash(rawText(annotation)) : '', display: false, error: false };
  }
  if (has(node, 'katex-error')) return { tex: squash(rawText(node)), display: false, error: true };
  return undefined;
}

/** TeX compared with whitespace collapsed: pandoc re-wraps its HTML output, formulas included. */
const squash = (tex) => tex.replace(/\s+/g, ' ').trim();

function rawText(node) {
  if (node.type === 'text') return node.value;
  if (isElement(node, 'br')) return '\n';
  return (node.children ?? []).map(rawText).join('');
}

/** Inline text of a node: math as ⟦TeX⟧ / ⟦⟦TeX⟧⟧, section numbers and SVG left out. */
function inlineText(node, sink) {
  if (node.type === 'text') return node.value;
  if (!isElement(node)) return '';
  const math = mathOf(node);
  if (math) {
    sink.math.push(math);
    return math.display ? ` ⟦⟦${math.tex}⟧⟧ ` : `⟦${math.tex}⟧`;
  }
  if (has(node, 'header-section-number')) return '';
  if (has(node, 'mlpost-eq-anchor')) return '';
  if (isElement(node, 'svg', 'script', 'style')) return '';
  if (isElement(node, 'br')) return '\n';
  if (isElement(node, 'img')) {
    sink.images.push(imageOf(node));
    return `[img ${imageOf(node).src}]`;
  }
  if (isElement(node, 'input')) return node.properties?.checked ? '[x] ' : '[ ] ';
  // Footnote references: pandoc `a.footnote-ref > sup`, GFM `sup > a[data-footnote-ref]`.
  if (isElement(node, 'sup') && isElement(node.children?.[0], 'a')) {
    sink.links.push(linkOf(node.children[0]));
    return `^[${rawText(node)}]`;
  }
  if (isElement(node, 'a') && has(node, 'footnote-ref')) {
    sink.links.push(linkOf(node));
    return `^[${rawText(node)}]`;
  }
  if (isElement(node, 'a')) sink.links.push(linkOf(node));
  return (node.children ?? []).map((c) => inlineText(c, sink)).join('');
}

function linkOf(node) {
  const href = String(node.properties?.href ?? '');
  let decoded = href;
  try {
    decoded = decodeURI(href);
  } catch {
    /* keep the raw href */
  }
  const title = node.properties?.title;
  const target = node.properties?.target;
  const extra = `${title ? ` title=${JSON.stringify(String(title))}` : ''}${target ? ` target=${target}` : ''}`;
  return { href: decoded, text: normalise(rawText(node)).strict + extra };
}

function imageOf(node) {
  const src = String(node.properties?.src ?? '');
  return { src: src.startsWith('http') ? basename(src.split('?')[0]) : src, alt: String(node.properties?.alt ?? '') };
}

const BLOCK = new Set([
  'p', 'ul', 'ol', 'li', 'blockquote', 'pre', 'table', 'hr', 'figure', 'figcaption', 'footer', 'dl', 'dt', 'dd',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'div', 'details',
]);

/** Code language of a `pre` (pandoc: `pre.sourceCode LANG`; mlpost: `code.language-LANG`; Hexo: `figure.highlight LANG`). */
function codeLanguage(pre, figure) {
  const code = (pre.children ?? []).find((c) => isElement(c, 'code'));
  const fromCode = code && classes(code).find((c) => c.startsWith('language-'));
  if (fromCode) return fromCode.slice('language-'.length);
  const fromPre = classes(pre).filter((c) => !['sourceCode', 'numberSource', 'numberLines'].includes(c));
  if (fromPre.length) return fromPre[0];
  if (figure) return classes(figure).find((c) => c !== 'highlight') ?? '';
  return '';
}

function numbered(pre) {
  const code = (pre.children ?? []).find((c) => isElement(c, 'code'));
  return has(pre, 'numberLines') || (code !== undefined && has(code, 'numberLines'));
}

function codeText(pre) {
  return rawText(pre).replace(/\n$/, '');
}

/**
 * Walk the article and return its events in document order plus inventories.
 * Each event: { kind, text?, detail? }; `key` (kind + loose text) is what the diff aligns on.
 */
function summarise(html, flavour) {
  const tree = fromHtml(html);
  const root =
    flavour === 'mlpost'
      ? findFirst(tree, (n) => isElement(n, 'div') && has(n, 'mlpost-body'))
      : findFirst(tree, (n) => isElement(n, 'body'));
  const sink = { math: [], links: [], images: [] };
  const events = [];
  const ids = [];
  const emit = (kind, text = '', detail = '') => {
    const n = normalise(text);
    events.push({ kind, text: n.strict, loose: n.loose, detail });
  };

  const visit = (node, ctx) => {
    if (node.type === 'comment') {
      emit('comment', node.value.trim());
      return;
    }
    if (!isElement(node)) {
      if (node.type === 'text' && node.value.trim()) emit('text', node.value);
      return;
    }
    const math = mathOf(node);
    if (math) {
      sink.math.push(math);
      emit('math', math.display ? `⟦⟦${math.tex}⟧⟧` : `⟦${math.tex}⟧`);
      return;
    }
    const id = node.properties?.id;
    const tag = node.tagName;
    if (/^h[1-6]$/.test(tag)) {
      const number = findFirst(node, (n) => isElement(n) && has(n, 'header-section-number'));
      emit(`h${tag[1]}`, inlineText(node, sink), `id=${id ?? ''}${number ? ` number=${rawText(number)}` : ''}`);
      return;
    }
    if (tag === 'p') {
      // A display formula is a block of its own in the reading (pandoc keeps it inside the
      // paragraph, mlpost puts it beside): split paragraphs at display formulas.
      const parts = inlineText(node, sink).split(/ ⟦⟦([\s\S]*?)⟧⟧ /);
      parts.forEach((part, k) => {
        if (k % 2 === 1) emit('math', `⟦⟦${part}⟧⟧`);
        else if (part.trim() || parts.length === 1) emit('p', part);
      });
      return;
    }
    if (tag === 'pre') {
      emit('code', codeText(node), `lang=${codeLanguage(node, ctx.figure)}${numbered(node) ? ' numbered' : ''}`);
      return;
    }
    if (tag === 'table' && ctx.figure && has(ctx.figure, 'highlight')) {
      // Hexo 3.9 codeblock: a gutter column of line numbers and a code column.
      const code = findFirst(node, (n) => isElement(n, 'td') && has(n, 'code'));
      const pre = code && findFirst(code, (n) => isElement(n, 'pre'));
      if (pre) emit('code', codeText(pre), `lang=${codeLanguage(pre, ctx.figure)} numbered(gutter)`);
      return;
    }
    if (tag === 'table') {
      const rows = [];
      const aligns = [];
      const walkRows = (n) => {
        if (isElement(n, 'tr')) {
          const cells = (n.children ?? []).filter((c) => isElement(c, 'td', 'th'));
          rows.push(cells.map((c) => `${c.tagName}:${normalise(inlineText(c, sink)).strict}`).join(' | '));
          if (aligns.length === 0)
            for (const c of cells) {
              const style = String(c.properties?.style ?? '');
              aligns.push(c.properties?.align ?? /text-align:\s*(\w+)/.exec(style)?.[1] ?? '-');
            }
          return;
        }
        for (const c of n.children ?? []) walkRows(c);
      };
      walkRows(node);
      emit('table', rows.join(' / '), `${rows.length} rows, align=${aligns.join(',')}`);
      return;
    }
    if (tag === 'svg') {
      emit('svg', '', `${node.properties?.width ?? ''}x${node.properties?.height ?? ''}`);
      return;
    }
    if (tag === 'img') {
      const img = imageOf(node);
      sink.images.push(img);
      emit('img', img.alt, `src=${img.src}`);
      return;
    }
    if (tag === 'figcaption' && ctx.figure && has(ctx.figure, 'highlight')) {
      emit('figcaption', inlineText(node, sink), 'codeblock caption');
      return;
    }
    if (tag === 'figcaption' || tag === 'footer' || tag === 'dt') {
      emit(tag, inlineText(node, sink));
      return;
    }
    if (tag === 'li' || tag === 'dd') {
      // Own inline content (tight item); block children are walked as events of their own.
      const inline = (node.children ?? []).filter((c) => !(isElement(c) && BLOCK.has(c.tagName)));
      const blocks = (node.children ?? []).filter((c) => isElement(c) && BLOCK.has(c.tagName));
      emit(tag, inline.map((c) => inlineText(c, sink)).join(''));
      for (const c of blocks) visit(c, ctx);
      emit(`/${tag}`);
      return;
    }
    if ((tag === 'a' || tag === 'span') && (node.children ?? []).length === 0) {
      emit('anchor', '', `id=${id ?? node.properties?.name ?? ''}`);
      return;
    }
    if (!BLOCK.has(tag)) {
      // Inline content at block level (raw HTML, a lone span): one text event.
      const text = inlineText(node, sink);
      emit(`inline-${tag}`, text, id ? `id=${id}` : '');
      return;
    }
    const label = [tag, ...classes(node).filter((c) => !c.startsWith('mlpost-num'))].join('.');
    const attrs = [];
    for (const name of ['start', 'type']) if (node.properties?.[name] !== undefined) attrs.push(`${name}=${node.properties[name]}`);
    emit(label, '', attrs.join(' '));
    const inner = { ...ctx, figure: tag === 'figure' ? node : ctx.figure };
    for (const child of node.children ?? []) visit(child, inner);
    emit(`/${tag}`);
  };
  for (const child of root?.children ?? []) visit(child, {});
  // Every id and <a name> in the article, at any depth, for resolving #fragment links.
  const collect = (node) => {
    if (isElement(node)) {
      for (const key of ['id', 'name']) {
        const value = node.properties?.[key];
        if (value !== undefined && value !== '' && (key === 'id' || node.tagName === 'a')) ids.push(String(value));
      }
    }
    for (const child of node.children ?? []) collect(child);
  };
  if (root) collect(root);
  return { events, ids, ...sink };
}

// ---------------------------------------------------------------------------------------
// Alignment

/** Longest common subsequence of two key arrays: pairs of matched indices. */
function lcs(a, b) {
  const n = a.length;
  const m = b.length;
  const table = new Array((n + 1) * (m + 1)).fill(0);
  const at = (i, j) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[at(i, j)] = a[i] === b[j] ? table[at(i + 1, j + 1)] + 1 : Math.max(table[at(i + 1, j)], table[at(i, j + 1)]);
  const pairs = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (table[at(i + 1, j)] >= table[at(i, j + 1)]) i++;
    else j++;
  }
  return pairs;
}

/** Runs of unmatched events between matched ones: [{ before, original: [...], mlpost: [...] }]. */
function hunks(a, b, key) {
  const pairs = lcs(a.map(key), b.map(key));
  const out = [];
  let i = 0;
  let j = 0;
  let lastHeading = '(top)';
  const headingOf = (e) => (/^h[1-6]$/.test(e.kind) ? `${e.kind} ${e.text}` : undefined);
  for (const [pi, pj] of [...pairs, [a.length, b.length]]) {
    if (pi > i || pj > j) out.push({ before: lastHeading, original: a.slice(i, pi), mlpost: b.slice(j, pj) });
    if (pi < a.length) lastHeading = headingOf(a[pi]) ?? lastHeading;
    i = pi + 1;
    j = pj + 1;
  }
  return { pairs, hunks: out };
}

const clip = (s, n = 160) => (s.length > n ? `${s.slice(0, n)}…` : s);
const show = (e) => `${e.kind}${e.detail ? ` {${e.detail}}` : ''}${e.text ? ` ${JSON.stringify(clip(e.text))}` : ''}`;

function multisetDiff(a, b) {
  const count = new Map();
  for (const x of a) count.set(x, (count.get(x) ?? 0) + 1);
  const onlyB = [];
  for (const x of b) {
    const c = count.get(x) ?? 0;
    if (c > 0) count.set(x, c - 1);
    else onlyB.push(x);
  }
  const onlyA = [];
  for (const [x, c] of count) for (let k = 0; k < c; k++) onlyA.push(x);
  return { onlyA, onlyB };
}

function report(post, original, mlpost, diagnostics) {
  const lines = [`# ${post}: original pipeline vs mlpost (structure)`, ''];
  lines.push('Generated by `node scripts/compare-original.mjs`. Left/`-` = original, right/`+` = mlpost.', '');
  lines.push('## mlpost diagnostics', '', '```', diagnostics.trim() || '(none)', '```', '');

  // Element counts.
  const kinds = new Set([...original.events, ...mlpost.events].map((e) => e.kind).filter((k) => !k.startsWith('/')));
  const count = (doc, k) => doc.events.filter((e) => e.kind === k).length;
  lines.push('## Element counts', '', '| element | original | mlpost |', '| --- | ---: | ---: |');
  for (const k of [...kinds].sort()) {
    const o = count(original, k);
    const m = count(mlpost, k);
    lines.push(`| \`${k}\` | ${o} | ${m}${o === m ? '' : ' ≠'} |`);
  }
  const mathCount = (doc, display) => doc.math.filter((m) => m.display === display).length;
  lines.push(`| math inline | ${mathCount(original, false)} | ${mathCount(mlpost, false)} |`);
  lines.push(`| math display | ${mathCount(original, true)} | ${mathCount(mlpost, true)} |`);
  lines.push(`| math errors | 0 | ${mlpost.math.filter((m) => m.error).length} |`);
  lines.push(`| links | ${original.links.length} | ${mlpost.links.length} |`);
  lines.push(`| images | ${original.images.length} | ${mlpost.images.length} |`, '');

  // Headings.
  const headings = (doc) => doc.events.filter((e) => /^h[1-6]$/.test(e.kind));
  const ho = headings(original);
  const hm = headings(mlpost);
  lines.push('## Headings', '', '| # | original | mlpost |', '| ---: | --- | --- |');
  for (let k = 0; k < Math.max(ho.length, hm.length); k++) {
    const o = ho[k];
    const m = hm[k];
    const cell = (e) => (e ? `${e.kind} \`${e.detail}\` ${e.text}` : '—');
    lines.push(`| ${k + 1} | ${cell(o)} | ${cell(m)}${o && m && o.detail.split(' ')[0] !== m.detail ? ' **id differs**' : ''} |`);
  }
  lines.push('');

  // Fragment links: do they resolve in their own document?
  lines.push('## Fragment links (`#…`) that do not resolve in their own page', '');
  for (const [name, doc] of [['original', original], ['mlpost', mlpost]]) {
    const ids = new Set(doc.ids);
    const broken = doc.links.filter((l) => l.href.startsWith('#') && !ids.has(l.href.slice(1)));
    lines.push(`- ${name}: ${broken.length ? broken.map((l) => `\`${l.href}\` (${l.text})`).join(', ') : 'none'}`);
    const dup = doc.ids.filter((id, k) => doc.ids.indexOf(id) !== k);
    lines.push(`- ${name} duplicate ids: ${dup.length ? dup.map((d) => `\`${d}\``).join(', ') : 'none'}`);
  }
  lines.push('');

  // Math TeX.
  const texDiff = multisetDiff(
    original.math.map((m) => `${m.display ? 'D' : 'I'} ${m.tex}`),
    mlpost.math.map((m) => `${m.display ? 'D' : 'I'} ${m.tex}`),
  );
  lines.push('## Math expressions whose TeX or display mode differ', '');
  if (!texDiff.onlyA.length && !texDiff.onlyB.length) lines.push('None: same TeX, same modes, same count.');
  for (const t of texDiff.onlyA) lines.push(`- original only: \`${clip(t, 300).replace(/\n/g, '⏎')}\``);
  for (const t of texDiff.onlyB) lines.push(`- mlpost only: \`${clip(t, 300).replace(/\n/g, '⏎')}\``);
  lines.push('');

  // Links.
  const linkDiff = multisetDiff(
    original.links.map((l) => `${l.href} «${l.text}»`),
    mlpost.links.map((l) => `${l.href} «${l.text}»`),
  );
  lines.push('## Links (target «text») present on one side only', '');
  if (!linkDiff.onlyA.length && !linkDiff.onlyB.length) lines.push('None.');
  for (const t of linkDiff.onlyA) lines.push(`- original only: ${t}`);
  for (const t of linkDiff.onlyB) lines.push(`- mlpost only: ${t}`);
  lines.push('');

  // Element sequence.
  const loose = hunks(original.events, mlpost.events, (e) => `${e.kind}\u0000${e.loose}`);
  const strictOnly = loose.pairs.filter(([i, j]) => original.events[i].text !== mlpost.events[j].text);
  lines.push('## Element sequence', '');
  lines.push(
    `${original.events.length} original events, ${mlpost.events.length} mlpost events, ${loose.pairs.length} aligned ` +
      `(kind + text, spaces between two CJK characters ignored). ${strictOnly.length} aligned pairs differ only by such spaces.`,
    '',
  );
  lines.push('### Unaligned runs', '');
  for (const h of loose.hunks) {
    lines.push(`After **${h.before}**:`, '', '```diff');
    for (const e of h.original) lines.push(`- ${show(e)}`);
    for (const e of h.mlpost) lines.push(`+ ${show(e)}`);
    lines.push('```', '');
  }
  const detailOnly = loose.pairs.filter(
    ([i, j]) => !/^h[1-6]$/.test(original.events[i].kind) && original.events[i].detail !== mlpost.events[j].detail,
  );
  lines.push('### Aligned elements whose attributes differ (code language and line numbers, table alignment, list start/type)', '');
  if (!detailOnly.length) lines.push('None.');
  for (const [i, j] of detailOnly)
    lines.push(`- \`${original.events[i].kind}\` ${JSON.stringify(clip(original.events[i].text, 60))}: original {${original.events[i].detail}}, mlpost {${mlpost.events[j].detail}}`);
  lines.push('');
  lines.push('### Aligned pairs that differ only by a space between CJK characters', '');
  for (const [i, j] of strictOnly.slice(0, 40)) {
    lines.push(`- \`${original.events[i].kind}\` original ${JSON.stringify(clip(original.events[i].text, 100))}`);
    lines.push(`  mlpost ${JSON.stringify(clip(mlpost.events[j].text, 100))}`);
  }
  if (strictOnly.length > 40) lines.push(`- … ${strictOnly.length - 40} more`);
  lines.push('');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------
// Graphs: the SVG files mlpost writes next to the page vs the images the blog published

/** Colour names whose SVG/CSS meaning differs from Graphviz's X11 meaning (what native Graphviz wrote as hex). */
const X11_NOT_CSS = { green: '#00ff00', gray: '#bebebe', grey: '#bebebe', maroon: '#b03060', purple: '#a020f0' };

function graphReport(mlpostDir) {
  const published = join(shared, 'reference', 'published-graphs');
  const files = readdirSync(mlpostDir).filter((f) => f.endsWith('.svg')).sort();
  if (!files.length) return '';
  const count = (svg, cls) => (svg.match(new RegExp(`class="${cls}"`, 'g')) ?? []).length;
  const size = (svg) => /<svg[^>]*?width="([^"]+)"[^>]*?height="([^"]+)"/.exec(svg)?.slice(1).join('×') ?? '?';
  const lines = ['## Graphs: published image vs mlpost SVG', ''];
  lines.push('| file | nodes | edges | clusters | size (pt) | X11≠CSS colour names in mlpost SVG |', '| --- | --- | --- | --- | --- | --- |');
  for (const file of files) {
    const mine = readFileSync(join(mlpostDir, file), 'utf8');
    const theirsPath = join(published, file);
    const names = [...new Set([...mine.matchAll(/(?:fill|stroke)="([a-z]+)"/g)].map((m) => m[1]))].filter((n) => n in X11_NOT_CSS);
    const colours = names.map((n) => `${n} (published ${X11_NOT_CSS[n]})`).join(', ') || '—';
    if (!existsSync(theirsPath)) {
      const png = file.replace(/\.svg$/, '.png');
      lines.push(`| ${file} | — | — | — | ${size(mine)} (published as ${existsSync(join(published, png)) ? png : 'nothing'}) | ${colours} |`);
      continue;
    }
    const theirs = readFileSync(theirsPath, 'utf8');
    const pair = (cls) => {
      const a = count(theirs, cls);
      const b = count(mine, cls);
      return a === b ? String(a) : `${a} → ${b} ≠`;
    };
    lines.push(`| ${file} | ${pair('node')} | ${pair('edge')} | ${pair('cluster')} | ${size(theirs)} → ${size(mine)} | ${colours} |`);
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------
// Screenshots

const mathJaxConfig = `<script type="text/x-mathjax-config">
MathJax.Hub.Config({ messageStyle: "none", TeX: { equationNumbers: { autoNumber: "none" } } });
</script>`;

/** A copy of the original page that Chromium can show offline: MathJax 2 configured, graph images local. */
function offlineOriginal(html) {
  const graphs = join(shared, 'reference', 'published-graphs');
  return html
    .replace(
      '<script src="/usr/share/javascript/mathjax/MathJax.js" type="text/javascript"></script>',
      `${mathJaxConfig}\n<script src="/usr/share/javascript/mathjax/MathJax.js?config=TeX-AMS_CHTML" type="text/javascript"></script>`,
    )
    .replace(/https:\/\/raw\.githubusercontent\.com\/qrsforever\/assets_blog_post\/master\/[^"]*\/graph-image\/([^"?]+)(\?sanitize=true)?/g, (_m, name) =>
      pathToFileURL(join(graphs, name)).href,
    )
    .replace('</head>', '<style>body{max-width:52rem;margin:0 auto;padding:1rem}img.center{display:block;margin:0 auto}</style></head>');
}

async function screenshotPair(post, originalFile, mlpostFile, dir) {
  // playwright-core is a test-only package (test/package.json), resolved from test/.
  const playwright = createRequire(join(repo, 'test', 'package.json')).resolve('playwright-core');
  const { chromium } = await import(pathToFileURL(playwright).href);
  const browser = await chromium.launch({
    executablePath: process.env.MLPOST_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const blocked = [];
  const shots = {};
  try {
    const context = await browser.newContext({ viewport: { width: 900, height: 1200 }, deviceScaleFactor: 1 });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    for (const [side, file] of [['original', originalFile], ['mlpost', mlpostFile]]) {
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      if (side === 'original')
        await page.evaluate(
          () =>
            new Promise((done) => {
              const mj = window.MathJax;
              if (!mj?.Hub) return done();
              mj.Hub.Register.StartupHook('End', () => done());
            }),
        );
      await page.evaluate(() => document.fonts.ready);
      const sections = await page.evaluate((isMlpost) => {
        const root = isMlpost ? document.querySelector('.mlpost-body') : document.body;
        const heads = [...root.querySelectorAll('h1, h2')].filter((h) => !h.closest('blockquote'));
        return heads.map((h) => {
          const clone = h.cloneNode(true);
          clone.querySelector('.header-section-number')?.remove();
          return { text: clone.textContent.trim(), top: h.getBoundingClientRect().top + window.scrollY };
        });
      }, side === 'mlpost');
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const png = join(dir, `full-${side}.png`);
      await page.screenshot({ path: png, fullPage: true });
      const mathErrors = await page.evaluate(() => document.querySelectorAll('.MathJax_Error, merror, .katex-error').length);
      shots[side] = { png, sections, height, mathErrors };
      await page.close();
    }
    // Pair sections by heading text, in order; crop both into one side-by-side picture each.
    const o = shots.original.sections;
    const m = shots.mlpost.sections;
    const pairs = lcs(o.map((s) => s.text), m.map((s) => s.text));
    const cuts = [[0, 0, '(top)'], ...pairs.map(([i, j]) => [o[i].top - 8, m[j].top - 8, o[i].text]), [shots.original.height, shots.mlpost.height, '']];
    const maxPart = 1800;
    const page = await context.newPage();
    let n = 0;
    for (let k = 0; k + 1 < cuts.length; k++) {
      const [oTop, mTop, title] = cuts[k];
      const oLen = cuts[k + 1][0] - oTop;
      const mLen = cuts[k + 1][1] - mTop;
      const parts = Math.max(1, Math.ceil(Math.max(oLen, mLen) / maxPart));
      for (let part = 0; part < parts; part++) {
        const oy = oTop + (oLen * part) / parts;
        const my = mTop + (mLen * part) / parts;
        const oh = oLen / parts;
        const mh = mLen / parts;
        const h = Math.ceil(Math.max(oh, mh));
        const cell = (src, y) =>
          `<div style="width:900px;height:${h}px;overflow:hidden;position:relative;border-right:2px solid #c00">` +
          `<img src="${pathToFileURL(src).href}" style="position:absolute;top:${-y}px;left:0"></div>`;
        await page.setViewportSize({ width: 1804, height: h + 24 });
        const composite = join(dir, 'composite.html');
        writeFileSync(
          composite,
          `<!doctype html><meta charset="utf-8"><body style="margin:0;font:14px sans-serif"><div style="display:flex;height:24px;background:#eee">` +
            `<div style="width:902px">original pipeline — ${title} ${parts > 1 ? `(${part + 1}/${parts})` : ''}</div><div>mlpost</div></div>` +
            `<div style="display:flex">${cell(shots.original.png, oy)}${cell(shots.mlpost.png, my)}</div></body>`,
        );
        await page.goto(pathToFileURL(composite).href, { waitUntil: 'load' });
        await page.waitForFunction(() => [...document.images].every((i) => i.complete));
        n++;
        const slug = title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 40) || 'top';
        await page.screenshot({ path: join(dir, `${String(n).padStart(2, '0')}-${slug}${parts > 1 ? `-${part + 1}` : ''}.png`), fullPage: true });
      }
    }
    rmSync(join(dir, 'composite.html'), { force: true });
    return { blocked: [...new Set(blocked)], sections: n, heights: [shots.original.height, shots.mlpost.height], mathErrors: [shots.original.mathErrors, shots.mlpost.mathErrors] };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------

for (const post of posts) {
  const dir = join(outRoot, post);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const source = join(shared, 'corpus', `${post}.md`);
  const render = spawnSync(process.execPath, [join(repo, 'bin', 'mlpost.js'), 'render', source, '-o', join(dir, 'mlpost')], {
    encoding: 'utf8',
  });
  writeFileSync(join(dir, 'diagnostics.txt'), render.stderr);
  if (render.status !== 0) {
    console.error(`${post}: mlpost render exited ${render.status}\n${render.stderr}`);
    process.exitCode = 1;
    continue;
  }
  const originalHtml = readFileSync(join(shared, 'reference', 'original-pipeline', `${post}.html`), 'utf8');
  const mlpostFile = join(dir, 'mlpost', 'index.html');
  const original = summarise(originalHtml, 'original');
  const mlpost = summarise(readFileSync(mlpostFile, 'utf8'), 'mlpost');
  let text = report(post, original, mlpost, render.stderr) + graphReport(join(dir, 'mlpost'));
  if (screenshots) {
    const originalFile = join(dir, 'original.html');
    writeFileSync(originalFile, offlineOriginal(originalHtml));
    if (!existsSync('/usr/share/javascript/mathjax/MathJax.js'))
      console.error('MathJax 2 is missing: apt-get install -y libjs-mathjax (the original page stays untypeset)');
    const shot = await screenshotPair(post, originalFile, mlpostFile, dir);
    text +=
      `\n## Screenshots\n\n${shot.sections} side-by-side pictures; page heights ${shot.heights.join(' / ')} px ` +
      `(original / mlpost, 900 px wide); math errors shown ${shot.mathErrors.join(' / ')}.\n` +
      `Blocked remote requests: ${shot.blocked.length ? shot.blocked.map((u) => `\`${u}\``).join(', ') : 'none'}.\n`;
  }
  writeFileSync(join(dir, 'structure.md'), text);
  console.log(`${post}: ${join(dir, 'structure.md')}`);
}

/**
 * Keep Hexo's tag pass (Nunjucks) away from what mlpost renders itself, and from nothing else.
 *
 * Hexo replaces every `{{ … }}`, `{% … %}`, `{# … #}` and `<!-- … -->` in a post with a
 * placeholder before the Markdown renderer runs and evaluates them with Nunjucks after it.
 * Two kinds of the author's text must not be read that way:
 *
 * - code and math (DOT, YAML, LaTeX's `x_{{i}}`): their `{` and `<!--` are hidden behind
 *   sentinels (Unicode noncharacters);
 * - tags Hexo has no tag function for (`{% note %}` in a theme without notes, hexo-math's
 *   `{% mathjax %}` without hexo-math, a misspelt tag): Nunjucks would stop the whole site
 *   with "unknown block tag". Their `{` is hidden, so mlpost renders them with its own
 *   handlers (or as a placeholder and a diagnostic at the author's line).
 *
 * `restoreLiterals` brings the text back just before mlpost parses it, and before any tag
 * function receives a body (`hexo-tags.ts`): a tag gets its body exactly as written. The
 * body of a tag whose body is not Markdown (`codeblock`, hexo-math's `mathjax`, `raw`)
 * and that Hexo renders is never touched at all. `escapeForNunjucks` makes sure nothing in
 * mlpost's HTML looks like a tag to the pass that runs over it afterwards.
 */
import type { Parent, Root, RootContent } from 'mdast';
import type { Processor } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { RAW_BODY_TAGS, pairHexoTags } from '../../syntax/hexo-tag/pair.js';
import { pairInlineTags } from '../../syntax/hexo-tag/pair-inline.js';

/** Stands for `{` inside literal text while Hexo's tag pass runs (a Unicode noncharacter). */
export const OPEN_BRACE_SENTINEL = '\uFDD0';
/** Stands for the `<` of `<!--` inside literal text while Hexo's tag pass runs. */
export const COMMENT_SENTINEL = '\uFDD1';

const LITERAL_TYPES = new Set(['code', 'inlineCode', 'math', 'inlineMath']);
/** A tag name Hexo and Nunjucks could know; other `{% … %}` (`{%- if %}`) are left to them. */
const TAG_NAME = /^[A-Za-z_][\w-]*$/;

/** Whether Hexo (or Nunjucks itself) has a tag of this name. */
export type HexoHasTag = (name: string) => boolean;

/**
 * `markdown` as Hexo's tag pass may see it: the `{` and `<!--` of code and math hidden,
 * and the `{` of each tag Hexo does not know, as `parser` (mlpost's remark side) reads
 * the post. Bodies of non-Markdown tags Hexo renders (`codeblock` …) are left as written.
 */
export function guardLiterals(markdown: string, parser: Pick<Processor<Root>, 'parse'>, hexoHasTag: HexoHasTag = () => true): string {
  if (!/[{<]/.test(markdown)) return markdown;
  try {
    return guard(markdown, parser.parse(markdown), hexoHasTag);
  } catch {
    return markdown; // past mlpost's limits: its render reports why
  }
}

function guard(markdown: string, tree: Root, hexoHasTag: HexoHasTag): string {
  const hide = new Uint8Array(markdown.length);
  let any = false;
  const hideRange = (start: number, end: number) => {
    for (let index = markdown.indexOf('{', start); index >= 0 && index < end; index = markdown.indexOf('{', index + 1)) hide[index] = 1;
    for (let index = markdown.indexOf('<!--', start); index >= 0 && index + 4 <= end; index = markdown.indexOf('<!--', index + 1)) hide[index] = 1;
    any = true;
  };
  const knows = (name: string) => !TAG_NAME.test(name) || hexoHasTag(name);
  // Every tag as written, by offset (pairing drops stray end tags; tag lines inside HTML
  // blocks only appear while pairing, so both trees are read).
  const tags = new Map<number, string>();
  const noteTag = (node: { name: string; position?: { start: { offset?: number } } }) => {
    const offset = node.position?.start.offset;
    if (offset !== undefined) tags.set(offset, node.name);
  };
  visit(tree, (node) => {
    if (node.type === 'hexoTag' || node.type === 'hexoTagText') noteTag(node);
  });
  const scratch = new VFile({ value: markdown });
  pairHexoTags(tree, scratch);
  pairInlineTags(tree, scratch);
  // Text bodies of tags Hexo renders: nothing in them is touched.
  const untouched: Array<[number, number]> = [];

  const walk = (parent: Parent): void => {
    for (const node of parent.children as RootContent[]) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (LITERAL_TYPES.has(node.type)) {
        if (start !== undefined && end !== undefined) hideRange(start, end);
        continue;
      }
      if (node.type === 'hexoTag' || node.type === 'hexoTagText') {
        noteTag(node);
        continue;
      }
      if (node.type === 'hexoTagBlock' && start !== undefined && end !== undefined) {
        const raw = RAW_BODY_TAGS.has(node.name);
        const close = markdown.lastIndexOf('{%', end - 1);
        tags.set(start, node.name);
        if (close > start) tags.set(close, `end${node.name}`);
        if (knows(node.name) && raw) {
          untouched.push([markdown.indexOf('%}', start) + 2, close]);
          continue;
        }
        if (raw) {
          // mlpost renders it: its TeX is hidden like math.
          hideRange(markdown.indexOf('%}', start) + 2, close);
          continue;
        }
      }
      if ('children' in node) walk(node as Parent);
    }
  };
  walk(tree);
  for (const [offset, name] of tags) {
    if (knows(name) || markdown[offset] !== '{' || untouched.some(([from, to]) => offset >= from && offset < to)) continue;
    hide[offset] = 1;
    any = true;
  }
  if (!any) return markdown;

  let out = '';
  let at = 0;
  for (let index = 0; index < markdown.length; index++) {
    if (hide[index] !== 1) continue;
    out += markdown.slice(at, index) + (markdown[index] === '{' ? OPEN_BRACE_SENTINEL : COMMENT_SENTINEL);
    at = index + 1;
  }
  return out + markdown.slice(at);
}

/** Undo {@link guardLiterals}. */
export function restoreLiterals(text: string): string {
  if (!text.includes(OPEN_BRACE_SENTINEL) && !text.includes(COMMENT_SENTINEL)) return text;
  return text.replaceAll(OPEN_BRACE_SENTINEL, '{').replaceAll(COMMENT_SENTINEL, '<');
}

/**
 * Write the `{` that opens `{{`, `{%` or `{#` in mlpost's HTML as `&#123;`, so Hexo's
 * Nunjucks pass over the rendered page leaves it alone. Hexo's own placeholders are HTML
 * comments without braces and pass through untouched.
 */
export function escapeForNunjucks(html: string): string {
  return html.replace(/\{(?=[{%#])/g, '&#123;');
}

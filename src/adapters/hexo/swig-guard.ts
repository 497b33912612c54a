/**
 * Keep Hexo's tag pass (Nunjucks) away from code and math.
 *
 * Hexo replaces every `{{ … }}`, `{% … %}`, `{# … #}` and `<!-- … -->` in a post with a
 * placeholder before the Markdown renderer runs and evaluates them with Nunjucks after it.
 * Inside fences, inline code and math those are the author's text (DOT, YAML, LaTeX's
 * `x_{{i}}`), so `guardLiterals` hides their `{` and `<!--` behind sentinels first,
 * `restoreLiterals` brings them back just before mlpost parses the text, and
 * `escapeForNunjucks` makes sure nothing in mlpost's HTML looks like a tag to the pass
 * that runs over it afterwards.
 */
import type { Root } from 'mdast';
import type { Processor } from 'unified';
import { visit } from 'unist-util-visit';

/** Stands for `{` inside literal text while Hexo's tag pass runs (a Unicode noncharacter). */
export const OPEN_BRACE_SENTINEL = '\uFDD0';
/** Stands for the `<` of `<!--` inside literal text while Hexo's tag pass runs. */
export const COMMENT_SENTINEL = '\uFDD1';

const LITERAL_TYPES = new Set(['code', 'inlineCode', 'math', 'inlineMath']);

/**
 * Hide `{` and `<!--` inside the code and math of `markdown`, as `parser` (mlpost's remark
 * side) reads it. Text outside code and math is returned unchanged.
 */
export function guardLiterals(markdown: string, parser: Pick<Processor<Root>, 'parse'>): string {
  if (!/[{<]/.test(markdown)) return markdown;
  const ranges: Array<[number, number]> = [];
  visit(parser.parse(markdown), (node) => {
    if (!LITERAL_TYPES.has(node.type)) return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) ranges.push([start, end]);
  });
  if (ranges.length === 0) return markdown;
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue; // nested (math inside code cannot happen, but be safe)
    out += markdown.slice(at, start) + hide(markdown.slice(start, end));
    at = end;
  }
  return out + markdown.slice(at);
}

function hide(literal: string): string {
  return literal.replaceAll('{', OPEN_BRACE_SENTINEL).replaceAll('<!--', `${COMMENT_SENTINEL}!--`);
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

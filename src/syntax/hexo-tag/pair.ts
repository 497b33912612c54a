/**
 * Pair each opening Hexo tag with its `{% endname %}` among its siblings, turning the
 * nodes between them into the body of a `hexoTagBlock`. A tag has a body when a matching
 * end tag follows at the same level (nesting of the same name is counted), so third-party
 * block tags work without being registered. Tags that must have a body and have none, and
 * end tags without an opening, are reported and left out of the page.
 */
import type { Parent, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../../diagnostics.js';
import { MAX_MARKDOWN_DEPTH } from '../../limits/tree.js';
import type { HexoTag, HexoTagBlock } from './mdast.js';
import { parseTag } from './arguments.js';

/** Hexo's built-in tags that always take a body. */
export const BODY_TAGS: ReadonlySet<string> = new Set(['blockquote', 'quote', 'codeblock', 'code', 'pullquote', 'raw']);

/** Tags whose body is text, not Markdown: only `rawBody` matters, tag lines in it are text. */
export const RAW_BODY_TAGS: ReadonlySet<string> = new Set(['codeblock', 'code', 'raw', 'mathjax', 'math']);

const SOURCE = 'mlpost:hexo-tag';

/** What every level of the pairing shares. */
interface Pairing {
  file: VFile;
  source: string;
  lineStarts: readonly number[];
  /** Tag blocks not made because they would nest too deep: how many, and the first. */
  cut: { count: number; first: HexoTag | undefined };
}

/**
 * Pair tags throughout the tree, in place. A block that would sit deeper than the tree's
 * depth limit is not made: its source, tags and all, is shown as text (one error for all),
 * so that a post of thousands of nested `{% blockquote %}` cannot overflow later walks.
 */
export function pairHexoTags(tree: Parent, file: VFile): void {
  const source = String(file.value ?? '');
  const pairing: Pairing = { file, source, lineStarts: lineStartsOf(source), cut: { count: 0, first: undefined } };
  pairChildren(tree, 0, pairing);
  const { count, first } = pairing.cut;
  if (first) {
    const more = count > 1 ? ` (and ${count - 1} more)` : '';
    report(file, 'error', `\`{% ${first.name} %}\` blocks nested deeper than ${MAX_MARKDOWN_DEPTH} levels: the deeper part is shown as plain text${more}`, { place: first.position, ruleId: 'nesting-too-deep', source: SOURCE });
  }
}

function pairChildren(parent: Parent, depth: number, pairing: Pairing): void {
  const { file, source, lineStarts } = pairing;
  const children = splitTagLinesOutOfHtml(parent.children as RootContent[], lineStarts);
  const ends = matchingEnds(children);
  const result: RootContent[] = [];
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type !== 'hexoTag') {
      if ('children' in child) pairChildren(child as Parent, depth + 1, pairing);
      result.push(child);
      continue;
    }
    if (isEndTag(child.name)) {
      report(file, 'error', `\`{% ${child.name} %}\` has no opening \`{% ${child.name.slice(3)} %}\` before it`, { place: child.position, ruleId: 'hexo-tag-unopened', source: SOURCE });
      continue;
    }
    const end = ends.get(index) ?? -1;
    if (end === -1) {
      if (BODY_TAGS.has(child.name)) {
        report(file, 'error', `\`{% ${child.name} %}\` is never closed: add \`{% end${child.name} %}\``, { place: child.position, ruleId: 'hexo-tag-unclosed', source: SOURCE });
        continue;
      }
      result.push(child);
      continue;
    }
    const closing = children[end] as HexoTag;
    if (depth + 1 > MAX_MARKDOWN_DEPTH) {
      pairing.cut.count++;
      pairing.cut.first ??= child;
      result.push(sourceAsText(source, child, closing));
      index = end;
      continue;
    }
    const raw = RAW_BODY_TAGS.has(child.name);
    const block: HexoTagBlock = {
      type: 'hexoTagBlock',
      name: child.name,
      args: child.args,
      rawArgs: child.rawArgs,
      unterminatedQuote: child.unterminatedQuote,
      children: raw ? [] : (children.slice(index + 1, end) as HexoTagBlock['children']),
      rawBody: rawBetween(source, child, closing),
      position: child.position && closing.position ? { start: child.position.start, end: closing.position.end } : undefined,
    };
    if (!raw) pairChildren(block, depth + 1, pairing);
    result.push(block);
    index = end;
  }
  parent.children = result;
}

function isEndTag(name: string): boolean {
  return name.length > 3 && name.startsWith('end');
}

/**
 * For each opening tag among `children` that has one, the index of its `{% endname %}`:
 * the first end tag of its name after it that no later opening of the same name took
 * (one pass with a stack per name; scanning ahead from every opening tag was quadratic,
 * 20 000 unclosed `{% blockquote %}` took 4 s).
 */
function matchingEnds(children: readonly RootContent[]): Map<number, number> {
  const ends = new Map<number, number>();
  const open = new Map<string, number[]>();
  children.forEach((child, index) => {
    if (child.type !== 'hexoTag') return;
    if (isEndTag(child.name)) {
      const opening = open.get(child.name.slice(3))?.pop();
      if (opening !== undefined) ends.set(opening, index);
      return;
    }
    let stack = open.get(child.name);
    if (!stack) open.set(child.name, (stack = []));
    stack.push(index);
  });
  return ends;
}

/** The source from `open`'s start to `close`'s end as a paragraph of text (what a cut block shows). */
function sourceAsText(source: string, open: HexoTag, close: HexoTag): RootContent {
  const start = open.position?.start.offset;
  const end = close.position?.end.offset;
  const value = start !== undefined && end !== undefined ? source.slice(start, end) : open.value;
  const position = open.position && close.position ? { start: open.position.start, end: close.position.end } : undefined;
  return { type: 'paragraph', children: [{ type: 'text', value, position }], position };
}

/** The source lines strictly between the opening tag's line and the closing tag's line. */
function rawBetween(source: string, open: HexoTag, close: HexoTag): string {
  const from = open.position?.end.line;
  const to = close.position?.start.line;
  if (from === undefined || to === undefined || to - from < 2) return '';
  return source.split(/\r?\n/).slice(from, to - 1).join('\n');
}

const TAG_LINE = /^[ \t]*(\{%.*%\})[ \t]*$/;

/**
 * A raw HTML block runs to the next blank line, so a tag line right after HTML (`</ol>`
 * then `{% endblockquote %}`) lands inside it. Hexo expands tags before Markdown and never
 * sees that; we split such lines back out of the HTML as tag nodes.
 */
function splitTagLinesOutOfHtml(children: RootContent[], lineStarts: readonly number[]): RootContent[] {
  const point = (line: number, column: number) => ({ line, column, offset: (lineStarts[line - 1] ?? 0) + column - 1 });
  if (!children.some((child) => child.type === 'html' && child.value.includes('{%'))) return children;
  const result: RootContent[] = [];
  for (const child of children) {
    if (child.type !== 'html' || !child.value.includes('{%')) {
      result.push(child);
      continue;
    }
    const lines = child.value.split('\n');
    const start = child.position?.start;
    let pending: string[] = [];
    let pendingFrom = 0;
    const flush = (upTo: number) => {
      if (pending.length > 0 && start) {
        const last = pending[pending.length - 1]!;
        result.push({ type: 'html', value: pending.join('\n'), position: { start: point(start.line + pendingFrom, pendingFrom === 0 ? start.column : 1), end: point(start.line + upTo - 1, last.length + 1) } });
      } else if (pending.length > 0) result.push({ type: 'html', value: pending.join('\n') });
      pending = [];
    };
    lines.forEach((line, index) => {
      const match = TAG_LINE.exec(line);
      if (!match) {
        if (pending.length === 0) pendingFrom = index;
        pending.push(line);
        return;
      }
      flush(index);
      const column = (index === 0 && start ? start.column : 1) + line.indexOf('{%');
      const tagStart = start ? point(start.line + index, column) : undefined;
      const value = match[1]!;
      result.push({
        type: 'hexoTag',
        value,
        ...parseTag(value.slice(2, -2)),
        position: tagStart ? { start: tagStart, end: point(tagStart.line, column + value.length) } : undefined,
      } as HexoTag);
    });
    flush(lines.length);
  }
  return result;
}

function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

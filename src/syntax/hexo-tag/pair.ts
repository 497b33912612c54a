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
import type { HexoTag, HexoTagBlock } from './mdast.js';

/** Hexo's built-in tags that always take a body. */
export const BODY_TAGS: ReadonlySet<string> = new Set(['blockquote', 'quote', 'codeblock', 'code', 'pullquote', 'raw']);

const SOURCE = 'mlpost:hexo-tag';

/** Pair tags throughout the tree, in place. */
export function pairHexoTags(tree: Parent, file: VFile): void {
  const source = String(file.value ?? '');
  pairChildren(tree, file, source);
}

function pairChildren(parent: Parent, file: VFile, source: string): void {
  const children = parent.children as RootContent[];
  const result: RootContent[] = [];
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type !== 'hexoTag') {
      if ('children' in child) pairChildren(child as Parent, file, source);
      result.push(child);
      continue;
    }
    if (isEndTag(child.name)) {
      report(file, 'error', `\`{% ${child.name} %}\` has no opening \`{% ${child.name.slice(3)} %}\` before it`, child.position, 'hexo-tag-unopened', SOURCE);
      continue;
    }
    const end = findEnd(children, index, child.name);
    if (end === -1) {
      if (BODY_TAGS.has(child.name)) {
        report(file, 'error', `\`{% ${child.name} %}\` is never closed: add \`{% end${child.name} %}\``, child.position, 'hexo-tag-unclosed', SOURCE);
        continue;
      }
      result.push(child);
      continue;
    }
    const closing = children[end] as HexoTag;
    const block: HexoTagBlock = {
      type: 'hexoTagBlock',
      name: child.name,
      args: child.args,
      rawArgs: child.rawArgs,
      unterminatedQuote: child.unterminatedQuote,
      children: children.slice(index + 1, end) as HexoTagBlock['children'],
      rawBody: rawBetween(source, child, closing),
      position: child.position && closing.position ? { start: child.position.start, end: closing.position.end } : undefined,
    };
    pairChildren(block, file, source);
    result.push(block);
    index = end;
  }
  parent.children = result;
}

function isEndTag(name: string): boolean {
  return name.length > 3 && name.startsWith('end');
}

/** Index of the `{% endname %}` closing `children[open]`, or -1. */
function findEnd(children: readonly RootContent[], open: number, name: string): number {
  let depth = 0;
  for (let index = open + 1; index < children.length; index++) {
    const child = children[index]!;
    if (child.type !== 'hexoTag') continue;
    if (child.name === name) depth++;
    else if (child.name === `end${name}`) {
      if (depth === 0) return index;
      depth--;
    }
  }
  return -1;
}

/** The source lines strictly between the opening tag's line and the closing tag's line. */
function rawBetween(source: string, open: HexoTag, close: HexoTag): string {
  const from = open.position?.end.offset;
  const to = close.position?.start.offset;
  if (from === undefined || to === undefined) return '';
  const bodyStart = source.indexOf('\n', from);
  const bodyEnd = source.lastIndexOf('\n', to);
  if (bodyStart === -1 || bodyEnd <= bodyStart) return '';
  return source.slice(bodyStart + 1, bodyEnd).replace(/\r$/, '');
}

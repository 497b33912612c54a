/**
 * The verbatim body of a block tag, as its author meant it. `rawBody` is the source
 * between the two tag lines; inside a block quote each of those lines still carries the
 * quote's `>` markers, which belong to the quote, not to the body.
 */
import type { HexoTagBlock } from '../mdast.js';
import type { TagContext } from '../tags.js';

/** `tag.rawBody` without the `>` markers of the block quotes the tag sits in. */
export function verbatimBody(tag: HexoTagBlock, context: TagContext): string {
  const start = tag.position?.start;
  if (!start) return tag.rawBody;
  const source = String(context.file.value ?? '');
  const lineStart = start.offset === undefined ? -1 : source.lastIndexOf('\n', start.offset - 1) + 1;
  const prefix = lineStart >= 0 && start.offset !== undefined ? source.slice(lineStart, start.offset) : '';
  const depth = (prefix.match(/>/g) ?? []).length;
  if (depth === 0 || !/^[ \t>]*$/.test(prefix)) return tag.rawBody;
  const marker = new RegExp(`^(?:[ \\t]{0,3}>[ \\t]?){0,${depth}}`);
  return tag.rawBody
    .split('\n')
    .map((line) => line.replace(marker, ''))
    .join('\n');
}

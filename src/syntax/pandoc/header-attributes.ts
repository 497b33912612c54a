/**
 * Pandoc's `header_attributes`: `# Title {#custom-id .cls key=val}` gives the heading
 * that id, class and attributes, and the block leaves the heading's text; `{-}` is
 * `{.unnumbered}`. An explicit id is set before rehype-slug runs, which skips headings
 * that already have one; `rehypeUniqueIds` keeps ids unique afterwards.
 */
import type { Properties } from 'hast';
import type { Heading, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { attributeBlockEnd, readAttributeBlock } from './attribute-block.js';
import { attributesToProperties } from './properties.js';
import { SourceContext } from './source-context.js';

/** The remark plugin. */
export function remarkHeaderAttributes() {
  return (tree: Root, file: VFile): void => {
    const context = new SourceContext(file);
    visit(tree, 'heading', (heading: Heading) => {
      applyHeaderAttributes(heading, context);
    });
  };
}

function applyHeaderAttributes(heading: Heading, context: SourceContext): void {
  const last = heading.children[heading.children.length - 1];
  if (!last || last.type !== 'text') return;
  const value = last.value.trimEnd();
  if (!value.endsWith('}')) return;
  const map = context.mapText(last);
  // The block is the one `{…}` that runs exactly to the end of the heading.
  for (let start = value.indexOf('{'); start !== -1; start = value.indexOf('{', start + 1)) {
    if (attributeBlockEnd(value, start, map.literal) !== value.length) continue;
    // `[x]{.y}` and `[a](u){.y}` at the end are a span and a link with attributes.
    if (start > 0 ? value[start - 1] === ']' && !map.literal[start - 1] : followsLink(heading)) return;
    const { text, offsetOf } = context.written(value, map, start, value.length);
    const read = readAttributeBlock(text, true);
    if (!read.valid) return;
    const converted = attributesToProperties(read.attributes, 'heading', text);
    for (const problem of [...read.attributes.problems, ...converted.problems]) {
      context.report('warning', problem.message, offsetOf(problem.offset), problem.ruleId, last.position?.start);
    }
    const data = (heading.data ??= {}) as { hProperties?: Properties };
    data.hProperties = { ...data.hProperties, ...converted.properties };
    trimText(heading, last, start, context, map.offsets);
    return;
  }
}

function followsLink(heading: Heading): boolean {
  const previous = heading.children[heading.children.length - 2];
  return previous !== undefined && ['link', 'image', 'linkReference', 'imageReference'].includes(previous.type);
}

/** Cut the heading's last text node at `end` (dropping trailing spaces, or the node). */
function trimText(heading: Heading, node: Text, end: number, context: SourceContext, offsets: number[]): void {
  const kept = node.value.slice(0, end).trimEnd();
  if (kept === '') {
    heading.children.pop();
    return;
  }
  node.value = kept;
  const stop = context.pointAt((offsets[kept.length - 1] ?? -2) + 1);
  if (node.position && stop) node.position = { start: node.position.start, end: stop };
}

/**
 * What theme tag handlers share: a tag's Markdown body as flow or phrasing content, and
 * the two argument grammars the themes use (`a, b, c` and `class@text`).
 */
import type { BlockContent, Paragraph, PhrasingContent, RootContent } from 'mdast';
import type { AnyHexoTag, TagContext } from '../../tags.js';
import { tagProblem } from '../nodes.js';
import { isInlineBlock } from '../../pair-inline.js';

/** The body as flow content (an inline pair's phrasing becomes one paragraph). */
export function flowBody(tag: AnyHexoTag): BlockContent[] {
  if (tag.type !== 'hexoTagBlock') return [];
  return tag.children;
}

/** The body as phrasing content (a flow body's paragraphs are flattened, line breaks between). */
export function phrasingBody(tag: AnyHexoTag): PhrasingContent[] {
  if (tag.type !== 'hexoTagBlock') return [];
  const out: PhrasingContent[] = [];
  for (const child of tag.children) {
    if (child.type !== 'paragraph') continue;
    if (out.length > 0) out.push({ type: 'break' });
    out.push(...(child as Paragraph).children);
  }
  return out;
}

/** Whether the tag sits inside prose (an inline pair or a single tag in a line). */
export function inProse(tag: AnyHexoTag, flow: boolean): boolean {
  return !flow || isInlineBlock(tag);
}

/** NexT/Butterfly/Fluid's `a, b, c`: the arguments re-joined with spaces, split at commas, trimmed. */
export function commaArguments(tag: AnyHexoTag): string[] {
  return tag.args.join(' ').split(',').map((part) => part.trim());
}

/** NexT/Fluid's `classes@text`: what comes before the first `@` and after it. */
export function atArguments(tag: AnyHexoTag): { before: string; after: string | undefined } {
  const text = tag.args.join(' ');
  const at = text.indexOf('@');
  return at === -1 ? { before: text.trim(), after: undefined } : { before: text.slice(0, at).trim(), after: text.slice(at + 1).trim() };
}

/** Put nodes where the tag stood: phrasing stays phrasing, flow gets a paragraph. */
export function placed(nodes: PhrasingContent[], prose: boolean): RootContent[] {
  return prose ? nodes : [{ type: 'paragraph', children: nodes }];
}

/** A block tag written without its end tag: reported, shown as written. */
export function needsBody(tag: AnyHexoTag, context: TagContext): RootContent[] {
  return tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\` needs a body and \`{% end${tag.name} %}\`; shown as written`, 'hexo-tag-no-body');
}

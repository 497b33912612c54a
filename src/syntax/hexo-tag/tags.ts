/**
 * Expanding Hexo tags into mdast: a registry of tag handlers, the built-in ones, and the
 * fallback for tags nobody registered (a warning at the tag's line and a visible
 * placeholder, never a failed page).
 */
import type { BlockContent, Parent, PhrasingContent, RootContent } from 'mdast';
import type { ElementContent } from 'hast';
import type { VFile } from 'vfile';
import { report } from '../../diagnostics.js';
import { parseBlockquoteFooter } from './blockquote.js';
import type { HexoTag, HexoTagBlock, HexoTagText } from './mdast.js';
import { hexoBuiltinTagHandlers } from './handlers/index.js';
import { themeTagHandlers } from './handlers/theme/index.js';
import { isInlineBlock } from './pair-inline.js';
import type { TagSiteOptions } from './handlers/site.js';

/** Any of the three tag nodes. */
export type AnyHexoTag = HexoTag | HexoTagText | HexoTagBlock;

/** What a handler is given besides the tag. */
export interface TagContext {
  file: VFile;
  /** Whether the tag stands in flow (its own line or a block) rather than inside text. */
  flow: boolean;
  /** What is known about the site around the post (folders, other posts); may be empty. */
  site: Readonly<TagSiteOptions>;
}

/**
 * A tag handler returns the nodes that replace the tag: flow content for flow tags,
 * phrasing content for tags inside text. Return `undefined` to fall back to the
 * unknown-tag placeholder.
 */
export type TagHandler = (tag: AnyHexoTag, context: TagContext) => RootContent[] | undefined;

/** Hexo's `blockquote` (alias `quote`): the body, then the footer grammar of DESIGN.md. */
export const blockquoteHandler: TagHandler = (tag) => {
  const body = tag.type === 'hexoTagBlock' ? tag.children : [];
  const footer = parseBlockquoteFooter(tag.args);
  const children: BlockContent[] = [...body];
  if (footer) children.push(footerNode(footer) as unknown as BlockContent);
  return [{ type: 'blockquote', children, position: tag.position }];
};

function footerNode(footer: NonNullable<ReturnType<typeof parseBlockquoteFooter>>): RootContent {
  const parts: ElementContent[] = [];
  if (footer.author) parts.push({ type: 'element', tagName: 'strong', properties: {}, children: [{ type: 'text', value: footer.author }] });
  if (footer.link) {
    parts.push({
      type: 'element',
      tagName: 'cite',
      properties: {},
      children: [{ type: 'element', tagName: 'a', properties: { href: footer.link }, children: [{ type: 'text', value: footer.title ?? footer.link }] }],
    });
  } else if (footer.title) {
    parts.push({ type: 'element', tagName: 'cite', properties: {}, children: [{ type: 'text', value: footer.title }] });
  }
  // A node type of our own: remark-rehype turns it into `data.hName` with `data.hChildren`.
  return { type: 'hexoTagFooter', data: { hName: 'footer', hChildren: parts } } as unknown as RootContent;
}

/** The handlers mlpost knows by default: Hexo's own tags, then the themes' and plugins'. */
export const builtinTagHandlers: Readonly<Record<string, TagHandler>> = Object.freeze({
  blockquote: blockquoteHandler,
  quote: blockquoteHandler,
  ...hexoBuiltinTagHandlers,
  ...themeTagHandlers,
});

/** A visible stand-in for a tag nobody handles, with the tag's text escaped. */
export function unknownTagPlaceholder(tag: AnyHexoTag, flow: boolean): RootContent[] {
  const text = `{% ${tag.name}${tag.rawArgs ? ` ${tag.rawArgs}` : ''} %}`;
  const properties = { className: ['mlpost-unknown-tag'], dataTag: tag.name };
  const label = { type: 'text', value: text } as const;
  if (!flow) {
    const code = { type: 'hexoTagPlaceholder', data: { hName: 'code', hProperties: properties, hChildren: [label] } } as unknown as PhrasingContent;
    // A pair inside a line keeps its body after the placeholder.
    const inner = tag.type === 'hexoTagBlock' && tag.children[0]?.type === 'paragraph' ? tag.children[0].children : [];
    return [code, ...inner];
  }
  const body = tag.type === 'hexoTagBlock' ? tag.children : [];
  return [
    {
      type: 'hexoTagPlaceholder',
      data: { hName: 'div', hProperties: properties },
      children: [
        { type: 'paragraph', children: [{ type: 'inlineCode', value: text }] },
        ...body,
      ],
    } as unknown as RootContent,
  ];
}

/**
 * Replace every tag node in the tree by what its handler returns.
 * Unknown tags get a warning and a placeholder.
 */
export function expandHexoTags(tree: Parent, file: VFile, handlers: Readonly<Record<string, TagHandler>>, site: Readonly<TagSiteOptions> = {}): void {
  expandChildren(tree, file, handlers, site);
}

function expandChildren(parent: Parent, file: VFile, handlers: Readonly<Record<string, TagHandler>>, site: Readonly<TagSiteOptions>): void {
  const result: RootContent[] = [];
  for (const child of parent.children as RootContent[]) {
    if (child.type === 'hexoTag' || child.type === 'hexoTagText' || child.type === 'hexoTagBlock') {
      if (child.type === 'hexoTagBlock') expandChildren(child, file, handlers, site);
      const flow = child.type !== 'hexoTagText' && !isInlineBlock(child);
      if (child.unterminatedQuote) {
        report(file, 'warning', `a quote in the arguments of \`{% ${child.name} %}\` is never closed`, { place: child.position, ruleId: 'hexo-tag-quote', source: 'mlpost:hexo-tag' });
      }
      const handler = Object.hasOwn(handlers, child.name) ? handlers[child.name] : undefined;
      const replacement = handler?.(child, { file, flow, site });
      if (replacement) {
        result.push(...replacement);
        continue;
      }
      report(file, 'warning', `unknown Hexo tag \`{% ${child.name} %}\`: shown as a placeholder (register a handler for it through the API)`, { place: child.position, ruleId: 'hexo-tag-unknown', source: 'mlpost:hexo-tag' });
      result.push(...unknownTagPlaceholder(child, flow));
      continue;
    }
    if ('children' in child) expandChildren(child as Parent, file, handlers, site);
    result.push(child);
  }
  parent.children = result;
}

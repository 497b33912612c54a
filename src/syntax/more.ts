/**
 * Hexo's excerpt split: the first top-level `<!-- more -->` comment becomes the
 * `<a id="more"></a>` anchor that "read more" links point at; everything before it is
 * the post's excerpt (collected after rendering, see `render/excerpt.ts`).
 */
import type { Root, RootContent } from 'mdast';

const MORE = /^<!--\s*more\s*-->$/;

/** The id of the anchor that replaces `<!-- more -->`. */
export const MORE_ID = 'more';

/** The remark plugin. */
export function remarkMore() {
  return (tree: Root): void => {
    const index = tree.children.findIndex((node) => node.type === 'html' && MORE.test(node.value.trim()));
    if (index === -1) return;
    const anchor = {
      type: 'moreAnchor',
      position: tree.children[index]!.position,
      data: { hName: 'a', hProperties: { id: MORE_ID } },
    } as unknown as RootContent;
    tree.children.splice(index, 1, anchor);
  };
}

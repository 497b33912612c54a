/**
 * Pandoc's `implicit_figures`: an image alone in its paragraph becomes a figure whose
 * caption is the image's alt text, as the original blog published it.
 */
import type { Image, ImageReference, Paragraph, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';

/** The remark plugin. */
export function remarkImplicitFigures() {
  return (tree: Root): void => {
    visit(tree, 'paragraph', (node: Paragraph, index, parent) => {
      if (!parent || index === undefined) return;
      const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
      if (content.length !== 1) return;
      const image = content[0]!;
      if (image.type !== 'image' && image.type !== 'imageReference') return;
      const alt = (image as Image | ImageReference).alt ?? '';
      if (alt === '') return;
      const figure = {
        type: 'implicitFigure',
        position: node.position,
        data: { hName: 'figure' },
        children: [
          image,
          { type: 'implicitFigureCaption', data: { hName: 'figcaption', hProperties: { ariaHidden: 'true' } }, children: [{ type: 'text', value: alt }] },
        ],
      } as unknown as RootContent;
      parent.children.splice(index, 1, figure);
    });
  };
}

/**
 * Raw HTML in the tree, parsed only when a post needs it.
 *
 * rehype-raw re-parses the whole tree with parse5 (5–7 % of a render) as soon as a post
 * has any raw HTML. Most posts only have comments (`<!-- more -->`, vim-markdown-toc's
 * markers) and `<br>`/`</br>` line breaks: those are made into the nodes parse5 would
 * make, and the parse is skipped. Anything else, and the whole tree goes through rehype-raw.
 */
import type { Comment, Element, Root, RootContent } from 'hast';
import type { Raw } from 'mdast-util-to-hast';
import type { VFile } from 'vfile';
import rehypeRaw from 'rehype-raw';
import { visit } from 'unist-util-visit';

/** One comment as parse5 reads it, and nothing else: no `-->` or `--!>` inside. */
const COMMENT = /^<!--(?!>|->)((?:(?!--!?>)[\s\S])*)-->$/;
/** `<br>`, `<br/>` and `</br>`: parse5 makes a `<br>` of each. */
const LINE_BREAK = /^<\/?br\s*\/?>$/i;

/** The rehype plugin (where rehype-raw would be). */
export function rehypeRawHtml() {
  const parseRaw = rehypeRaw();
  return (tree: Root, file: VFile): Root => {
    let simple = true;
    visit(tree, (node, index, parent) => {
      // parse5 reads `data-x` (a `true` from mdast-util-to-hast) back as `data-x=""`; write
      // the same bytes whichever way a post goes.
      if (node.type === 'element') {
        for (const [name, value] of Object.entries(node.properties)) if (value === true && name.startsWith('data')) node.properties[name] = '';
      }
      if (node.type !== 'raw' || parent === undefined || index === undefined) return;
      // The nodes parse5 would make of this piece, so it is harmless if parse5 runs after all.
      const lowered = lower(node as Raw);
      if (lowered === undefined) simple = false;
      else (parent.children as RootContent[])[index] = lowered;
    });
    return simple ? tree : parseRaw(tree, file);
  };
}

function lower(node: Raw): Comment | Element | undefined {
  // Whitespace around the piece is text parse5 keeps: such a node takes the full path.
  const value = node.value;
  const comment = COMMENT.exec(value);
  if (comment) return { type: 'comment', value: comment[1]!, position: node.position };
  if (LINE_BREAK.test(value)) return { type: 'element', tagName: 'br', properties: {}, children: [], position: node.position };
  return undefined;
}

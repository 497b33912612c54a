/**
 * Pandoc's `definition_lists`: a term line followed by `:   definition` lines. (Pandoc
 * also reads `~` as the marker; micromark-extension-definition-list does not, and no post
 * of the corpus uses it.)
 *
 * The syntax comes from remark-definition-list (micromark extension + mdast nodes
 * `defList`, `defListTerm`, `defListDescription`). Its HTML needs remark-rehype handlers,
 * which a preset cannot pass to a pipeline it does not own (Astro, Hexo), so this plugin
 * says the same through `data.hName` and works with any remark-rehype configuration.
 *
 * Like pandoc, a tight definition holds its text directly (`<dd>text</dd>`), a loose one
 * (a blank line inside it, or before it) keeps its paragraphs.
 */
import type { Node, Parent } from 'unist';
import type { Processor } from 'unified';
import { remarkDefinitionList } from 'remark-definition-list';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { markerAtLineStart, sourceMayMatch } from '../source-hint.js';
import { onePerLine } from './lines.js';

const TAG_NAMES: Readonly<Record<string, string>> = { defList: 'dl', defListTerm: 'dt', defListDescription: 'dd' };

const DEFINITION_MARKER = markerAtLineStart(':');

interface DefinitionNode extends Parent {
  spread?: boolean;
  data?: { hName?: string };
}

/** The remark plugin: the syntax, and the HTML element of each node. */
export function remarkPandocDefinitionLists(this: Processor) {
  remarkDefinitionList.call(this as unknown as ThisParameterType<typeof remarkDefinitionList>);
  return (tree: Node, file: VFile): void => {
    if (!sourceMayMatch(file, DEFINITION_MARKER)) return;
    visit(tree, (node) => {
      const tagName = TAG_NAMES[node.type];
      if (tagName === undefined) return;
      const element = node as DefinitionNode;
      element.data = { ...element.data, hName: tagName };
      if (node.type === 'defListDescription' && element.spread !== true) unwrapFirstParagraph(element);
      if (node.type === 'defList') element.children = onePerLine(element.children) as DefinitionNode['children'];
    });
  };
}

/** `<dd><p>text</p></dd>` → `<dd>text</dd>` for a tight definition, as pandoc writes it. */
function unwrapFirstParagraph(description: DefinitionNode): void {
  const first = description.children[0];
  if (first?.type !== 'paragraph' || description.children.length !== 1) return;
  description.children = (first as Parent).children;
}

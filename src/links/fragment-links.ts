/**
 * Links inside the page (`#id`) must land somewhere: a TOC entry whose heading was renamed
 * or removed is a warning naming the link, at the link's place in the author's file.
 */
import type { Element, Nodes, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';

/** The rehype plugin (runs last, when every id exists). */
export function rehypeFragmentLinks() {
  return (tree: Root, file: VFile): void => {
    // A piece of a larger document (a Hexo tag body) may link to the equations of the others.
    const ids = new Set<string>([...(file.data.mathContext?.labels?.values() ?? [])].map((label) => label.id));
    const links: Element[] = [];
    visit(tree, (node: Nodes | { type: 'raw'; value: string }) => {
      // Typeset math is kept as raw HTML; its equation anchors (`\htmlId`) are ids too.
      if (node.type === 'raw') {
        if (node.value.includes(' id="')) for (const match of node.value.matchAll(/ id="([^"]+)"/g)) ids.add(match[1]!);
        return;
      }
      if (node.type !== 'element') return;
      const id = node.properties.id;
      if (typeof id === 'string') ids.add(id);
      if (node.tagName === 'a' && typeof node.properties.name === 'string') ids.add(node.properties.name);
      const href = node.properties.href;
      if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#') && href.length > 1) links.push(node);
    });
    for (const link of links) {
      const href = link.properties.href as string;
      const target = safeDecode(href.slice(1));
      if (ids.has(target) || ids.has(href.slice(1))) continue;
      report(file, 'warning', `link to \`${href.length > 60 ? `${target.slice(0, 57)}…` : target}\` goes nowhere: no heading or anchor has that id`, { place: link.position?.start, ruleId: 'link-fragment-unknown', source: 'mlpost:links' });
    }
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

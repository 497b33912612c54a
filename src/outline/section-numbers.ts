/**
 * Pandoc's `--number-sections`, which the original blog used: every heading gets its
 * hierarchical number (`2.1`) in a `<span class="header-section-number">` and a
 * `data-number` attribute, as pandoc writes them. Headings marked `.unnumbered` (pandoc's
 * `{-}`) and the footnotes' screen-reader heading are skipped; ids are not changed, so
 * table-of-contents links keep working.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

const HEADING = /^h([1-6])$/;

/** The rehype plugin. */
export function rehypeSectionNumbers() {
  return (tree: Root): void => {
    const counters = [0, 0, 0, 0, 0, 0];
    visit(tree, 'element', (node: Element) => {
      const match = HEADING.exec(node.tagName);
      if (!match) return;
      const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];
      if (classes.includes('unnumbered') || classes.includes('sr-only')) return;
      const level = Number(match[1]) - 1;
      counters[level]!++;
      for (let deeper = level + 1; deeper < counters.length; deeper++) counters[deeper] = 0;
      // Pandoc numbers from level 1: a post starting at `##` reads 0.1, 0.2 …
      const number = counters.slice(0, level + 1).join('.');
      node.properties.dataNumber = number;
      node.children.unshift(
        { type: 'element', tagName: 'span', properties: { className: ['header-section-number'] }, children: [{ type: 'text', value: number }] },
        { type: 'text', value: ' ' },
      );
    });
  };
}

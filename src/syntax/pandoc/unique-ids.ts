/**
 * Unique ids after rehype-slug. The author's ids (`# T {#id}`, `[]{#anchor}`, raw HTML)
 * win over generated heading slugs, as in pandoc, whose automatic ids skip ids already
 * used: the corpus has `[]{#blockquote}` as the target of a TOC link and a later
 * `### blockquote` heading, which becomes `blockquote-1`.
 *
 * Two plugins: `rehypeMarkAuthorIds` runs before rehype-slug and remembers which
 * elements had an id then (the author's); `rehypeUniqueIds` runs after it. Only headings
 * and the author's spans are ever renamed; other ids (footnotes, equations, graphs, raw
 * HTML blocks) are kept as they are and only claim their id.
 */
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { authorLine, report } from '../../diagnostics.js';
import { PANDOC_SOURCE } from './source-context.js';
import { eachElement } from './each-element.js';

const authorIdsOf = new WeakMap<VFile, WeakSet<Element>>();
const HEADING = /^h[1-6]$/;

function idOf(element: Element): string | undefined {
  const id = element.properties.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** Rehype plugin, before rehype-slug: remember the elements that already have an id. */
export function rehypeMarkAuthorIds() {
  return (tree: Root, file: VFile): void => {
    const marked = new WeakSet<Element>();
    eachElement(tree, (element) => {
      if (idOf(element) !== undefined) marked.add(element);
    });
    authorIdsOf.set(file, marked);
  };
}

/**
 * Rehype plugin, after rehype-slug: rename duplicate heading and span ids with `-1`,
 * `-2`… (github-slugger's suffixes). A renamed author id is a warning; a renamed
 * generated slug is not (pandoc does the same silently).
 */
export function rehypeUniqueIds() {
  return (tree: Root, file: VFile): void => {
    const authored = authorIdsOf.get(file);
    const kept: Element[] = [];
    const byAuthor: Element[] = [];
    const generated: Element[] = [];
    eachElement(tree, (element) => {
      if (idOf(element) === undefined) return;
      const heading = HEADING.test(element.tagName);
      const byTheAuthor = authored?.has(element) === true;
      if (heading) (byTheAuthor ? byAuthor : generated).push(element);
      else if (element.tagName === 'span' && byTheAuthor) byAuthor.push(element);
      else kept.push(element);
    });
    if (byAuthor.length + generated.length === 0) return;

    const claimed = new Map<string, Element>();
    for (const element of kept) {
      const id = idOf(element)!;
      if (!claimed.has(id)) claimed.set(id, element);
    }
    const claim = (element: Element, warn: boolean) => {
      const id = idOf(element)!;
      const holder = claimed.get(id);
      if (!holder) {
        claimed.set(id, element);
        return;
      }
      let suffix = 1;
      while (claimed.has(`${id}-${suffix}`)) suffix++;
      const renamed = `${id}-${suffix}`;
      element.properties.id = renamed;
      claimed.set(renamed, element);
      if (warn) {
        const first = holder.position?.start;
        const where = first ? ` (first at line ${authorLine(file, first.line)})` : '';
        report(file, 'warning', `id \`${id}\` is used twice${where}; this one is renamed \`${renamed}\``, { place: element.position, ruleId: 'duplicate-id', source: PANDOC_SOURCE });
      }
    };
    for (const element of byAuthor) claim(element, true);
    for (const element of generated) claim(element, false);
  };
}

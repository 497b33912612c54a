/**
 * Collects the links and images of a post that name files of the site (`local.png`,
 * `../other-post/`, `/images/x.png`) with their place in the source, onto
 * `file.data.mlpost.references`: the site builder copies what they name next to the page
 * and warns, at that place, about the ones that name nothing.
 */
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { visitParents } from 'unist-util-visit-parents';
import { mlpostData, type LocalReference } from '../types.js';

/** Which attribute of which element holds a URL, and what kind of reference it is. */
const URL_ATTRIBUTES: ReadonlyArray<[tag: string, property: string, kind: LocalReference['kind']]> = [
  ['a', 'href', 'link'],
  ['area', 'href', 'link'],
  ['img', 'src', 'image'],
  ['source', 'src', 'image'],
  ['video', 'src', 'image'],
  ['video', 'poster', 'image'],
  ['audio', 'src', 'image'],
  ['track', 'src', 'image'],
  ['iframe', 'src', 'link'],
  ['embed', 'src', 'image'],
  ['object', 'data', 'image'],
];

/** Whether `url` names a file of this site: not another site, not a scheme, not only a fragment. */
export function isLocalUrl(url: string): boolean {
  const trimmed = url.trim();
  return trimmed !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !trimmed.startsWith('//') && !/^[?#]/.test(trimmed);
}

/** The rehype plugin. */
export function rehypeLocalReferences() {
  return (tree: Root, file: VFile): void => {
    const references: LocalReference[] = [];
    visitParents(tree, 'element', (node: Element, ancestors) => {
      for (const [tag, property, kind] of URL_ATTRIBUTES) {
        if (node.tagName !== tag) continue;
        const value = node.properties[property];
        if (typeof value !== 'string' || !isLocalUrl(value)) continue;
        // Generated elements have no place: the nearest ancestor that has one.
        const start = node.position?.start ?? [...ancestors].reverse().find((ancestor) => ancestor.position)?.position?.start;
        references.push({ kind, url: value, line: start?.line ?? 1, column: start?.column ?? 1 });
      }
    });
    mlpostData(file).references = references;
  };
}

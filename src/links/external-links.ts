/**
 * Hexo's `external_link` filter (on by default in Hexo 3.9): links to other sites open in a
 * new tab with `rel="noopener"`. Links to the site's own host are left alone.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

export interface ExternalLinkOptions {
  /** The site's base URL; links to its host are internal. */
  siteUrl?: string;
}

/** The rehype plugin. */
export function rehypeExternalLinks(options: ExternalLinkOptions = {}) {
  const ownHost = hostOf(options.siteUrl);
  return (tree: Root): void => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a') return;
      const href = node.properties.href;
      if (typeof href !== 'string' || !/^https?:\/\//i.test(href)) return;
      if (ownHost && hostOf(href) === ownHost) return;
      node.properties.target = '_blank';
      node.properties.rel = ['noopener'];
    });
  };
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/**
 * The site's Atom and RSS 2.0 feeds (hexo-generator-feed's `feed:` settings: `type`, `path`,
 * `limit`, `content`), made with the `feed` package. Each entry has the post's excerpt or
 * description, or with `content: true` the whole post; its links are absolute, its formulas
 * MathML alone (`feed-html.ts`: a feed reader has no KaTeX stylesheet). Dates are
 * the posts' own, never the build's, so an unchanged site gives the same bytes.
 */
import type { SiteConfig } from './config-schema.js';
import { feedHtml } from './feed-html.js';
import { absoluteUrl, escapeSitePath } from './links.js';
import { rebaseHtml } from './rebase-html.js';
import { folderOf } from './theme/pages.js';
import { outputFileOf } from './hexo/permalink.js';

/** A post as a feed entry needs it. */
export interface FeedPost {
  path: string;
  title: string;
  date: number;
  updated: number | undefined;
  /** One line of text (the `description`, else the start of the post). */
  summary: string;
  excerptHtml: string | undefined;
  /** The whole body (with `content: true`). */
  html: string | undefined;
  tags: string[];
  categories: string[];
}

/** One feed file to write. */
export interface FeedFile {
  type: 'atom' | 'rss2';
  path: string;
}

const MIME = { atom: 'application/atom+xml', rss2: 'application/rss+xml' } as const;

/** The feeds of a site (none without `url`: a feed needs absolute links). */
export function feedFiles(config: SiteConfig): FeedFile[] {
  if (!config.url) return [];
  return config.feed.type.map((type, index) => ({ type, path: config.feed.path?.[index] ?? (type === 'atom' ? 'atom.xml' : 'rss2.xml') }));
}

/** The feeds as `<link rel="alternate">` needs them. */
export function feedLinks(config: SiteConfig): Array<{ name: string; type: string; path: string }> {
  return feedFiles(config).map((feed) => ({ name: feed.type === 'atom' ? 'Atom' : 'RSS', type: MIME[feed.type], path: feed.path }));
}

/** The text of one feed. */
export async function renderFeed(config: SiteConfig & { url: string }, file: FeedFile, posts: readonly FeedPost[], generator: string): Promise<string> {
  const { Feed } = await import('feed');
  // Formulas as MathML alone, links absolute (`feed-html.ts`, `rebase-html.ts`).
  const absolute = (html: string, path: string) => rebaseHtml(feedHtml(html), { base: folderOf(outputFileOf(path)), root: config.root, ownPage: false, link: (target) => absoluteUrl(config.url, target) });
  const home = absoluteUrl(config.url, '');
  const newest = posts.reduce((latest, post) => Math.max(latest, post.updated ?? post.date), 0);
  const links = Object.fromEntries(feedFiles(config).map((feed) => [feed.type === 'atom' ? 'atom' : 'rss', absoluteUrl(config.url, feed.path)]));
  const feed = new Feed({
    id: home,
    link: home,
    title: config.title,
    description: config.subtitle || config.description || undefined,
    language: config.language,
    updated: new Date(newest),
    generator,
    feedLinks: links,
    author: config.author ? { name: config.author } : undefined,
  });
  for (const post of posts) {
    const link = absoluteUrl(config.url, escapeSitePath(post.path));
    const description = post.excerptHtml !== undefined ? absolute(post.excerptHtml, post.path) : post.summary;
    feed.addItem({
      id: link,
      link,
      title: post.title,
      date: new Date(post.updated ?? post.date),
      published: new Date(post.date),
      description,
      content: post.html !== undefined ? absolute(post.html, post.path) : undefined,
      category: [...post.categories, ...post.tags].map((name) => ({ name })),
      author: config.author ? [{ name: config.author }] : undefined,
    });
  }
  return file.type === 'atom' ? feed.atom1() : feed.rss2();
}

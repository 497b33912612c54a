/**
 * What each template is given (`docs/theme.md`), and the pages made from them: a post's
 * page, the list pages, the 404 page. Every value is plain data; links are made by
 * `url_for(target)` for the page being written, in the build's link style. Every `path`
 * a template gets is a link target (`links.ts`): a post's has `%`, `#`, `?` escaped (tag,
 * category and list paths are Hexo slugs, which never hold them).
 */
import { posix } from 'node:path';
import type { SiteConfig } from '../config-schema.js';
import type { PostData } from '../../pipeline/render-post.js';
import type { TocEntry } from '../../types.js';
import { translate, type StringKey } from '../../i18n/strings.js';
import { formatDate, isoDate } from '../date-format.js';
import type { CategoryPath } from '../hexo/categories.js';
import { outputFileOf } from '../hexo/permalink.js';
import { absoluteUrl, escapeSitePath, relativeLink, rootLink, type LinkStyle } from '../links.js';
import { rebaseHtml } from '../rebase-html.js';
import { listFolders } from '../list-paths.js';
import { categoryNodes, tagPath } from '../taxonomy.js';
import type { Theme } from './theme.js';

/** What every page of one build shares. */
export interface PageFrame {
  config: SiteConfig;
  generator: string;
  theme: Theme;
  style: LinkStyle;
  /** The feeds, for `<link rel="alternate">`. */
  feeds: ReadonlyArray<{ name: string; type: string; path: string }>;
  /** A post in one line of text (`summary.ts`: loaded only by builds that make a post page). */
  summarize: (html: string) => string;
  /** A post's first paragraph, for lists when it has no `<!-- more -->` (`summary.ts`). */
  lead: (html: string) => string | undefined;
}

/** A date as templates see it. */
export interface TemplateDate {
  iso: string;
  /** Formatted with `date_format`. */
  text: string;
}

/** A post as the list templates see it. */
export interface ListedPost {
  title: string;
  path: string;
  date: TemplateDate | undefined;
  tags: Array<{ name: string; path: string }>;
  categories: Array<{ name: string; path: string }>;
  /** The excerpt (HTML, links rebased for this page), when the post has `<!-- more -->`. */
  excerpt?: string;
  /** Else, on the pages that show excerpts: its `description`, or its first paragraph (HTML). */
  lead?: string;
  draft: boolean;
}

/** What a list page needs of a post (kept in the build manifest). */
export interface PostSummary {
  path: string;
  title: string | undefined;
  date: number | undefined;
  tags: string[];
  categories: CategoryPath[];
  excerptHtml: string | undefined;
  /** Without an excerpt: the description or the first paragraph, as HTML (see {@link postPage}). */
  leadHtml: string | undefined;
  draft: boolean;
  lang: string | undefined;
}

/** A nested table-of-contents entry. */
export interface TocNode {
  id: string;
  text: string;
  children: TocNode[];
}

/** The TOC entries (flat, with depths) as a tree. */
export function tocTree(entries: readonly TocEntry[]): TocNode[] {
  const root: TocNode[] = [];
  const stack: Array<{ depth: number; children: TocNode[] }> = [{ depth: 0, children: root }];
  for (const entry of entries) {
    while (stack.length > 1 && stack.at(-1)!.depth >= entry.depth) stack.pop();
    const node: TocNode = { id: entry.id, text: entry.text, children: [] };
    stack.at(-1)!.children.push(node);
    stack.push({ depth: entry.depth, children: node.children });
  }
  return root;
}

/** The language of a page: the post's `lang`, else the site's, else Chinese for a Chinese title, else English. */
export function pageLanguage(config: SiteConfig, own: string | undefined, title: string | undefined): string {
  return own ?? config.language ?? (title && /\p{Script=Han}/u.test(title) ? 'zh' : 'en');
}

/** A date for templates. */
export function templateDate(frame: Pick<PageFrame, 'config'>, time: number | undefined, language: string): TemplateDate | undefined {
  if (time === undefined) return undefined;
  return { iso: isoDate(time, frame.config.timezone), text: formatDate(time, frame.config.date_format, frame.config.timezone, language) };
}

/** The folder (site path) a page's relative URLs are relative to. */
export function folderOf(file: string): string {
  const folder = posix.dirname(file);
  return folder === '.' ? '' : `${folder}/`;
}

/** The list pages of the navigation bar (a list whose folder is the root has no page of its own). */
function navigation(config: SiteConfig, __: (key: string) => string): Array<{ path: string; label: string }> {
  const folders = listFolders(config);
  return [
    { path: folders.archives, label: __('archives') },
    { path: folders.tags, label: __('tags') },
    { path: folders.categories, label: __('categories') },
  ].filter((item) => item.path !== '');
}

/** Values every template gets. */
function common(frame: PageFrame, file: string, language: string, head: { title: string; description?: string; canonicalPath?: string }, fromRoot = false) {
  const { config, style } = frame;
  const url_for = (path: string) => (fromRoot ? rootLink(path, style) : relativeLink(file, path, style));
  const __ = (key: string, ...values: Array<string | number>) => translate(language, key as StringKey, ...values);
  return {
    site: true,
    lang: language,
    generator: frame.generator,
    config: { title: config.title, subtitle: config.subtitle, description: config.description, author: config.author, language: config.language, url: config.url, root: config.root },
    head: {
      title: head.title,
      description: head.description || undefined,
      canonical: config.url && head.canonicalPath !== undefined ? absoluteUrl(config.url, head.canonicalPath) : undefined,
      locale: language.replace(/-/g, '_'),
    },
    nav: navigation(config, __),
    feeds: frame.feeds,
    url_for,
    __,
  };
}

/** A post or page as written on disk, with its planned place. */
export interface PagePost {
  kind: 'post' | 'page';
  path: string;
  file: string;
  draft: boolean;
  newer: { path: string; title: string | undefined } | undefined;
  older: { path: string; title: string | undefined } | undefined;
  info: { title: string | undefined; date: number | undefined; updated: number | undefined; tags: string[]; categories: CategoryPath[]; lang: string | undefined; description: string | undefined; toc: boolean | undefined };
}

/** What a post's page gives the rest of the site. */
export interface MadePostPage {
  html: string;
  /** One line of text (feeds, meta description). */
  summary: string;
  /** For list pages when the post has no excerpt: its description, else its first paragraph, else its summary (HTML). */
  lead: string | undefined;
}

/** Text as a paragraph of HTML. */
function paragraph(text: string): string {
  return `<p>${text.replace(/&/g, '&#x26;').replace(/</g, '&#x3C;')}</p>`;
}

/** A post's page, its one-line summary (for list pages and feeds) and its lead. */
export function postPage(frame: PageFrame, post: PagePost, html: string, data: Pick<PostData, 'excerptHtml' | 'toc'>): MadePostPage {
  const { config, style } = frame;
  const language = pageLanguage(config, post.info.lang, post.info.title);
  const title = post.info.title ?? translate(language, 'untitled');
  const content = rebaseHtml(html, { base: folderOf(post.file), root: config.root, ownPage: true, link: (path) => relativeLink(post.file, path, style) });
  const summary = post.info.description ?? frame.summarize(data.excerptHtml ?? html);
  const untitled = (neighbour: PagePost['newer']) => neighbour && { path: escapeSitePath(neighbour.path), title: neighbour.title ?? translate(language, 'untitled') };
  const context = {
    ...common(frame, post.file, language, { title: `${title} | ${config.title}`, description: summary, canonicalPath: escapeSitePath(post.path) }),
    page: {
      kind: post.kind,
      title,
      path: escapeSitePath(post.path),
      date: templateDate(frame, post.info.date, language),
      updated: templateDate(frame, post.info.updated, language),
      tags: post.info.tags.map((name) => ({ name, path: tagPath(name, config) })),
      categories: categoryNodes(post.info.categories, config).map(({ name, path }) => ({ name, path })),
      content,
      toc: post.info.toc ?? config.toc ? tocTree(data.toc) : [],
      draft: post.draft,
      description: summary,
      prev: untitled(post.newer),
      next: untitled(post.older),
    },
  };
  // Hexo's index shows a post without `<!-- more -->` whole; lists here show its start.
  const lead = data.excerptHtml !== undefined ? undefined : post.info.description !== undefined ? paragraph(post.info.description) : (frame.lead(html) ?? (summary ? paragraph(summary) : undefined));
  return { html: frame.theme.render(post.kind === 'page' ? 'page.njk' : 'post.njk', context), summary, lead };
}

/** A list page: which template, where, and what it shows. */
export interface ListPage {
  template: 'index.njk' | 'archive.njk' | 'tag.njk' | 'category.njk' | 'tags.njk' | 'categories.njk' | '404.njk';
  file: string;
  /** Its site path (`tags/ml/`), for `canonical`. */
  path: string;
  /** The heading (`#ml`, `Archives` …); the home page has none. */
  heading: string | undefined;
  /** Everything else the template gets in `page`. */
  page: Record<string, unknown>;
}

/** A post in a list shown on the page at `file` (its excerpt's links rebased for that page). */
export function listedPost(frame: PageFrame, file: string, post: PostSummary, withExcerpt: boolean): ListedPost {
  const language = frame.config.language ?? 'en';
  const listed: ListedPost = {
    title: post.title ?? translate(language, 'untitled'),
    path: escapeSitePath(post.path),
    date: templateDate(frame, post.date, language),
    tags: post.tags.map((name) => ({ name, path: tagPath(name, frame.config) })),
    categories: categoryNodes(post.categories, frame.config).map(({ name, path }) => ({ name, path })),
    draft: post.draft,
  };
  const rebased = (html: string) => rebaseHtml(html, { base: folderOf(outputFileOf(post.path)), root: frame.config.root, ownPage: false, link: (path) => relativeLink(file, path, frame.style) });
  if (withExcerpt && post.excerptHtml !== undefined) listed.excerpt = rebased(post.excerptHtml);
  else if (withExcerpt && post.leadHtml !== undefined) listed.lead = rebased(post.leadHtml);
  return listed;
}

/** Render a list page (or the 404 page, whose links start at the root: it is served at any address). */
export function listPage(frame: PageFrame, list: ListPage): string {
  const language = frame.config.language ?? 'en';
  const title = list.heading ? `${list.heading} | ${frame.config.title}` : frame.config.title;
  const notFound = list.template === '404.njk';
  const description = list.template === 'index.njk' && !list.heading ? frame.config.description : undefined;
  const context = {
    ...common(frame, list.file, language, { title, description, canonicalPath: notFound ? undefined : list.path }, notFound),
    page: { kind: list.template.replace('.njk', ''), title: list.heading, heading: list.heading, path: list.path, ...list.page },
  };
  return frame.theme.render(list.template, context);
}

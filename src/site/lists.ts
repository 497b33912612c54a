/**
 * The list pages of a blog, at Hexo's paths (`list-paths.ts`): the home page, archives (all,
 * by year, by month), every tag and every category (nested as Hexo nests them), each
 * paginated by its generator's `per_page` (`0`: one page) at `…/page/2/`; the pages listing
 * all tags and all categories; and `404.html`.
 */
import { hashKey } from '../cache/disk-cache.js';
import { translate } from '../i18n/strings.js';
import { wallClock } from './hexo/permalink.js';
import { listFolders, postsPerPage } from './list-paths.js';
import { categoryNodes, categoryPath, tagPath } from './taxonomy.js';
import { listedPost, listPage, type ListPage, type PageFrame, type PostSummary } from './theme/pages.js';

/** One list page to write. */
export interface ListSpec {
  template: ListPage['template'];
  file: string;
  path: string;
  heading: string | undefined;
  /** The posts it shows, and whether with their excerpts. */
  posts: PostSummary[];
  excerpts: boolean;
  pagination: { current: number; total: number; prev?: string; next?: string } | undefined;
  /** For archives: how the posts are grouped (`year`, `month`, or one group). */
  groupBy?: 'year' | 'month' | 'none';
  /** For `tags.njk` / `categories.njk`. */
  terms?: unknown;
}

/** Split `posts` into pages of `perPage` (0: one page) under the folder `base`, page 2 … at `base` + `pagination` + `2/`. */
function paginate(base: string, pagination: string, posts: PostSummary[], perPage: number, make: (page: Pick<ListSpec, 'file' | 'path' | 'posts' | 'pagination'>) => ListSpec): ListSpec[] {
  const total = perPage > 0 ? Math.max(1, Math.ceil(posts.length / perPage)) : 1;
  const pathOf = (index: number) => (index > 1 ? `${base}${pagination}${index}/` : base);
  const pages: ListSpec[] = [];
  for (let index = 1; index <= total; index++) {
    const links: NonNullable<ListSpec['pagination']> = { current: index, total };
    if (index > 1) links.prev = pathOf(index - 1);
    if (index < total) links.next = pathOf(index + 1);
    const slice = perPage > 0 ? posts.slice(perPage * (index - 1), perPage * index) : posts;
    pages.push(make({ file: `${pathOf(index)}index.html`, path: pathOf(index), posts: slice, pagination: links }));
  }
  return pages;
}

function dateLabel(time: number, frame: PageFrame, language: string, parts: Intl.DateTimeFormatOptions): string {
  const options = { timeZone: frame.config.timezone, ...parts };
  try {
    return new Intl.DateTimeFormat(language, options).format(new Date(time));
  } catch {
    return new Intl.DateTimeFormat('en', options).format(new Date(time));
  }
}

function monthLabel(time: number, frame: PageFrame, language: string): string {
  return dateLabel(time, frame, language, { year: 'numeric', month: 'long' });
}

/** Year, `year/month` and `year/month/day` of a post's date, as archive folders name them. */
function archiveKeys(time: number, timezone: string): { year: string; month: string; day: string } {
  const clock = wallClock(time, timezone);
  const year = String(clock.year).padStart(4, '0');
  const month = `${year}/${String(clock.month).padStart(2, '0')}`;
  return { year, month, day: `${month}/${String(clock.day).padStart(2, '0')}` };
}

/**
 * Every list page of the site, from its posts newest first (undated last), where Hexo's
 * generators put them (`list-paths.ts`). The archive lists every post, as Hexo's does (an
 * undated post last, under "Undated": Hexo dates it by the file's creation time, which a
 * fresh clone changes), so it has Hexo's number of pages; the archives by year, month (and
 * day, with `archive_generator.daily`) list the dated posts.
 */
export function listSpecs(frame: PageFrame, posts: PostSummary[]): ListSpec[] {
  const { config } = frame;
  const language = config.language ?? 'en';
  const folders = listFolders(config);
  const specs: ListSpec[] = [];
  specs.push(...paginate('', folders.homePagination, posts, postsPerPage(config, 'index'), (page) => ({ template: 'index.njk', heading: undefined, excerpts: true, ...page })));

  const archivesPerPage = postsPerPage(config, 'archive');
  const archive = (base: string, heading: string, list: PostSummary[], groupBy: ListSpec['groupBy']) =>
    specs.push(...paginate(base, folders.pagination, list, archivesPerPage, (page) => ({ template: 'archive.njk', heading, excerpts: false, groupBy, ...page })));
  archive(folders.archives, translate(language, 'archives'), posts, 'year');
  const { yearly, monthly, daily } = config.archive_generator;
  const groups = { year: new Map<string, PostSummary[]>(), month: new Map<string, PostSummary[]>(), day: new Map<string, PostSummary[]>() };
  for (const post of posts) {
    if (post.date === undefined) continue;
    const keys = archiveKeys(post.date, config.timezone);
    for (const level of ['year', 'month', 'day'] as const) {
      if (!groups[level].has(keys[level])) groups[level].set(keys[level], []);
      groups[level].get(keys[level])!.push(post);
    }
  }
  if (yearly ?? true) {
    for (const [year, list] of groups.year) archive(`${folders.archives}${year}/`, year, list, 'month');
    if (monthly ?? true) for (const [month, list] of groups.month) archive(`${folders.archives}${month}/`, monthLabel(list[0]!.date!, frame, language), list, 'none');
    if (daily ?? false) for (const [day, list] of groups.day) archive(`${folders.archives}${day}/`, dateLabel(list[0]!.date!, frame, language, { year: 'numeric', month: 'long', day: 'numeric' }), list, 'none');
  }

  // Tags.
  const tags = new Map<string, { name: string; posts: PostSummary[] }>();
  for (const post of posts) {
    for (const name of post.tags) {
      const path = tagPath(name, config);
      if (!tags.has(path)) tags.set(path, { name, posts: [] });
      tags.get(path)!.posts.push(post);
    }
  }
  const byName = <T extends { name: string }>(a: T, b: T) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : a.name < b.name ? -1 : 1);
  const tagList = [...tags].map(([path, tag]) => ({ name: tag.name, path, count: tag.posts.length })).sort(byName);
  // The page of all tags (all categories) is mlpost's own: none when the folder is the root.
  if (folders.tags !== '') specs.push({ template: 'tags.njk', file: `${folders.tags}index.html`, path: folders.tags, heading: translate(language, 'tags'), posts: [], excerpts: false, pagination: undefined, terms: tagList });
  const tagsPerPage = postsPerPage(config, 'tag');
  for (const [path, tag] of [...tags].sort(([a], [b]) => (a < b ? -1 : 1))) {
    specs.push(...paginate(path, folders.pagination, tag.posts, tagsPerPage, (page) => ({ template: 'tag.njk', heading: `#${tag.name}`, excerpts: true, ...page })));
  }

  // Categories: a node per level of every path.
  interface Node {
    name: string;
    path: string;
    posts: PostSummary[];
    children: Map<string, Node>;
  }
  const roots = new Map<string, Node>();
  const nodes = new Map<string, Node>();
  for (const post of posts) {
    for (const category of categoryNodes(post.categories, config)) {
      let node = nodes.get(category.path);
      if (!node) {
        node = { name: category.name, path: category.path, posts: [], children: new Map() };
        nodes.set(category.path, node);
        const parent = category.names.length > 1 ? nodes.get(categoryPath(category.names.slice(0, -1), config)) : undefined;
        (parent ? parent.children : roots).set(category.path, node);
      }
      node.posts.push(post);
    }
  }
  const tree = (level: Map<string, Node>): unknown[] => [...level.values()].sort(byName).map((node) => ({ name: node.name, path: node.path, count: node.posts.length, children: tree(node.children) }));
  if (folders.categories !== '') specs.push({ template: 'categories.njk', file: `${folders.categories}index.html`, path: folders.categories, heading: translate(language, 'categories'), posts: [], excerpts: false, pagination: undefined, terms: tree(roots) });
  const categoriesPerPage = postsPerPage(config, 'category');
  for (const [path, node] of [...nodes].sort(([a], [b]) => (a < b ? -1 : 1))) {
    specs.push(...paginate(path, folders.pagination, node.posts, categoriesPerPage, (page) => ({ template: 'category.njk', heading: node.name, excerpts: true, ...page })));
  }

  specs.push({ template: '404.njk', file: '404.html', path: '404.html', heading: translate(language, 'not_found'), posts: [], excerpts: false, pagination: undefined });
  return specs;
}

/** The key of a list page's inputs (`pageKey`: everything site-wide a page depends on). */
export function listKey(pageKey: string, spec: ListSpec, summaryKeys: ReadonlyMap<PostSummary, string>): string {
  const { posts, ...rest } = spec;
  return hashKey('mlpost-list', pageKey, JSON.stringify(rest), posts.map((post) => summaryKeys.get(post) ?? JSON.stringify(post)).join('\n'));
}

/** The HTML of a list page. */
export function renderList(frame: PageFrame, spec: ListSpec): string {
  const listed = spec.posts.map((post) => listedPost(frame, spec.file, post, spec.excerpts));
  const page: Record<string, unknown> = { posts: listed, pagination: spec.pagination };
  const language = frame.config.language ?? 'en';
  if (spec.template === 'archive.njk') {
    const archives = listFolders(frame.config).archives;
    const groups: Array<{ label: string; path?: string; posts: typeof listed }> = [];
    spec.posts.forEach((post, index) => {
      let label: string;
      let path: string | undefined;
      if (post.date === undefined) label = translate(language, 'undated');
      else {
        const keys = archiveKeys(post.date, frame.config.timezone);
        label = spec.groupBy === 'year' ? keys.year : spec.groupBy === 'month' ? monthLabel(post.date, frame, language) : (spec.heading ?? '');
        path = spec.groupBy === 'year' ? `${archives}${keys.year}/` : spec.groupBy === 'month' ? `${archives}${keys.month}/` : undefined;
      }
      if (groups.at(-1)?.label !== label) groups.push({ label, ...(path ? { path } : {}), posts: [] });
      groups.at(-1)!.posts.push(listed[index]!);
    });
    page.groups = groups;
  }
  if (spec.template === 'tags.njk') page.tags = spec.terms;
  if (spec.template === 'categories.njk') page.tree = spec.terms;
  return listPage(frame, { template: spec.template, file: spec.file, path: spec.path, heading: spec.heading, page });
}

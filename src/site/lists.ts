/**
 * The list pages of a blog, at Hexo's paths: the home page, archives (all, by year, by
 * month), every tag and every category (nested as Hexo nests them), each paginated by
 * `per_page` (`0`: one page) at `…/page/2/`; the pages listing all tags and all
 * categories; and `404.html`.
 */
import { hashKey } from '../cache/disk-cache.js';
import { translate } from '../i18n/strings.js';
import { wallClock } from './hexo/permalink.js';
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

/** Split `posts` into pages of `perPage` (0: one page) under the folder `base`. */
function paginate(base: string, posts: PostSummary[], perPage: number, make: (page: Pick<ListSpec, 'file' | 'path' | 'posts' | 'pagination'>) => ListSpec): ListSpec[] {
  const total = perPage > 0 ? Math.max(1, Math.ceil(posts.length / perPage)) : 1;
  const pathOf = (index: number) => (index > 1 ? `${base}page/${index}/` : base);
  const pages: ListSpec[] = [];
  for (let index = 1; index <= total; index++) {
    const pagination: NonNullable<ListSpec['pagination']> = { current: index, total };
    if (index > 1) pagination.prev = pathOf(index - 1);
    if (index < total) pagination.next = pathOf(index + 1);
    const slice = perPage > 0 ? posts.slice(perPage * (index - 1), perPage * index) : posts;
    pages.push(make({ file: `${pathOf(index)}index.html`, path: pathOf(index), posts: slice, pagination }));
  }
  return pages;
}

function monthLabel(time: number, frame: PageFrame, language: string): string {
  try {
    return new Intl.DateTimeFormat(language, { timeZone: frame.config.timezone, year: 'numeric', month: 'long' }).format(new Date(time));
  } catch {
    return new Intl.DateTimeFormat('en', { timeZone: frame.config.timezone, year: 'numeric', month: 'long' }).format(new Date(time));
  }
}

/** Every list page of the site, from its posts newest first. */
export function listSpecs(frame: PageFrame, posts: PostSummary[]): ListSpec[] {
  const { config } = frame;
  const language = config.language ?? 'en';
  const perPage = config.per_page;
  const specs: ListSpec[] = [];
  specs.push(...paginate('', posts, perPage, (page) => ({ template: 'index.njk', heading: undefined, excerpts: true, ...page })));

  // Archives: every dated post, then by year and by month.
  const dated = posts.filter((post) => post.date !== undefined);
  const archive = (base: string, heading: string, list: PostSummary[], groupBy: ListSpec['groupBy']) =>
    specs.push(...paginate(base, list, perPage, (page) => ({ template: 'archive.njk', heading, excerpts: false, groupBy, ...page })));
  archive('archives/', translate(language, 'archives'), dated, 'year');
  const years = new Map<string, PostSummary[]>();
  const months = new Map<string, PostSummary[]>();
  for (const post of dated) {
    const clock = wallClock(post.date!, config.timezone);
    const year = String(clock.year).padStart(4, '0');
    const month = `${year}/${String(clock.month).padStart(2, '0')}`;
    if (!years.has(year)) years.set(year, []);
    if (!months.has(month)) months.set(month, []);
    years.get(year)!.push(post);
    months.get(month)!.push(post);
  }
  for (const [year, list] of years) archive(`archives/${year}/`, year, list, 'month');
  for (const [month, list] of months) archive(`archives/${month}/`, monthLabel(list[0]!.date!, frame, language), list, 'none');

  // Tags.
  const tags = new Map<string, { name: string; posts: PostSummary[] }>();
  for (const post of posts) {
    for (const name of post.tags) {
      const path = tagPath(name);
      if (!tags.has(path)) tags.set(path, { name, posts: [] });
      tags.get(path)!.posts.push(post);
    }
  }
  const byName = <T extends { name: string }>(a: T, b: T) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : a.name < b.name ? -1 : 1);
  const tagList = [...tags].map(([path, tag]) => ({ name: tag.name, path, count: tag.posts.length })).sort(byName);
  specs.push({ template: 'tags.njk', file: 'tags/index.html', path: 'tags/', heading: translate(language, 'tags'), posts: [], excerpts: false, pagination: undefined, terms: tagList });
  for (const [path, tag] of [...tags].sort(([a], [b]) => (a < b ? -1 : 1))) {
    specs.push(...paginate(path, tag.posts, perPage, (page) => ({ template: 'tag.njk', heading: `#${tag.name}`, excerpts: true, ...page })));
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
    for (const category of categoryNodes(post.categories)) {
      let node = nodes.get(category.path);
      if (!node) {
        node = { name: category.name, path: category.path, posts: [], children: new Map() };
        nodes.set(category.path, node);
        const parent = category.names.length > 1 ? nodes.get(categoryPath(category.names.slice(0, -1))) : undefined;
        (parent ? parent.children : roots).set(category.path, node);
      }
      node.posts.push(post);
    }
  }
  const tree = (level: Map<string, Node>): unknown[] => [...level.values()].sort(byName).map((node) => ({ name: node.name, path: node.path, count: node.posts.length, children: tree(node.children) }));
  specs.push({ template: 'categories.njk', file: 'categories/index.html', path: 'categories/', heading: translate(language, 'categories'), posts: [], excerpts: false, pagination: undefined, terms: tree(roots) });
  for (const [path, node] of [...nodes].sort(([a], [b]) => (a < b ? -1 : 1))) {
    specs.push(...paginate(path, node.posts, perPage, (page) => ({ template: 'category.njk', heading: node.name, excerpts: true, ...page })));
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
    const groups: Array<{ label: string; path?: string; posts: typeof listed }> = [];
    spec.posts.forEach((post, index) => {
      const clock = wallClock(post.date!, frame.config.timezone);
      const year = String(clock.year).padStart(4, '0');
      const month = `${year}/${String(clock.month).padStart(2, '0')}`;
      const label = spec.groupBy === 'year' ? year : spec.groupBy === 'month' ? monthLabel(post.date!, frame, language) : (spec.heading ?? '');
      const path = spec.groupBy === 'year' ? `archives/${year}/` : spec.groupBy === 'month' ? `archives/${month}/` : undefined;
      if (groups.at(-1)?.label !== label) groups.push({ label, ...(path ? { path } : {}), posts: [] });
      groups.at(-1)!.posts.push(listed[index]!);
    });
    page.groups = groups;
  }
  if (spec.template === 'tags.njk') page.tags = spec.terms;
  if (spec.template === 'categories.njk') page.tree = spec.terms;
  return listPage(frame, { template: spec.template, file: spec.file, path: spec.path, heading: spec.heading, page });
}

/**
 * The words mlpost itself puts on a page ("Read more", "Cell source" …), in English and
 * Simplified Chinese. A language is matched exactly (`zh-CN`), then by its first part
 * (`zh-TW` → `zh-CN`'s words, `en-GB` → `en`), else English.
 */

const en = {
  untitled: 'Untitled',
  read_more: 'Read more →',
  cell_source: 'Cell source',
  home: 'Home',
  archives: 'Archives',
  tags: 'Tags',
  categories: 'Categories',
  contents: 'Contents',
  draft: 'Draft',
  newer_post: 'Newer',
  older_post: 'Older',
  newer_posts: '← Newer posts',
  older_posts: 'Older posts →',
  page_of: 'Page %1 of %2',
  posts_count: '%1 posts',
  not_found: 'Page not found',
  not_found_text: 'There is no page at this address.',
  back_home: 'Go to the home page',
  feed: 'Feed',
  tagged: 'Posts tagged %1',
  in_category: 'Posts in %1',
  undated: 'Undated',
};

/** The keys of the interface strings. */
export type StringKey = keyof typeof en;

const zhCN: Record<StringKey, string> = {
  untitled: '无标题',
  read_more: '阅读全文 →',
  cell_source: '单元源码',
  home: '首页',
  archives: '归档',
  tags: '标签',
  categories: '分类',
  contents: '目录',
  draft: '草稿',
  newer_post: '上一篇',
  older_post: '下一篇',
  newer_posts: '← 较新的文章',
  older_posts: '较早的文章 →',
  page_of: '第 %1 页，共 %2 页',
  posts_count: '%1 篇文章',
  not_found: '页面不存在',
  not_found_text: '这个地址没有页面。',
  back_home: '返回首页',
  feed: '订阅',
  tagged: '标签：%1',
  in_category: '分类：%1',
  undated: '无日期',
};

const LANGUAGES: Readonly<Record<string, Record<StringKey, string>>> = { en, 'zh-CN': zhCN };

/** The table of interface strings for `language` (a BCP 47 tag such as `zh-CN`; case-insensitive). */
export function stringsFor(language: string | undefined): Readonly<Record<StringKey, string>> {
  if (!language) return en;
  const wanted = language.toLowerCase().replace(/_/g, '-');
  const exact = Object.keys(LANGUAGES).find((tag) => tag.toLowerCase() === wanted);
  if (exact) return LANGUAGES[exact]!;
  const primary = wanted.split('-')[0];
  const close = Object.keys(LANGUAGES).find((tag) => tag.toLowerCase().split('-')[0] === primary);
  return close ? LANGUAGES[close]! : en;
}

/** One interface string with `%1`, `%2` … replaced by `values`. */
export function translate(language: string | undefined, key: StringKey, ...values: Array<string | number>): string {
  return stringsFor(language)[key].replace(/%(\d)/g, (whole, index: string) => String(values[Number(index) - 1] ?? whole));
}

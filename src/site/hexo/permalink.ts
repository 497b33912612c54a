/**
 * Hexo's permalinks (`lib/plugins/filter/post_permalink.ts` of Hexo 8): the config's
 * `permalink` rule with its tokens filled in for one post, or the post's own front-matter
 * `permalink`. The result is the post's path from the site root (`2019/09/12/rnn_intro/`),
 * and the file it is written to (`2019/09/12/rnn_intro/index.html`), as Hexo's router has it.
 *
 * One difference: Hexo formats the date tokens in the time zone of the computer that
 * builds; mlpost in the site's `timezone` (the same when the two agree), so a URL does not
 * depend on the machine.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { CategoryPath } from './categories.js';
import { slugize } from './slugize.js';
import { categorySlug, type TermSlugSettings } from './term-slug.js';

/** What a permalink is made of. */
export interface PermalinkPost {
  /** Hexo's slug: the file's path under the posts folder without `.md` (`sub/my post`). */
  slug: string;
  title: string | undefined;
  /** Milliseconds since the epoch. */
  date: number;
  categories: CategoryPath[];
  /** The front matter's own `permalink`. */
  permalink: string | undefined;
  /** Scalar front-matter fields (`id`, and any other a token may name). */
  fields: Readonly<Record<string, string>>;
}

/** The site settings a permalink depends on. */
export interface PermalinkSettings {
  rule: string;
  timezone: string;
  default_category: string;
  post_asset_folder: boolean;
  /** `category_map` and `filename_case`, which `:category` goes through (default: none). */
  terms?: TermSlugSettings;
}

/** A post's URL path from the site root (no leading `/`) and the file written for it. */
export interface Permalink {
  path: string;
  file: string;
  /** Why a token could not be filled as asked (shown as warnings). */
  problems: string[];
}

const TOKEN = /:(\w*[^_\W])/g;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Results by zone and time: a build asks for each post's date several times (URL, archives). */
const clocks = new Map<string, WallClock>();

/** A moment as read on a wall clock. */
export type WallClock = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;

/** Year, month, day, hour, minute, second of `time` on the wall clock of `timezone`. */
export function wallClock(time: number, timezone: string): WallClock {
  const key = `${timezone} ${time}`;
  const known = clocks.get(key);
  if (known) return known;
  if (clocks.size >= 50_000) clocks.clear();
  const clock = readWallClock(time, timezone);
  clocks.set(key, clock);
  return clock;
}

function readWallClock(time: number, timezone: string): WallClock {
  if (timezone === 'UTC') {
    const date = new Date(time);
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds() };
  }
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timezone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(time)).map((part) => [part.type, Number(part.value)]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');


/**
 * Hexo's router: no leading `/`, `\` as `/`, `index.html` after a final `/`. Hexo also cuts
 * the path at a `?` (`q?mark.md` is written to a file `q`); mlpost keeps `?` as part of the
 * name (the plan warns about it, `links.ts` escapes it in links).
 */
export function outputFileOf(path: string): string {
  const clean = path.replace(/^\/+/, '').replace(/\\/g, '/');
  return !clean || clean.endsWith('/') ? `${clean}index.html` : clean;
}

/** Whether an URL path stays inside the site (no `..` segment, `\` read as `/` as the router does, no NUL). */
function isInside(path: string): boolean {
  return !path.includes('\0') && !path.replace(/\\/g, '/').split('/').some((segment) => segment === '..' || segment === '.');
}

/** The permalink of `post`. */
export function permalinkOf(post: PermalinkPost, settings: PermalinkSettings): Permalink {
  const problems: string[] = [];
  const finish = (path: string): Permalink => {
    // Hexo adds the `/` so that the post's asset folder has somewhere to go.
    if (settings.post_asset_folder && !path.endsWith('/') && !path.endsWith('.html')) path += '/';
    path = path.replace(/^\/+/, '');
    return { path, file: outputFileOf(path), problems };
  };
  if (post.permalink !== undefined) {
    const own = post.permalink.replace(/^\/+/, '');
    if (own !== '' && isInside(own)) return finish(own);
    problems.push(`front-matter \`permalink: ${post.permalink}\` does not name a path inside the site; the site's rule is used`);
  }
  // Date tokens only when the rule has one: the time-zone arithmetic is the costly part.
  let clock: ReturnType<typeof wallClock> | undefined;
  const date = () => (clock ??= wallClock(post.date, settings.timezone));
  const last = post.categories.at(-1);
  const seconds = String(Math.floor(post.date / 1000));
  const meta: Record<string, () => string> = {
    title: () => post.slug,
    name: () => posix.basename(post.slug),
    post_title: () => slugize(post.title ?? '', 1),
    year: () => pad(date().year, 4),
    month: () => pad(date().month),
    day: () => pad(date().day),
    hour: () => pad(date().hour),
    minute: () => pad(date().minute),
    second: () => pad(date().second),
    i_month: () => String(date().month),
    i_day: () => String(date().day),
    timestamp: () => seconds,
    hash: () => createHash('sha1').update(post.slug + seconds).digest('hex').slice(0, 12),
    category: () => (last ? categorySlug(last, settings.terms) : settings.default_category),
  };
  const path = settings.rule.replace(TOKEN, (whole, name: string) => {
    if (Object.hasOwn(meta, name)) return meta[name]!();
    const field = post.fields[name];
    if (field !== undefined) return field;
    if (name === 'id') {
      // Hexo falls back to its database id, which changes with every fresh build.
      problems.push('the permalink uses `:id` but the post has no `id:` in its front matter; its slug is used');
      return post.slug;
    }
    problems.push(`the permalink token \`${whole}\` names nothing this post has; left empty`);
    return '';
  });
  if (!isInside(path)) {
    problems.push(`the permalink ${JSON.stringify(path)} leaves the site; the post's slug is used`);
    return finish(`${post.slug}/`);
  }
  return finish(path);
}

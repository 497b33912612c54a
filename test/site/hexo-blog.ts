/** The Hexo blog fixture (`fixtures/site/hexo-blog/`), copied where a test may change it, and Hexo's own reading of it. */
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers.js';

export const HEXO_BLOG = join(repoRoot, 'fixtures', 'site', 'hexo-blog');
/** The fixture's time zone: Hexo is run in it, as a blogger runs Hexo on their own computer. */
export const HEXO_BLOG_TIMEZONE = 'Asia/Shanghai';

/** A copy of the Hexo blog in a temporary folder, with `_config.yml` lines replaced by `config`. */
export function copyHexoBlog(config: Record<string, string> = {}): string {
  const site = mkdtempSync(join(tmpdir(), 'mlpost-hexo-blog-'));
  cpSync(HEXO_BLOG, site, { recursive: true });
  let text = readFileSync(join(site, '_config.yml'), 'utf8');
  for (const [key, value] of Object.entries(config)) {
    const line = new RegExp(`^${key}:.*$`, 'm');
    text = line.test(text) ? text.replace(line, `${key}: ${value}`) : `${text}${key}: ${value}\n`;
  }
  writeFileSync(join(site, '_config.yml'), text);
  return site;
}

/** What Hexo 8 makes of `site`: post paths by source, tag and category page paths. */
export interface HexoReading {
  posts: Array<{ source: string; path: string; published: boolean }>;
  tags: string[];
  categories: string[];
  /** Every HTML page Hexo's generators route (posts, pages, lists), output paths. */
  routes: string[];
}

/** Hexo's list generators, as `hexo init` installs them (test-only packages of mlpost, test/package.json). */
const HEXO_GENERATORS = { 'hexo-generator-index': '4.0.0', 'hexo-generator-archive': '2.0.0', 'hexo-generator-tag': '2.0.0', 'hexo-generator-category': '2.0.0' };

/** Run Hexo on `site` (a copy: it gets a package.json and node_modules). */
export function hexoReading(site: string, drafts = false): HexoReading {
  writeFileSync(join(site, 'package.json'), JSON.stringify({ name: 'hexo-blog', private: true, hexo: { version: '8.1.2' }, dependencies: { hexo: '8.1.2', 'hexo-renderer-marked': '7.0.1', ...HEXO_GENERATORS } }));
  try {
    symlinkSync(join(repoRoot, 'test/node_modules'), join(site, 'node_modules'));
  } catch {
    // already linked
  }
  const run = spawnSync(process.execPath, [join(repoRoot, 'test/site/hexo-paths.mjs'), site, ...(drafts ? ['--drafts'] : [])], {
    encoding: 'utf8',
    env: { ...process.env, TZ: HEXO_BLOG_TIMEZONE, NODE_NO_WARNINGS: '1' },
  });
  if (run.status !== 0) throw new Error(`hexo failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as HexoReading;
}

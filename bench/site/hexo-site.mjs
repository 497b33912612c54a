// The Hexo peer: a plain Hexo 8 site as `hexo init` users run it, minus the theme's CSS
// build (hexo-renderer-marked for Markdown; index, tag and category generators; a
// minimal Nunjucks theme listing posts), holding the same posts as the mlpost site.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SITE_SUITE_DEPENDENCIES = { hexo: '8.1.2', 'hexo-renderer-marked': '7.0.1', 'hexo-generator-index': '4.0.0', 'hexo-generator-tag': '2.0.0', 'hexo-generator-category': '2.0.0' };
/**
 * Hexo stops the whole build on the first Nunjucks error; these corpus posts have one
 * (`{#` in math and code, an unclosed tag): their copies get `disableNunjucks: true`.
 */
export const NUNJUCKS_FAILING = ['Markdown', 'nn_convolution', 'nn_crossent', 'outliers_and_leverage'];

const page = (body) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ page.title or config.title }}</title></head><body>${body}</body></html>\n`;
const list = page('{% for post in page.posts.toArray() %}<article><h2><a href="{{ url_for(post.path) }}">{{ post.title }}</a></h2>{{ post.excerpt | safe }}</article>{% endfor %}');
const THEME = {
  'layout/post.njk': page('<article><h1>{{ page.title }}</h1>{{ page.content | safe }}</article>'),
  'layout/page.njk': page('<article>{{ page.content | safe }}</article>'),
  'layout/index.njk': list,
  'layout/archive.njk': list,
  'layout/tag.njk': list,
  'layout/category.njk': list,
};

/**
 * Make a Hexo site at `dir` with the posts of `postsDir` in `source/_posts`. Options:
 * `disableNunjucks` (source names whose copies get `disableNunjucks: true`), `modules`
 * (the node_modules folder linked into the site), `dependencies` (the site's package.json
 * dependencies: Hexo loads the plugins listed there), `config` (more _config.yml lines) and
 * `transform(text)` (a change to every post's text).
 */
export function makeHexoSite(
  dir,
  postsDir,
  { disableNunjucks = [], modules = join(root, 'test/node_modules'), dependencies = SITE_SUITE_DEPENDENCIES, config = '', transform = (text) => text } = {},
) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'source/_posts'), { recursive: true });
  writeFileSync(join(dir, '_config.yml'), `title: bench\nurl: https://example.com\ntheme: plain\ntimezone: UTC\n${config}`);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'hexo-bench-site', private: true, hexo: { version: dependencies.hexo }, dependencies }));
  for (const [path, text] of Object.entries(THEME)) {
    mkdirSync(join(dir, 'themes/plain', path, '..'), { recursive: true });
    writeFileSync(join(dir, 'themes/plain', path), text);
  }
  symlinkSync(modules, join(dir, 'node_modules'));
  for (const name of readdirSync(postsDir)) {
    let text = transform(readFileSync(join(postsDir, name), 'utf8'));
    if (disableNunjucks.some((source) => name.startsWith(`${source}-`))) text = text.replace(/^---\n/, '---\ndisableNunjucks: true\n');
    writeFileSync(join(dir, 'source/_posts', name), text);
  }
  return dir;
}

/** The `hexo` command line as users run it (`hexo clean` first for a cold build). */
export function hexoCommand(dir, args) {
  return { command: process.execPath, args: [join(dir, 'node_modules/hexo-cli/bin/hexo'), ...args], cwd: dir };
}

/** Run hexo in `dir`; returns { status, stdout, stderr }. */
export function runHexo(dir, args) {
  const { command, args: full, cwd } = hexoCommand(dir, args);
  return spawnSync(command, full, { cwd, encoding: 'utf8', env: { ...process.env, NODE_NO_WARNINGS: '1' }, maxBuffer: 64 * 1024 * 1024 });
}

export { cpSync };

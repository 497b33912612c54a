/**
 * The CLI as a user runs it: a real process on the compiled `dist/` (npm test builds first).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { repoRoot } from '../helpers.js';

function mlpost(args: string[], cwd = repoRoot) {
  return spawnSync(process.execPath, [join(repoRoot, 'bin/mlpost.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
}

describe('mlpost render', () => {
  it('writes a complete page with its assets', () => {
    const out = mkdtempSync(join(tmpdir(), 'mlpost-render-'));
    const run = mlpost(['render', 'fixtures/posts/rnn_intro.md', '-o', out]);
    // The seed's graph has labels on ortho edges: Graphviz's own warning, at the fence.
    expect(run.stderr).toBe('fixtures/posts/rnn_intro.md:51:1: warning: Graphviz: Orthogonal edges do not currently handle edge labels. Try using xlabels. [graph-warning]\n');
    expect(run.status).toBe(0);
    const page = readFileSync(join(out, 'index.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>\n?<html lang="zh">/);
    expect(page).toContain('<title>循环神经网络RNN介绍</title>');
    expect(page).toContain('<h1 class="mlpost-title">循环神经网络RNN介绍</h1>');
    expect(page).toContain('<time datetime="2019-09-12T13:52:48Z">2019-09-12</time>');
    expect(page).toContain('<link rel="stylesheet" href="assets/katex/katex.min.css">');
    expect(existsSync(join(out, 'assets/katex/katex.min.css'))).toBe(true);
    expect(existsSync(join(out, 'assets/katex/fonts/KaTeX_Main-Regular.woff2'))).toBe(true);
    expect(existsSync(join(out, 'assets/mlpost.css'))).toBe(true);
  });

  it('prints diagnostics as file:line:col: severity: message [rule] and exits 1 on errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlpost-bad-'));
    writeFileSync(join(dir, 'bad.md'), '---\ntitle: x\ndate: yesterday\n---\n\n{% blockquote A %}\nno end\n');
    const run = mlpost(['render', 'bad.md', '-o', 'out'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'bad.md:3:7: error: `date` must be a date like 2019-09-12 13:52:48, got "yesterday" [front-matter-date]',
      'bad.md:6:1: error: `{% blockquote %}` is never closed: add `{% endblockquote %}` [hexo-tag-unclosed]',
    ]);
    // The page is still written: the rest of the post renders.
    expect(readFileSync(join(dir, 'out/index.html'), 'utf8')).toContain('<p>no end</p>');
  });

  it('refuses a binary file with a clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlpost-bin-'));
    writeFileSync(join(dir, 'x.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
    const run = mlpost(['render', 'x.md', '-o', 'out'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('x.md:1:1: error: looks like a binary file (it contains NUL bytes), not Markdown [read-binary]\n');
    expect(existsSync(join(dir, 'out/index.html'))).toBe(false);
  });
});

describe('mlpost build', () => {
  it('builds the example site: pages, index with excerpts, tag pages', () => {
    const out = mkdtempSync(join(tmpdir(), 'mlpost-site-'));
    const run = mlpost(['build', 'example-site', '-o', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/\nmlpost: \d+ posts, 1 warnings, 0 errors in \d+\.\d\d s\n$/);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    // No `url`: links end in index.html, so the site navigates from disk.
    expect(index).toContain('<a href="rnn_intro/index.html">循环神经网络RNN介绍</a>');
    expect(index).toContain('<a class="mlpost-read-more" href="rnn_intro/index.html#more">');
    // Excerpt links into the post's TOC point at the post's page.
    expect(index).toContain('href="rnn_intro/index.html#rnnbptt"');
    expect(existsSync(join(out, 'rnn_intro/index.html'))).toBe(true);
    expect(existsSync(join(out, 'tags/Guide/index.html'))).toBe(true);
    expect(existsSync(join(out, 'categories/ML/index.html'))).toBe(true);
  });

  it('refuses a folder that does not exist or has no posts: exit 1, nothing created, what it looked for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlpost-nothing-'));
    const missing = mlpost(['build', 'nosuch'], dir);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe("nosuch: error: no such folder: mlpost builds a folder holding posts/ (or Hexo's source/_posts/) [site-missing]\n");
    expect(readdirSync(dir)).toEqual([]);
    mkdirSync(join(dir, 'empty', 'posts'), { recursive: true });
    const empty = mlpost(['build', 'empty'], dir);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toBe('empty: error: no posts: mlpost looked for Markdown files in empty/posts/ and empty/source/_posts/ (drafts are left out: build them with --drafts) [site-no-posts]\n');
    expect(readdirSync(join(dir, 'empty'))).toEqual(['posts']);
  });

  it('reports a bad config at its line and builds nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlpost-bad-config-'));
    mkdirSync(join(dir, 'posts'));
    writeFileSync(join(dir, 'posts/a.md'), '# A\n');
    writeFileSync(join(dir, 'mlpost.yml'), 'title: T\nper_page: many\n');
    const run = mlpost(['build', '.'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^mlpost\.yml:2:1: error: per_page: .* \[config-value\]\n$/);
    expect(readdirSync(dir).sort()).toEqual(['mlpost.yml', 'posts']);
  });
});

describe('mlpost new', () => {
  it('creates a post as `hexo new` does: slugged file name, the site\'s scaffold, -1 when taken', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlpost-new-'));
    mkdirSync(join(dir, 'source', '_posts'), { recursive: true });
    mkdirSync(join(dir, 'scaffolds'));
    writeFileSync(join(dir, '_config.yml'), 'title: T\ntimezone: Asia/Shanghai\npost_asset_folder: true\n');
    writeFileSync(join(dir, 'scaffolds/post.md'), '---\ntitle: {{ title }}\ndate: {{ date }}\ncategories: [Notes]\n---\n\nWrite here.\n');
    const first = mlpost(['new', 'Viterbi: by hand', '--site', dir]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout.trim()).toBe(relative(repoRoot, join(dir, 'source/_posts/Viterbi-by-hand.md')));
    const text = readFileSync(join(dir, 'source/_posts/Viterbi-by-hand.md'), 'utf8');
    expect(text).toMatch(/^---\ntitle: "Viterbi: by hand"\ndate: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\ncategories: \[Notes\]\n---\n\nWrite here\.\n$/);
    expect(existsSync(join(dir, 'source/_posts/Viterbi-by-hand'))).toBe(true);
    const second = mlpost(['new', 'Viterbi: by hand', '--site', dir]);
    expect(second.stdout.trim()).toBe(relative(repoRoot, join(dir, 'source/_posts/Viterbi-by-hand-1.md')));
  });

  it('refuses a folder that is not a site, saying what it looked for, unless --site names it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlpost-new-nosite-'));
    const run = mlpost(['new', 'x'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`error: ${realpathSync(dir)} is not a site: mlpost looked there for mlpost.yml, _config.yml, posts/, source/_posts/ and found none; run \`mlpost new\` in a site's folder, or name the folder with --site to start a site there [new-no-site]\n`);
    expect(readdirSync(dir)).toEqual([]);
    // A config file makes it a site; so does naming the folder.
    writeFileSync(join(dir, 'mlpost.yml'), 'title: T\n');
    expect(mlpost(['new', 'x'], dir).status).toBe(0);
    expect(existsSync(join(dir, 'posts/x.md'))).toBe(true);
    const fresh = mkdtempSync(join(tmpdir(), 'mlpost-new-fresh-'));
    expect(mlpost(['new', 'First', '--site', fresh]).status).toBe(0);
    expect(existsSync(join(fresh, 'posts/First.md'))).toBe(true);
    // Hexo's `filename_case` names the file.
    writeFileSync(join(fresh, 'mlpost.yml'), 'filename_case: 1\n');
    expect(mlpost(['new', 'Hello World', '--site', fresh]).status).toBe(0);
    expect(existsSync(join(fresh, 'posts/hello-world.md'))).toBe(true);
  });

  it('makes drafts and pages, with Hexo\'s default scaffold when the site has none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlpost-new-'));
    mkdirSync(join(dir, 'posts'));
    expect(mlpost(['new', 'draft', 'An idea', '--site', dir]).status).toBe(0);
    expect(readFileSync(join(dir, 'drafts/An-idea.md'), 'utf8')).toMatch(/^---\ntitle: An idea\ndate: .*\ntags:\n---\n$/);
    expect(mlpost(['new', 'page', 'About', '--site', dir]).status).toBe(0);
    expect(existsSync(join(dir, 'source/About/index.md'))).toBe(true);
    const bad = mlpost(['new', 'poem', 'x', '--site', dir]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('error: unknown layout "poem": use post, draft, page\n');
  });
});

describe('the CLI users run', () => {
  it('is the bundle of dist/bundle/, with micromark’s speed fixes on in it (mlpost doctor)', () => {
    expect(readFileSync(join(repoRoot, 'bin/mlpost.js'), 'utf8')).toContain("new URL('../dist/bundle/main.js', import.meta.url)");
    const run = mlpost(['doctor']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(`mlpost ${JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version} (bundled CLI)`);
    expect(lines).toContain(`Node ${process.version}`);
    expect(lines.find((line) => line.startsWith('Graphviz:'))).toMatch(/^Graphviz: @viz-js\/viz 3\.3\.1 \/ Graphviz 9\.0\.0, loaded in \d+ ms$/);
    expect(lines.find((line) => line.startsWith('micromark speed fixes:'))).toMatch(/^micromark speed fixes: on \((\d+) of \1\)$/);
  });
});

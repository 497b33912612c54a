/**
 * Containment: whatever a post says, nothing is read outside the site (post folder, code
 * folder, asset folder) and nothing is written outside the output folder. Attempts are
 * errors at the author's place.
 */
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeEngines } from '../../src/engines/index.js';
import { renderPost } from '../../src/pipeline/render-post.js';
import { repoRoot } from '../helpers.js';
import { diagnostics } from './helpers.js';

afterAll(() => closeEngines());

/** A secret outside the site, and a site whose posts folder links to it. */
let root: string;
let posts: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mlpost-contain-'));
  writeFileSync(join(root, 'secret.txt'), 'SECRET-OUTSIDE-THE-SITE\n');
  posts = join(root, 'site', 'posts');
  mkdirSync(join(posts, 'leaky'), { recursive: true });
  writeFileSync(join(posts, 'inside.txt'), 'hello hello hello\n');
  symlinkSync(join(root, 'secret.txt'), join(posts, 'link-out.txt'));
  symlinkSync(root, join(posts, 'dir-out'));
  symlinkSync(join(root, 'secret.txt'), join(posts, 'leaky', 'img.png'));
});

async function render(markdown: string) {
  return renderPost(markdown, { path: join(posts, 'leaky.md'), cells: { noCache: true } });
}

const rnn = (file: string) => `\`\`\`rnn\ncell: rnn\nfile: ${file}\nhidden: 4\ntrain: {epochs: 1}\nshow: [loss]\n\`\`\`\n`;

describe('reading', () => {
  const cases: Array<[string, string, string]> = [
    ['{% include_code ../../secret.txt %}', '1:1', 'hexo-tag-path-outside'],
    ['{% include_code /etc/passwd %}', '1:1', 'hexo-tag-path-outside'],
    ['{% include_code link-out.txt %}', '1:1', 'hexo-tag-path-outside'],
    ['{% include_code dir-out/secret.txt %}', '1:1', 'hexo-tag-path-outside'],
    [rnn('../../secret.txt'), '3:7', 'cell-file'],
    [rnn('/etc/passwd'), '3:7', 'cell-file'],
    [rnn('link-out.txt'), '3:7', 'cell-file'],
    [rnn('dir-out/secret.txt'), '3:7', 'cell-file'],
  ];
  for (const [markdown, place, rule] of cases) {
    it(`${markdown.split('\n').find((line) => line.includes('file:') || line.includes('{%'))}: ${rule} at ${place}, nothing read`, async () => {
      const post = await render(markdown);
      expect(diagnostics(post)).toEqual([[place, 'error', rule]]);
      const shipped = post.assets.map((asset) => String(asset.contents)).join('');
      expect(post.html + shipped).not.toContain('SECRET-OUTSIDE-THE-SITE');
    });
  }

  it('a file inside the post folder is read', async () => {
    const post = await render('{% include_code inside.txt %}\n');
    expect(post.messages).toEqual([]);
    expect(post.html).toContain('hello hello hello');
  });

  it('asset_img through a symlink that points out of the asset folder', async () => {
    const post = await render('{% asset_img img.png %}\n');
    expect(post.messages.map((message) => message.ruleId)).toEqual(['hexo-tag-path-outside']);
    expect(post.assets).toEqual([]);
  });
});

describe('writing', () => {
  for (const fileName of ['../../x', '/tmp/x', '..', 'a/b', 'a\\b', 'con:x', '']) {
    it(`graph fileName=${JSON.stringify(fileName)} is refused, the graph still drawn`, async () => {
      const post = await render(`\`\`\`{.graph fileName="${fileName}"}\ndigraph { a -> b }\n\`\`\`\n`);
      expect(diagnostics(post)).toEqual([['1:1', 'error', 'graph-file-name']]);
      expect(post.assets).toEqual([]);
      expect(post.html).toContain('<svg');
    });
  }

  it('a site build writes only into its output and cache folders', { timeout: 120_000 }, () => {
    const site = join(root, 'site');
    writeFileSync(join(posts, 'evil.md'), [
      '---', 'title: Evil', '---', '',
      '```{.graph fileName="../../../escaped"}', 'digraph { a -> b }', '```', '',
      '{% include_code ../../secret.txt %}', '',
      rnn('../../secret.txt'), '',
      '<img src="../../../../etc/passwd">', '',
    ].join('\n'));
    const before = listTree(root);
    const run = spawnSync(process.execPath, [join(repoRoot, 'bin/mlpost.js'), 'build', site], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(run.status, run.stderr).toBe(1);
    const created = listTree(root).filter((path) => !before.includes(path));
    expect(created.length).toBeGreaterThan(0);
    expect(created.filter((path) => !path.startsWith('site/dist/') && !path.startsWith('site/.mlpost-cache/') && path !== 'site/dist' && path !== 'site/.mlpost-cache')).toEqual([]);
    expect(created.filter((path) => path.includes('escaped'))).toEqual([]);
    expect(run.stderr).toContain('graph-file-name');
    expect(run.stderr).toContain('hexo-tag-path-outside');
    expect(run.stderr).toContain('cell-file');
  });
});

/** Every path under `folder` (not following symlinks), relative, sorted. */
function listTree(folder: string): string[] {
  const paths: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      paths.push(relative(folder, path));
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(folder);
  return paths.sort();
}

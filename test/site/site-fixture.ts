/** Small sites for the site-builder tests: posts with math, a graph, tags and excerpts. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { repoRoot } from '../helpers.js';

/** A post's Markdown. */
export function post(title: string, date: string, tags: string[], body: string): string {
  return `---\ntitle: ${JSON.stringify(title)}\ndate: ${date}\ntags: [${tags.join(', ')}]\ncategories: [ML]\n---\n\n${body}\n`;
}

const graph = (label: string) => '```{.graph fileName="g"}\ndigraph { a -> b [label="' + label + '"] }\n```\n';

/** The posts of the test site, by file name. */
export function samplePosts(): Record<string, string> {
  return {
    'alpha.md': post('Alpha', '2020-01-01 10:00:00', ['math'], 'Intro with $x^2$.\n\n<!-- more -->\n\n$$\\sum_i x_i$$\n'),
    'beta.md': post('Beta', '2020-02-01 10:00:00', ['graphs', 'math'], `A graph:\n\n${graph('beta')}\nAnd $\\alpha$.\n`),
    'gamma.md': post('Gamma', '2020-03-01 10:00:00', ['graphs'], `Excerpt here.\n\n<!-- more -->\n\n${graph('gamma')}`),
    'delta.md': post('Delta', '2020-04-01 10:00:00', ['misc'], 'Plain text, no math.\n\n- a\n- b\n'),
    'seed.md': readFileSync(join(repoRoot, 'fixtures/posts/rnn_intro.md'), 'utf8'),
  };
}

/** A fresh site folder with `posts`. */
export function makeSite(posts: Record<string, string> = samplePosts()): string {
  const site = mkdtempSync(join(tmpdir(), 'mlpost-site-test-'));
  mkdirSync(join(site, 'posts'));
  writeFileSync(join(site, 'mlpost.yml'), 'title: Test site\n');
  for (const [name, text] of Object.entries(posts)) writeFileSync(join(site, 'posts', name), text);
  return site;
}

/** Every file under `folder`: relative path → bytes (as latin1 text, for exact comparison). */
export function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (directory: string) => {
    for (const name of readdirSync(directory).sort()) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(folder, path)] = readFileSync(path).toString('latin1');
    }
  };
  walk(folder);
  return files;
}

/** Remove a test site. */
export function removeSite(site: string): void {
  rmSync(site, { recursive: true, force: true });
}

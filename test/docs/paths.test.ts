/**
 * Every path that a comment, a doc or a script names exists: comments and docs are read
 * by the next engineer, and a pointer to a file that moved is worse than none.
 *
 * - Paths inside the repository (`src/…`, `test/…`, `fixtures/…` …) must exist (a `.js`
 *   import path stands for its `.ts` source).
 * - `../shared/…` is the project's reference set beside the checkout (CI has it, a user's
 *   clone does not): tests, benchmarks and scripts may read it and must name files that
 *   exist there; the code users run (`src/`, `packages/`), the README and `docs/` never
 *   point to it.
 * - A few paths name folders of other projects or of built output; they are listed below,
 *   each with its reason.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';

const shared = resolve(repoRoot, '..', 'shared');

/** Paths that are not this repository's, by prefix, with why they are named. */
const NOT_OURS: Record<string, string> = {
  'src/content/': "an Astro site's content collections",
  'src/pages/': "an Astro site's pages",
  'scripts/tag': "a Hexo theme's tag scripts (NexT's scripts/tags, Butterfly's scripts/tag)",
  'assets/katex/': "the KaTeX folder of a built site's assets/",
  'example-site/dist/': 'built by npm run example',
  'test-output/': 'written by tests (git ignores it)',
};

/** Where users read or run things: no `../shared/` there. */
const USER_FACING = /^(src|packages|docs|example-site)\/|^README\.md$/;

const PATH = /(?<![\w@.:/-])((?:\.\.\/)?(?:shared|src|test|fixtures|docs|bench|scripts|assets|example-site|packages|bin)\/[\w.@/*-]*[\w/*])/g;

function walk(folder: string, out: string[] = []): string[] {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'toolchain', '.git'].includes(entry.name)) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** The text of a file that is prose: a Markdown file whole, a source file's comment lines. */
function proseOf(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.md')) return text;
  return text
    .split('\n')
    .filter((line) => /^\s*(\/\/|\/\*|\*|#(?!!))/.test(line))
    .join('\n');
}

const files = [
  ...['src', 'test', 'bench', 'scripts', 'docs', 'packages', 'example-site', '.ci'].flatMap((folder) => walk(join(repoRoot, folder))),
  join(repoRoot, 'README.md'),
  join(repoRoot, 'BENCHMARKS.md'),
].filter((path) => /\.(ts|mts|mjs|cjs|js|md)$|\/\.ci\/run$/.test(path) && !path.includes('/fixtures/'));

function problemsOf(path: string): string[] {
  const shown = relative(repoRoot, path);
  const problems: string[] = [];
  const scripts = shown === 'package.json' ? Object.values((JSON.parse(readFileSync(path, 'utf8')) as { scripts: Record<string, string> }).scripts).join('\n') : undefined;
  for (const match of (scripts ?? proseOf(path)).matchAll(PATH)) {
    const named = match[1]!;
    // A pattern (`test/adapters/astro*.test.ts`) names no one file.
    if (named.includes('*')) continue;
    if (Object.keys(NOT_OURS).some((prefix) => named.startsWith(prefix))) continue;
    if (named.startsWith('../shared/') || named.startsWith('shared/')) {
      const inShared = named.replace(/^(\.\.\/)?shared\//, '');
      if (USER_FACING.test(shown)) problems.push(`${shown}: points to ${named}, which a clone does not have`);
      else if (existsSync(shared) && !existsSync(join(shared, inShared))) problems.push(`${shown}: ${named} does not exist`);
      continue;
    }
    const candidates = [join(repoRoot, named), resolve(dirname(path), named)].flatMap((candidate) => [candidate, candidate.replace(/\.js$/, '.ts')]);
    if (!candidates.some((candidate) => existsSync(candidate))) problems.push(`${shown}: ${named} does not exist`);
  }
  return problems;
}

describe('paths named in comments, docs and scripts', () => {
  it('all exist (and only tests, benchmarks and scripts reach into ../shared)', () => {
    expect([...files, join(repoRoot, 'package.json')].flatMap(problemsOf)).toEqual([]);
  });

  it('are found: a stale path is reported', () => {
    const folder = mkdtempSync(join(tmpdir(), 'mlpost-paths-'));
    const note = join(folder, 'note.md');
    writeFileSync(note, 'See `src/render/render-post.ts`, `src/pipeline/render-post.ts` and `test/adapters/astro*.test.ts`.\n');
    expect(problemsOf(note)).toEqual([`${relative(repoRoot, note)}: src/render/render-post.ts does not exist`]);
    rmSync(folder, { recursive: true });
  });
});

/**
 * Real Hexo blogs for the plugin tests, set up as a user's would be: a `package.json` that
 * lists Hexo, its theme and generators, `mlpost` and `hexo-renderer-mlpost` (and nothing
 * else: no `scripts/` file), `_config.yml`, posts under `source/_posts/`, built with Hexo's
 * own CLI (`node_modules/hexo/bin/hexo generate`).
 *
 * `mlpost` and `hexo-renderer-mlpost` are installed from the tarballs `npm pack` makes of
 * this checkout (so the packages' `files` and entry points are what users get); every other
 * package is linked from the repository's installs (Hexo 8, the themes, renderers and
 * generators are test-only packages, in test/node_modules), so no test touches the network.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { linkInstalledPackages, repoRoot } from './site.js';

/** The packages a blog lists, as `hexo init` would plus mlpost's two (versions as installed here). */
const BLOG_PACKAGES = ['hexo', 'hexo-generator-archive', 'hexo-generator-category', 'hexo-generator-index', 'hexo-generator-tag', 'hexo-renderer-ejs', 'hexo-renderer-stylus'];
const THEMES = { landscape: 'hexo-theme-landscape', next: 'hexo-theme-next' } as const;
export type HexoTheme = keyof typeof THEMES;

let packed: { mlpost: string; renderer: string } | undefined;

/** Pack mlpost and hexo-renderer-mlpost once per test process (dist/ must be built). */
export function packPackages(): { mlpost: string; renderer: string } {
  if (packed) return packed;
  if (!existsSync(join(repoRoot, 'dist/adapters/hexo/index.js'))) throw new Error('run `npm run build` first: the packed mlpost holds dist/');
  const folder = mkdtempSync(join(tmpdir(), 'mlpost-pack-'));
  const pack = (args: string[]): string => {
    const run = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', folder, ...args], { cwd: repoRoot, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`npm pack ${args.join(' ')} failed:\n${run.stderr}`);
    const [entry] = JSON.parse(run.stdout) as Array<{ filename: string }>;
    return join(folder, entry!.filename);
  };
  packed = { mlpost: pack([]), renderer: pack(['--workspace', 'hexo-renderer-mlpost']) };
  return packed;
}

/** What a test blog holds besides the standard packages. */
export interface BlogSetup {
  theme: HexoTheme;
  /** Lines appended to `_config.yml` (an `mlpost:` section, …). */
  config?: string;
  /** More Hexo plugins the blog lists (test-only packages of this repository, test/package.json: `hexo-math`). */
  plugins?: readonly string[];
  /** Files by path relative to the blog (`source/_posts/x.md`). */
  files: Record<string, string | Buffer>;
}

/** Create a blog under `os.tmpdir()`. */
export function makeHexoBlog(setup: BlogSetup): string {
  const { mlpost, renderer } = packPackages();
  const blog = mkdtempSync(join(tmpdir(), `mlpost-hexo-${setup.theme}-`));
  const modules = join(blog, 'node_modules');
  mkdirSync(modules);
  linkInstalledPackages(modules, new Set(['mlpost', 'hexo-renderer-mlpost']));
  for (const [name, tarball] of [['mlpost', mlpost], ['hexo-renderer-mlpost', renderer]] as const) {
    mkdirSync(join(modules, name));
    const untar = spawnSync('tar', ['-xzf', tarball, '-C', join(modules, name), '--strip-components=1']);
    if (untar.status !== 0) throw new Error(`could not unpack ${tarball}: ${untar.stderr}`);
  }
  const version = (name: string): string => (JSON.parse(spawnSync(process.execPath, ['-p', `JSON.stringify(require('${name}/package.json').version)`], { cwd: join(repoRoot, 'test'), encoding: 'utf8' }).stdout) as string);
  const dependencies: Record<string, string> = {};
  for (const name of [...BLOG_PACKAGES, THEMES[setup.theme], ...(setup.plugins ?? [])]) dependencies[name] = `^${version(name)}`;
  dependencies.mlpost = `file:${mlpost}`;
  dependencies['hexo-renderer-mlpost'] = `file:${renderer}`;
  const files: Record<string, string | Buffer> = {
    'package.json': `${JSON.stringify({ name: 'blog', version: '0.0.0', private: true, hexo: { version: version('hexo') }, dependencies: sortKeys(dependencies) }, null, 2)}\n`,
    '_config.yml': [
      'title: mlpost on Hexo',
      'url: http://127.0.0.1',
      'permalink: :title/',
      'timezone: UTC',
      `theme: ${setup.theme}`,
      setup.config ?? '',
    ].join('\n'),
    ...setup.files,
  };
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(blog, path)), { recursive: true });
    writeFileSync(join(blog, path), contents);
  }
  return blog;
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A finished Hexo command. */
export interface HexoRun {
  status: number | null;
  /** stdout and stderr together, as a user sees them. */
  log: string;
  ms: number;
}

const hexoEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', NODE_NO_WARNINGS: '1' };

/** Run Hexo's CLI in `blog` (`['generate']`, `['clean']` …). */
export function hexo(blog: string, args: string[], timeoutMs = 120_000): HexoRun {
  const started = performance.now();
  const run = spawnSync(process.execPath, [join(blog, 'node_modules/hexo/bin/hexo'), ...args], { cwd: blog, encoding: 'utf8', timeout: timeoutMs, env: hexoEnv });
  if (run.error) throw run.error;
  return { status: run.status, log: `${run.stdout}${run.stderr}`, ms: performance.now() - started };
}

/** Start a long-running Hexo command (`generate --watch`, `server`); its output accumulates in `log()`. */
export function startHexo(blog: string, args: string[]): { child: ChildProcess; log: () => string; waitFor: (pattern: RegExp, from?: number, timeoutMs?: number) => Promise<void> } {
  const child = spawn(process.execPath, [join(blog, 'node_modules/hexo/bin/hexo'), ...args], { cwd: blog, env: hexoEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const waitFor = (pattern: RegExp, from = 0, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (pattern.test(output.slice(from))) {
          clearInterval(poll);
          resolve();
        } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
          clearInterval(poll);
          reject(new Error(`hexo ${args.join(' ')}: no ${pattern} in time (exit ${child.exitCode}):\n${output}`));
        }
      }, 100);
    });
  return { child, log: () => output, waitFor };
}

const EXAMPLE_POSTS = join(repoRoot, 'example-site/posts');
export const BLOG_FIXTURES = join(repoRoot, 'fixtures/adapters/hexo/blog');
/** A 1×1 PNG: landscape links `/favicon.png`, which a real blog has. */
export const FAVICON = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/eL9GtQAAAABJRU5ErkJggg==', 'base64');

/** The example posts and the fixtures of `fixtures/adapters/hexo/blog/` (but `only`), as blog files. */
export function blogPosts(except: readonly string[] = []): Record<string, string | Buffer> {
  const files: Record<string, string | Buffer> = {};
  for (const name of readdirSync(EXAMPLE_POSTS)) files[`source/_posts/${name}`] = readFileSync(join(EXAMPLE_POSTS, name));
  for (const name of ['diagnostics.md', 'asset-post.md', 'asset-post/dot.svg', 'next-tags.md', 'hexo-tags.md']) {
    if (!except.includes(name)) files[`source/_posts/${name}`] = readFileSync(join(BLOG_FIXTURES, name));
  }
  return files;
}

/** `hmm`/`rnn` fences in the example posts (each must become a cell figure). */
export function exampleCellFences(): number {
  const fence = /^ {0,3}(?:`{3,}|~{3,})[ \t]*(?:(?:hmm|rnn)\b.*|\{(?:[^\n]*\s)?\.(?:hmm|rnn)(?=[\s}])[^\n]*\})[ \t]*$/gm;
  return readdirSync(EXAMPLE_POSTS).reduce((count, name) => count + [...readFileSync(join(EXAMPLE_POSTS, name), 'utf8').matchAll(fence)].length, 0);
}

/** Lines `mlpost: rendered …` of a `--debug` run: what mlpost rendered. */
export function renderedFiles(run: HexoRun): string[] {
  return [...run.log.matchAll(/DEBUG mlpost: rendered (.+)$/gm)].map((match) => match[1]!);
}

/** The diagnostics `mlpost render` prints for a fixture of the blog, as Hexo's log names them (`source/_posts/x.md:3:1: warning: …`). */
export function cliDiagnostics(fixture: string, output: string): string[] {
  const cli = spawnSync(process.execPath, [join(repoRoot, 'bin/mlpost.js'), 'render', join(BLOG_FIXTURES, fixture), '-o', output], { encoding: 'utf8' });
  const name = fixture.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...cli.stderr.matchAll(new RegExp(`^.*${name}(:\\d+:\\d+: (?:error|warning): .*)$`, 'gm'))].map((match) => `source/_posts/${fixture}${match[1]}`);
}

/** The errors and warnings of Hexo's log about one post (`source/_posts/x.md:…`). */
export function loggedDiagnostics(run: HexoRun, fixture: string): string[] {
  return [...run.log.matchAll(/^\S*\s*(?:ERROR|WARN)\s+(source\/_posts\/\S+:\d+:\d+: .*)$/gm)].map((match) => match[1]!).filter((line) => line.startsWith(`source/_posts/${fixture}:`));
}

/** Every HTML file under the blog's `public/`, by path. */
export function publicHtml(blog: string): Array<[string, string]> {
  const folder = join(blog, 'public');
  return (readdirSync(folder, { recursive: true }) as string[]).filter((path) => path.endsWith('.html')).map((path) => [path, readFileSync(join(folder, path), 'utf8')]);
}

/** The text of an HTML fragment as a reader sees it: tags dropped, character references decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([\da-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** `mlpost: cells: N run, M from the cache, F failed`. */
export function cellSummary(run: HexoRun): string | undefined {
  return /mlpost: cells: (.+)$/m.exec(run.log)?.[1];
}

/** Record a blog's build times in `test-output/hexo-build-times.json` (merged by blog name). */
export function recordTimes(blog: string, times: Record<string, number>): void {
  const folder = join(repoRoot, 'test-output');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, 'build-times.json');
  const all = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
  all[blog] = Object.fromEntries(Object.entries(times).map(([key, ms]) => [key, Math.round(ms)]));
  writeFileSync(path, `${JSON.stringify(all, null, 2)}\n`);
}


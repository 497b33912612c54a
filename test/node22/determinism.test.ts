/**
 * mlpost on Node 22: the CLI (`bin/mlpost.js`, on the compiled `dist/`) renders the seed
 * post and builds the example site under the toolchain's Node 22 to the same bytes as
 * under the Node running the tests (20), and a Node 22 build that reuses a Node 20 build's
 * cache matches both. Cells execute afresh (`--no-cache`) in the cold builds, so the
 * numeric core's floating point is compared too, not a cached copy of it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, requireToolchain } from './toolchain.js';

/** How many posts the example site has: every one is rendered by a cold build. */
const examplePosts = readdirSync(join(repoRoot, 'example-site', 'posts')).filter((name) => name.endsWith('.md')).length;

interface Run {
  stdout: string;
  stderr: string;
}

/** Run `bin/mlpost.js` with `node` from the repo root; throw on a non-zero exit. */
function mlpost(node: string, args: readonly string[]): Run {
  const run = spawnSync(node, [join(repoRoot, 'bin/mlpost.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`${node} mlpost ${args.join(' ')} exited ${run.status}:\n${run.stderr}`);
  return { stdout: run.stdout, stderr: run.stderr };
}

/** Every file under `folder`, as sorted paths relative to it. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

/** Where two output folders differ: each differing file with its first differing byte and the text around it. */
function differences(left: string, right: string): string[] {
  const found: string[] = [];
  const leftFiles = filesUnder(left);
  const rightFiles = filesUnder(right);
  for (const file of leftFiles.filter((name) => !rightFiles.includes(name))) found.push(`${file}: only in ${left}`);
  for (const file of rightFiles.filter((name) => !leftFiles.includes(name))) found.push(`${file}: only in ${right}`);
  for (const file of leftFiles.filter((name) => rightFiles.includes(name))) {
    const a = readFileSync(join(left, file));
    const b = readFileSync(join(right, file));
    if (a.equals(b)) continue;
    let at = 0;
    while (at < a.length && at < b.length && a[at] === b[at]) at++;
    const excerpt = (bytes: Buffer): string => JSON.stringify(bytes.subarray(Math.max(0, at - 40), at + 80).toString('utf8'));
    found.push(`${file}: ${a.length} vs ${b.length} bytes, first difference at byte ${at}: ${excerpt(a)} vs ${excerpt(b)}`);
  }
  return found;
}

/** The diagnostics a run printed (file:line:col lines), with the site folder's path made neutral. */
function diagnostics(run: Run, site?: string): string[] {
  return run.stderr
    .split('\n')
    .filter((line) => /:\d+:\d+: (?:warning|error|info):/.test(line))
    .map((line) => (site ? line.split(relative(repoRoot, site)).join('<site>') : line));
}

describe('mlpost on Node 22: same bytes as on Node 20', () => {
  const work = mkdtempSync(join(tmpdir(), 'mlpost-node22-'));
  const out = (name: string): string => join(work, name);
  const runs: Record<string, Run> = {};
  let node22 = '';

  beforeAll(() => {
    const major = Number(process.versions.node.split('.')[0]);
    if (major === 22) {
      throw new Error('the tests themselves run on Node 22, so this would compare Node 22 with itself: run vitest with Node 20 (is node_modules/.bin/node a Node 22?)');
    }
    node22 = requireToolchain().node;
    const nodes = { current: process.execPath, node22 };
    for (const [name, node] of Object.entries(nodes)) {
      cpSync(join(repoRoot, 'example-site'), out(`site-${name}`), {
        recursive: true,
        filter: (path) => !/[/\\](?:dist|\.mlpost-cache)$/.test(path),
      });
      runs[`render-${name}`] = mlpost(node, ['render', 'fixtures/posts/rnn_intro.md', '-o', out(`render-${name}`), '--no-cache']);
      runs[`build-${name}`] = mlpost(node, ['build', out(`site-${name}`), '-o', out(`build-${name}`), '--no-cache']);
    }
    // Warm the current Node's cache, then let Node 22 build from it.
    mlpost(process.execPath, ['build', out('site-current'), '-o', out('build-warm-source')]);
    runs['build-warm'] = mlpost(node22, ['build', out('site-current'), '-o', out('build-warm')]);
  }, 90_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('ran the two Node versions asked for', () => {
    expect(process.versions.node).toMatch(/^20\./);
    const version = spawnSync(node22, ['--version'], { encoding: 'utf8' }).stdout.trim();
    expect(version).toMatch(/^v22\./);
  });

  it('renders the seed post to the same bytes', () => {
    expect(filesUnder(out('render-current'))).toContain('index.html');
    expect(differences(out('render-current'), out('render-node22'))).toEqual([]);
    expect(diagnostics(runs['render-node22']!)).toEqual(diagnostics(runs['render-current']!));
  });

  it('builds the example site to the same bytes (cells executed afresh)', () => {
    expect(filesUnder(out('build-current'))).toEqual(expect.arrayContaining(['index.html', 'rnn_intro/index.html', 'live-hmm-rnn/index.html']));
    expect(runs['build-node22']!.stderr).toMatch(new RegExp(`\\b${examplePosts} rendered, 0 from cache`));
    expect(differences(out('build-current'), out('build-node22'))).toEqual([]);
    expect(diagnostics(runs['build-node22']!, out('site-node22'))).toEqual(diagnostics(runs['build-current']!, out('site-current')));
  });

  it("builds the same bytes on Node 22 from the cache Node 20's build left", () => {
    expect(runs['build-warm']!.stderr).toMatch(new RegExp(`\\b0 rendered, ${examplePosts} from cache`));
    expect(differences(out('build-current'), out('build-warm'))).toEqual([]);
  });
});

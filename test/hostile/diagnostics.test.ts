/**
 * Diagnostics and logs escape what comes from input: control characters (terminal escape
 * sequences, line breaks) in file names, tags and formulas, and file names that would
 * read as a diagnostic of their own (`a.md:1:1: error: fake [x]`) in a CI log.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeFileName, escapeForTerminal, formatMessage } from '../../src/diagnostics.js';
import { repoRoot } from '../helpers.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** GitHub's gcc-style problem matchers, greedy and not. */
const MATCHERS = [/^(.*):(\d+):(\d+):\s+(?:fatal\s+)?(warning|error):\s+(.*)$/, /^(.*?):(\d+):(\d+):\s+(?:fatal\s+)?(warning|error):\s+(.*)$/];

describe('escaping', () => {
  it('control characters become escapes; text stays readable', () => {
    expect(escapeForTerminal('a\u001b[31mred\u0007\nb\r\tc\u009b\u202e中')).toBe('a\\x1b[31mred\\x07\\nb\\r\\tc\\x9b\\u202e中');
    expect(escapeFileName('a.md:1:1: error: fake [x].md')).toBe('a.md\\x3a1\\x3a1\\x3a error\\x3a fake [x].md');
    expect(escapeFileName('C:\\posts\\a.md')).toBe('C:\\posts\\a.md');
    expect(formatMessage({ file: 'p.md', line: 3, column: 1, reason: 'time 13:52:48, not x.md:9:9: error: y', ruleId: 'r', fatal: false })).toBe('p.md:3:1: warning: time 13:52:48, not x.md\\x3a9:9: error: y [r]');
  });

  it('a build prints one plain line per diagnostic, and none reads as a place the input chose', () => {
    const site = mkdtempSync(join(tmpdir(), 'mlpost-diag-'));
    folders.push(site);
    mkdirSync(join(site, 'posts'));
    writeFileSync(join(site, 'posts', 'a.md:1:1: error: fake [x].md'), '---\ntitle: A\n---\n\n{% \u001b[2Jwipe %}\n\n$a\u001bb$\n');
    writeFileSync(join(site, 'posts', 'b\u001b]0;title\u0007.md'), '{% unknown %}\n');
    const run = spawnSync(process.execPath, [join(repoRoot, 'bin/mlpost.js'), 'build', site], { encoding: 'utf8', env: { ...process.env, CI: 'true' }, cwd: site });
    const lines = run.stderr.trimEnd().split('\n');
    for (const line of lines) expect(line, line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    const diagnostics = lines.filter((line) => /: (warning|error): /.test(line));
    expect(diagnostics).toEqual([
      'posts/a.md\\x3a1\\x3a1\\x3a error\\x3a fake [x].md:5:1: warning: unknown Hexo tag `{% \\x1b[2Jwipe %}`: shown as a placeholder (register a handler for it through the API) [hexo-tag-unknown]',
      "posts/a.md\\x3a1\\x3a1\\x3a error\\x3a fake [x].md:7:3: error: math: Unexpected character: '\\x1b' [math-katex]",
      'posts/b\\x1b]0;title\\x07.md:1:1: warning: unknown Hexo tag `{% unknown %}`: shown as a placeholder (register a handler for it through the API) [hexo-tag-unknown]',
    ]);
    // Greedy or not, a problem matcher finds the real file and line in every diagnostic.
    const files = ['posts/a.md\\x3a1\\x3a1\\x3a error\\x3a fake [x].md', 'posts/b\\x1b]0;title\\x07.md'];
    for (const matcher of MATCHERS) {
      expect(diagnostics.map((line) => matcher.exec(line)!.slice(1, 3))).toEqual([[files[0], '5'], [files[0], '7'], [files[1], '1']]);
    }
  });
});

describe('the command line', () => {
  it('refuses --workers that would start hundreds of threads (1e9 used to hang)', () => {
    for (const [value, message] of [['1e9', 'expected a whole number ≥ 0'], ['200', 'expected at most 64 render threads']]) {
      const run = spawnSync(process.execPath, [join(repoRoot, 'bin/mlpost.js'), 'build', 'nowhere', '--workers', value!], { encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(`error: option '--workers <n>' argument '${value}' is invalid. ${message}`);
    }
  });
});

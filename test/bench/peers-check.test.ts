import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkOutput, formulasOf, samplePosts, type CheckedTool } from '../../bench/peers/check.mjs';

describe('formulasOf', () => {
  it('counts the marks outside fenced code and indented lines', () => {
    const text = [
      'Prose $\\vphantom{3}x$ and $\\vphantom{3}y$.',
      '```',
      '$\\vphantom{3}code$',
      '```',
      '~~~~ python',
      '$\\vphantom{3}more code$',
      '~~~~',
      '    $\\vphantom{3}indented$',
      '$$\\vphantom{3}z$$',
    ].join('\n');
    expect(formulasOf(text)).toBe(3);
  });
});

describe('samplePosts', () => {
  it('keeps the first copy of each source', () => {
    expect(samplePosts(['a-00000', 'b-00001', 'a-00002', 'b_c-00003', 'b-00004'])).toEqual(['a-00000', 'b-00001', 'b_c-00003']);
  });
});

describe('checkOutput', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const setup = (pages: Record<string, string | null>) => {
    dir = mkdtempSync(join(tmpdir(), 'peers-check-'));
    mkdirSync(join(dir, 'posts'));
    for (const [name, html] of Object.entries(pages)) {
      writeFileSync(join(dir, 'posts', `${name}.md`), name.startsWith('math') ? 'Text $\\vphantom{1}x$ and $\\vphantom{1}y$.' : 'No math.');
      if (html !== null) {
        mkdirSync(join(dir, 'out', name), { recursive: true });
        writeFileSync(join(dir, 'out', name, 'index.html'), html);
      }
    }
    return Object.keys(pages).sort();
  };
  const mathjax: CheckedTool = {
    math: { formula: /<mjx-container/g, error: /data-mjx-error=/g, errorIsFormula: true },
    page: (root, name) => join(root, 'out', name, 'index.html'),
  };

  it('passes when every sampled page with math has some, and counts errors apart', () => {
    const names = setup({ 'math-00000': '<mjx-container></mjx-container><mjx-container><g data-mjx-error="x"></g></mjx-container>', 'plain-00001': '<p>No math.</p>' });
    expect(checkOutput(mathjax, dir, names, join(dir, 'posts'))).toEqual({ ok: true, reason: '', pages: 2, sampled: 2, math: 1, errors: 1, formulas: 2 });
  });

  it('fails a page whose source has math but whose page has none', () => {
    const names = setup({ 'math-00000': '<p>$x$ and $y$</p>' });
    const result = checkOutput(mathjax, dir, names, join(dir, 'posts'));
    expect(result.ok).toBe(false);
    expect(result.reason).toBe('no typeset math in 1 sampled pages whose source has math (math-00000 …)');
  });

  it('fails when a post has no page, even for a tool that typesets no math', () => {
    const names = setup({ 'plain-00000': '<p>ok</p>', 'plain-00001': null });
    const result = checkOutput({ ...mathjax, math: null }, dir, names, join(dir, 'posts'));
    expect(result).toMatchObject({ ok: false, pages: 1, reason: '1 of 2 post pages missing (plain-00001 …)' });
  });
});

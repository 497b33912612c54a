/**
 * `docs/cells.md` shows a rendered example: the fragment it shows must render to exactly the
 * figure it shows (the line breaks between tags are the doc's).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPost } from '../../src/pipeline/render-post.js';
import { closeEngines } from '../../src/engines/index.js';
import { repoRoot } from '../helpers.js';
import { HMM_SHOW_ITEMS } from '../../src/cells/hmm-validate.js';
import { RNN_SHOW_ITEMS } from '../../src/cells/rnn-validate.js';

afterAll(closeEngines);

describe('docs/cells.md', () => {
  const doc = readFileSync(join(repoRoot, 'docs/cells.md'), 'utf8');

  it('renders its example to the figure it shows', async () => {
    const fragment = /````markdown\n([\s\S]*?)\n````/.exec(doc)?.[1];
    const figure = /```html\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(fragment).toBeDefined();
    expect(figure).toBeDefined();
    const post = await renderPost(`${fragment}\n`, { cells: { noCache: true } });
    expect(post.messages.map(String)).toEqual([]);
    expect(post.html.trim()).toBe(figure!.replace(/>\n</g, '><'));
  }, 60_000);

  it('documents every show item the cells accept, in the tables of show items', () => {
    const rows = doc.split('\n').filter((line) => line.startsWith('| `'));
    for (const item of [...HMM_SHOW_ITEMS, ...RNN_SHOW_ITEMS]) {
      expect(rows.some((row) => row.split('|')[1]!.includes(`\`${item}`)), item).toBe(true);
    }
  });
});

/**
 * Symbolic links in a site: followed while they stay inside the site folder (a linked post,
 * a linked `images/` folder, a linked asset folder), never followed out of it or into the
 * output folder (a warning at the link naming where it leads), loops and links to nothing
 * harmless.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildSite, type BuildResult } from '../../src/site/build.js';
import { closeEngines } from '../../src/engines/index.js';
import { makeSite, post, removeSite, snapshot } from './site-fixture.js';

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) removeSite(folder);
  await closeEngines();
});

const shown = (path: string) => relative(process.cwd(), path);

describe('symbolic links in a site', () => {
  let site: string;
  let outside: string;
  let result: BuildResult;
  beforeAll(async () => {
    site = makeSite({ 'own.md': post('Own', '2021-01-01 00:00:00', ['a'], 'My own post with ![shared figure](figs/plot.png) and ![secret](leak/secret.png).') });
    outside = realpathSync(mkdtempSync(join(tmpdir(), 'mlpost-outside-')));
    folders.push(site, outside);
    // Inside the site: a shared folder the site links to.
    mkdirSync(join(site, 'shared/images'), { recursive: true });
    writeFileSync(join(site, 'shared/linked.md'), post('Linked', '2021-01-02 00:00:00', ['a'], 'A post that lives in shared/.'));
    writeFileSync(join(site, 'shared/images/logo.png'), 'logo');
    mkdirSync(join(site, 'shared/figs'));
    writeFileSync(join(site, 'shared/figs/plot.png'), 'plot');
    // Outside the site: what a pull request must not make the build read.
    writeFileSync(join(outside, 'secret.md'), post('Secret', '2021-01-03 00:00:00', ['a'], 'The machine\'s own file.'));
    writeFileSync(join(outside, 'secret.png'), 'secret');
    mkdirSync(join(site, 'source'));
    symlinkSync('../shared/linked.md', join(site, 'posts/linked-post.md'));
    symlinkSync(join(outside, 'secret.md'), join(site, 'posts/stolen.md'));
    symlinkSync('../shared/figs', join(site, 'posts/figs'));
    symlinkSync(outside, join(site, 'posts/leak'));
    symlinkSync('../shared/images', join(site, 'source/images'));
    symlinkSync(outside, join(site, 'source/machine'));
    symlinkSync(join(outside, 'secret.png'), join(site, 'source/secret.png'));
    symlinkSync('..', join(site, 'shared/images/up'));
    symlinkSync('nothing-here.png', join(site, 'source/dangling.png'));
    symlinkSync('../dist', join(site, 'source/mirror'));
    symlinkSync(outside, join(site, 'source/_ignored'));
    result = await buildSite(site, { workers: 0 });
  }, 60_000);

  it('follows a link whose target is inside the site: a linked post, a linked images folder, a linked figures folder', () => {
    expect(readFileSync(join(site, 'dist/linked-post/index.html'), 'utf8')).toContain('A post that lives in shared/.');
    expect(readFileSync(join(site, 'dist/images/logo.png'), 'utf8')).toBe('logo');
    expect(readFileSync(join(site, 'dist/own/figs/plot.png'), 'utf8')).toBe('plot');
    expect(result.posts).toBe(2);
  });

  it('never reads through a link that leaves the site, and says where each leads', () => {
    const files = Object.keys(snapshot(join(site, 'dist')));
    expect(files.filter((file) => /secret|stolen|machine|leak|mirror/.test(file))).toEqual([]);
    expect(Object.values(snapshot(join(site, 'dist'))).some((text) => text.includes('The machine'))).toBe(false);
    const source = (name: string) => shown(join(site, name));
    const texts = result.notices.map((notice) => notice.text);
    expect(texts).toEqual(expect.arrayContaining([
      `${source('posts/leak')}:1:1: warning: a symbolic link to ${JSON.stringify(outside)}, outside the site: not followed (mlpost reads only files inside the site folder) [symlink-outside]`,
      `${source('posts/stolen.md')}:1:1: warning: a symbolic link to ${JSON.stringify(join(outside, 'secret.md'))}, outside the site: not followed (mlpost reads only files inside the site folder) [symlink-outside]`,
      `${source('source/machine')}:1:1: warning: a symbolic link to ${JSON.stringify(outside)}, outside the site: not followed (mlpost reads only files inside the site folder) [symlink-outside]`,
      `${source('source/secret.png')}:1:1: warning: a symbolic link to ${JSON.stringify(join(outside, 'secret.png'))}, outside the site: not followed (mlpost reads only files inside the site folder) [symlink-outside]`,
      `${source('source/mirror')}:1:1: warning: a symbolic link to ${JSON.stringify(join(realpathSync(site), 'dist'))}, inside the output folder: not followed (the output would be copied into itself) [symlink-outside]`,
      `${source('source/dangling.png')}:1:1: warning: a symbolic link to "nothing-here.png", which does not exist: left out [symlink-broken]`,
      `${source('source/images/up')}:1:1: warning: a symbolic link to ${JSON.stringify(join(realpathSync(site), 'shared'))}, a folder it is itself in: not followed again [symlink-loop]`,
    ]));
    // The image read through the link out of the site is a missing file, not a copied one.
    expect(texts).toContainEqual(expect.stringMatching(/own\.md:8:54: warning: the image "leak\/secret\.png" names no file .*\[missing-file\]$/));
    // Each link once; a left-out name (`_ignored`) is not even looked at.
    expect(texts.filter((text) => text.includes('[symlink-'))).toHaveLength(7);
    expect(texts.some((text) => text.includes('_ignored'))).toBe(false);
  });

  it('says the same on the next build (nothing written), and keeps the loop harmless', async () => {
    const again = await buildSite(site, { workers: 0 });
    expect(again.written).toEqual([]);
    expect(again.notices.map((notice) => notice.text)).toEqual(result.notices.map((notice) => notice.text));
    expect(existsSync(join(site, 'dist/images/up'))).toBe(false);
  }, 60_000);
});

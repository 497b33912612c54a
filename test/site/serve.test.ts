/**
 * `serve` and `--watch`: the static server (127.0.0.1, folders → index.html, no way out
 * of the output folder) and rebuild on change, in process and through the real CLI.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../../src/site/build.js';
import { resolveRequest, serveFolder } from '../../src/site/serve.js';
import { watchSite } from '../../src/site/watch.js';
import { closeEngines } from '../../src/engines/index.js';
import { repoRoot } from '../helpers.js';
import { makeSite, post, removeSite } from './site-fixture.js';

const sites: string[] = [];
afterAll(async () => {
  for (const site of sites) removeSite(site);
  await closeEngines();
});

function smallSite(): string {
  const site = makeSite({
    'one.md': post('One', '2021-01-01 00:00:00', ['a'], 'First version of one.'),
    'two.md': post('Two', '2021-01-02 00:00:00', ['b'], 'Two, with $x$.'),
  });
  sites.push(site);
  return site;
}

/** Poll `check` until it is true or `ms` pass. */
async function eventually(check: () => Promise<boolean>, ms = 20_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('resolveRequest', () => {
  const root = mkdtempSync(join(tmpdir(), 'mlpost-serve-root-'));
  mkdirSync(join(root, 'post'));
  writeFileSync(join(root, 'post/index.html'), 'page');
  writeFileSync(join(root, 'index.html'), 'home');

  it('maps folders to their index.html and files to themselves', () => {
    expect(resolveRequest(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveRequest(root, '/post/')).toBe(join(root, 'post/index.html'));
    expect(resolveRequest(root, '/post/index.html?x=1#y')).toBe(join(root, 'post/index.html'));
  });

  it('never leaves the root', () => {
    for (const path of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/post/../../x', '/%00', '/%E0%A4%A']) expect(resolveRequest(root, path), path).toBeUndefined();
    expect(resolveRequest(root, '/missing.html')).toBeUndefined();
  });
});

describe('serve and watch, in process', () => {
  it('serves the site, rebuilds an edited post and serves the new page', async () => {
    const site = smallSite();
    await buildSite(site, { workers: 0 });
    const server = await serveFolder(join(site, 'dist'), 0);
    const watcher = watchSite(site, { workers: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const first = await fetch(`${server.url}one/`);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await first.text()).toContain('First version of one.');
      expect((await fetch(`${server.url}one`, { redirect: 'manual' })).headers.get('location')).toBe('/one/');
      expect((await fetch(`${server.url}assets/mlpost.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect((await fetch(`${server.url}nothing/`)).status).toBe(404);

      writeFileSync(join(site, 'posts/one.md'), post('One', '2021-01-01 00:00:00', ['a'], 'Second version of one.'));
      const rebuilt = await eventually(async () => (await (await fetch(`${server.url}one/`)).text()).includes('Second version of one.'));
      expect(rebuilt).toBe(true);

      writeFileSync(join(site, 'posts/three.md'), post('Three', '2021-01-03 00:00:00', ['a'], 'A new post.'));
      expect(await eventually(async () => (await fetch(`${server.url}three/`)).status === 200)).toBe(true);
      await watcher.idle();
      expect(await (await fetch(server.url)).text()).toContain('<a href="three/index.html">Three</a>');
    } finally {
      await watcher.close();
      await server.close();
    }
  }, 60_000);
});

describe('serve hooks (what mlpost serve adds)', () => {
  it('serves 404.html with status 404 and runs every HTML page through the transform', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mlpost-serve-hooks-'));
    writeFileSync(join(root, 'index.html'), '<html><body>home</body></html>');
    writeFileSync(join(root, '404.html'), '<html><body>lost</body></html>');
    writeFileSync(join(root, 'a.css'), 'body{}');
    const server = await serveFolder(root, 0, { notFound: '404.html', transformHtml: (html) => html.replace('</body>', '<i>live</i></body>') });
    try {
      const missing = await fetch(`${server.url}no/such/page/`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toBe('<html><body>lost<i>live</i></body></html>');
      expect(await (await fetch(server.url)).text()).toBe('<html><body>home<i>live</i></body></html>');
      expect(await (await fetch(`${server.url}a.css`)).text()).toBe('body{}');
    } finally {
      await server.close();
    }
  });
});

describe('serving under the site\'s root', () => {
  it('serves the folder under its base path: / leads there, other paths are 404, folder redirects keep it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mlpost-serve-base-'));
    mkdirSync(join(root, 'one'));
    mkdirSync(join(root, '中文'));
    writeFileSync(join(root, 'index.html'), '<p>home</p>');
    writeFileSync(join(root, 'one/index.html'), '<p>one</p>');
    writeFileSync(join(root, '中文/index.html'), '<p>zh</p>');
    writeFileSync(join(root, '404.html'), '<p>lost</p>');
    const server = await serveFolder(root, 0, { notFound: '404.html', base: '/my blog/' });
    const origin = server.url.replace(/\/my%20blog\/$/, '');
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/my%20blog\/$/);
      const status = async (path: string) => (await fetch(`${origin}${path}`, { redirect: 'manual' })).status;
      const location = async (path: string) => (await fetch(`${origin}${path}`, { redirect: 'manual' })).headers.get('location');
      expect(await (await fetch(server.url)).text()).toBe('<p>home</p>');
      expect(await (await fetch(`${origin}/my%20blog/one/`)).text()).toBe('<p>one</p>');
      expect(await (await fetch(`${origin}/my%20blog/%E4%B8%AD%E6%96%87/`)).text()).toBe('<p>zh</p>');
      expect([await status('/'), await location('/')]).toEqual([302, '/my%20blog/']);
      expect([await status('/my%20blog'), await location('/my%20blog')]).toEqual([302, '/my%20blog/']);
      expect([await status('/my%20blog/one'), await location('/my%20blog/one')]).toEqual([301, '/my%20blog/one/']);
      for (const path of ['/one/', '/my%20blogx/one/', '/x/my%20blog/one/', '/my%20blog/../one/']) {
        const response = await fetch(`${origin}${path}`, { redirect: 'manual' });
        expect(response.status, path).toBe(404);
        expect(await response.text(), path).toBe('<p>lost</p>');
      }
    } finally {
      await server.close();
    }
  });
});

describe('mlpost serve (CLI)', () => {
  it('prints its URL, serves the site with its drafts, rebuilds on change and reloads the open page', async () => {
    if (!existsSync(join(repoRoot, 'dist/cli/serve-command.js'))) throw new Error('run `npm run build` first: the CLI test uses dist/');
    const site = smallSite();
    mkdirSync(join(site, 'drafts'));
    writeFileSync(join(site, 'drafts/idea.md'), post('Idea', '2021-01-03 00:00:00', ['c'], 'A draft.'));
    const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'bin/mlpost.js'), 'serve', site, '--port', '0'], { env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      expect(await eventually(async () => /http:\/\/127\.0\.0\.1:\d+\//.test(stdout)), stderr).toBe(true);
      const url = stdout.match(/http:\/\/127\.0\.0\.1:\d+\//)![0];
      const page = await (await fetch(`${url}two/`)).text();
      expect(page).toContain('Two, with');
      // The live-reload script, in what is served only: the built file has none.
      expect(page).toContain('<script>new EventSource("/__mlpost/live-reload")');
      expect(readFileSync(join(site, '.mlpost-cache/serve/two/index.html'), 'utf8')).not.toContain('<script');
      expect(existsSync(join(site, 'dist'))).toBe(false);
      // Drafts are shown, marked.
      expect(await (await fetch(`${url}idea/`)).text()).toContain('<span class="mlpost-draft">Draft</span>');
      // Missing pages get the site's 404 page.
      const missing = await fetch(`${url}no-such-post/`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('<h1 class="mlpost-title">Page not found</h1>');

      // An open page hears about the rebuild.
      const events = await fetch(`${url}__mlpost/live-reload`);
      const reader = events.body!.getReader();
      const heard = (async () => {
        let text = '';
        while (!text.includes('event: reload')) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
        return text;
      })();
      writeFileSync(join(site, 'posts/two.md'), post('Two', '2021-01-02 00:00:00', ['b'], 'Two, edited.'));
      expect(await eventually(async () => (await (await fetch(`${url}two/`)).text()).includes('Two, edited.')), stderr).toBe(true);
      expect(await heard).toContain('event: reload');
      await reader.cancel();
      // The page is written before the build's summary (rebuilds render in a thread, whose pool closes first);
    // the lists showing its first paragraph (home, tag, category) with it.
      const summary = /mlpost: 1 rendered, 0 from cache, 2 unchanged; 4 files written, 0 removed\n/;
      expect(await eventually(async () => summary.test(stderr)), stderr).toBe(true);
    } finally {
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000))]);
      if (code === 'timeout') child.kill('SIGKILL');
      expect(code).toBe(0);
    }
  }, 60_000);
});

/**
 * `mlpost serve` against a local network client and a slow post: no redirect to another
 * origin, no symbolic link followed out of the output folder, no answer to another Host
 * (DNS rebinding), answers while a rebuild runs, stops at once on SIGINT.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveRequest, serveFolder } from '../../src/site/serve.js';
import { folderLocation, isOwnHost } from '../../src/site/serve-guard.js';
import { repoRoot } from '../helpers.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** An output folder with a page, a folder page, a secret beside it and links out. */
function outputFolder(): { root: string; dist: string } {
  const root = mkdtempSync(join(tmpdir(), 'mlpost-serve-hostile-'));
  folders.push(root);
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'hello'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), 'home');
  writeFileSync(join(dist, 'hello', 'index.html'), 'hello page');
  writeFileSync(join(root, 'secret.txt'), 'SECRET');
  symlinkSync(root, join(dist, 'leak'));
  symlinkSync(join(root, 'secret.txt'), join(dist, 'secret.txt'));
  return { root, dist };
}

/** GET `path` with a raw request (no URL normalisation), with `host` as the Host header. */
function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; location: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path, headers: { host } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, location: response.headers.location, body }));
    });
    sent.on('error', reject);
    sent.end();
  });
}

describe('serve refuses', () => {
  it('to follow a symbolic link out of the output folder', () => {
    const { dist } = outputFolder();
    expect(resolveRequest(dist, '/leak/secret.txt')).toBeUndefined();
    expect(resolveRequest(dist, '/secret.txt')).toBeUndefined();
    expect(resolveRequest(dist, '/hello/')).toBe(join(dist, 'hello', 'index.html'));
  });

  it('a Host that is not its own, and a redirect to another origin', async () => {
    const { dist } = outputFolder();
    const server = await serveFolder(dist, 0);
    try {
      expect(await get(server.port, '//evil.example/x%2f..%2f..%2fhello')).toEqual({ status: 301, location: '/hello/', body: '' });
      expect((await get(server.port, '/hello')).location).toBe('/hello/');
      expect((await get(server.port, '/leak/secret.txt')).status).toBe(404);
      expect((await get(server.port, '/', 'evil.example')).status).toBe(421);
      expect((await get(server.port, '/', `evil.example:${server.port}`)).status).toBe(421);
      expect((await get(server.port, '/', `localhost:${server.port}`)).body).toBe('home');
    } finally {
      await server.close();
    }
    expect(isOwnHost(undefined, 80)).toBe(false);
    expect(folderLocation('/d', '/d/a b/c/index.html')).toBe('/a%20b/c/');
  });
});

describe('serve and a slow rebuild', () => {
  it('answers while a post renders for 30 s and stops at once on SIGINT', { timeout: 60_000 }, async () => {
    const site = mkdtempSync(join(tmpdir(), 'mlpost-serve-busy-'));
    folders.push(site);
    mkdirSync(join(site, 'posts'));
    writeFileSync(join(site, 'mlpost.yml'), 'title: Busy\nlimits:\n  graphMs: 30000\n');
    writeFileSync(join(site, 'posts', 'hello.md'), '---\ntitle: Hello\n---\n\nHi.\n');
    const child = spawn(process.execPath, [join(repoRoot, 'bin/mlpost.js'), 'serve', site, '-p', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
    try {
      const url = await new Promise<string>((resolve) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.trim());
        });
      });
      writeFileSync(join(site, 'posts', 'slow.md'), '---\ntitle: Slow\n---\n\n```{.graph prog=neato}\ngraph { graph [maxiter=2000000000 epsilon=0 mode=KK]; a -- b; b -- c; c -- d; d -- e; e -- f; f -- a }\n```\n');
      // The rebuild has started (debounce 40 ms) and is laying the graph out.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const started = performance.now();
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(2000);
      const stopping = performance.now();
      child.kill('SIGINT');
      const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
      expect(code).toBe(0);
      expect(performance.now() - stopping).toBeLessThan(5000);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

/**
 * A static file server for a built site, on 127.0.0.1 only: folders serve their
 * `index.html`, paths never leave the output folder (not through `..`, not through a
 * symbolic link), unknown files are 404, and requests for another Host are refused
 * (`serve-guard.ts`). The site is served under its `root` (`/blog/`), as it is deployed:
 * `/` leads there, other paths outside it are 404.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { folderLocation, isOwnHost, isReallyInside } from './serve-guard.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

/** A running server. */
export interface StaticServer {
  /** `http://127.0.0.1:PORT/` and the base path (`/blog/`). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The file under `root` that `urlPath` names, or `undefined` (outside the root, missing). */
export function resolveRequest(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const target = normalize(join(root, path));
  if (target !== root && !target.startsWith(root + sep)) return undefined;
  try {
    const stat = statSync(target);
    const file = stat.isFile() ? target : stat.isDirectory() && statSync(join(target, 'index.html')).isFile() ? join(target, 'index.html') : undefined;
    return file !== undefined && isReallyInside(root, file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** What `mlpost serve` adds to plain file serving (see `live-reload.ts`). */
export interface ServeHooks {
  /** Answer a request before files are looked at; `true` when it did. */
  handle?(request: IncomingMessage, response: ServerResponse): boolean;
  /** Rewrite every HTML page served (the live-reload script). */
  transformHtml?(html: string): string;
  /** Serve this file of the folder (`404.html`), with status 404, for missing paths. */
  notFound?: string;
  /** The path the folder is served under (the site's `root`, `/blog/`); default `/`. */
  base?: string;
}

/** `pathname` (as requested, percent-encoded) under `base` (decoded, `/blog/`): the rest, from its `/`; else `undefined`. */
export function underBase(pathname: string, base: string): string | undefined {
  const wanted = base.split('/').slice(1, -1);
  const segments = pathname.split('/');
  for (let index = 0; index < wanted.length; index++) {
    let segment: string;
    try {
      segment = decodeURIComponent(segments[index + 1] ?? '');
    } catch {
      return undefined;
    }
    if (segment !== wanted[index] || index + 2 >= segments.length) return undefined;
  }
  return `/${segments.slice(wanted.length + 1).join('/')}`;
}

/** Serve `folder` on 127.0.0.1:`port` (0: any free port). */
export function serveFolder(folder: string, requestedPort = 0, hooks: ServeHooks = {}): Promise<StaticServer> {
  const root = resolve(folder);
  const base = hooks.base ?? '/';
  const encodedBase = base.split('/').map(encodeURIComponent).join('/');
  let port = requestedPort;
  const sendHtml = (response: ServerResponse, status: number, file: string, head: boolean) => {
    const body = Buffer.from(hooks.transformHtml!(readFileSync(file, 'utf8')));
    response.writeHead(status, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache', 'content-length': body.length });
    response.end(head ? undefined : body);
  };
  const server: Server = createServer((request, response) => {
    if (!isOwnHost(request.headers.host, port)) {
      response.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('this server answers only to 127.0.0.1 and localhost\n');
      return;
    }
    if (hooks.handle?.(request, response)) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = request.url ?? '/';
    const [pathname, query] = [url.split('?')[0]!, url.includes('?') ? url.slice(url.indexOf('?')) : ''];
    const inner = underBase(pathname, base);
    // `/` (and the root without its slash) leads to the site's root; a same-origin path only.
    if (inner === undefined && (pathname === '/' || `${pathname}/` === encodedBase)) {
      response.writeHead(302, { location: encodedBase }).end();
      return;
    }
    const file = inner === undefined ? undefined : resolveRequest(root, inner + query);
    if (!file) {
      const page = hooks.notFound ? resolveRequest(root, `/${hooks.notFound}`) : undefined;
      if (page && hooks.transformHtml) sendHtml(response, 404, page, request.method === 'HEAD');
      else if (page) response.writeHead(404, { 'content-type': TYPES['.html']! }).end(request.method === 'HEAD' ? undefined : readFileSync(page));
      else response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    // A folder without a trailing slash: redirect, so the page's relative links resolve.
    if (file.endsWith(`${sep}index.html`) && !pathname.endsWith('/') && !pathname.endsWith('index.html')) {
      response.writeHead(301, { location: encodedBase + folderLocation(root, file).slice(1) }).end();
      return;
    }
    if (hooks.transformHtml && extname(file).toLowerCase() === '.html') {
      sendHtml(response, 200, file, request.method === 'HEAD');
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      'content-length': statSync(file).size,
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).on('error', () => response.destroy()).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(requestedPort, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : requestedPort;
      port = actual;
      resolvePromise({
        url: `http://127.0.0.1:${actual}${encodedBase}`,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

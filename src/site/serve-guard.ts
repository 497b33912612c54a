/**
 * What the local server refuses, whatever the request says (`mlpost serve` is meant for the
 * author's own browser):
 *
 * - a Host header other than this server's own (`127.0.0.1:PORT`, `localhost:PORT`): a web
 *   page elsewhere that rebinds its DNS name to 127.0.0.1 must not read the site;
 * - a redirect to another origin: the `Location` of "add the trailing slash" is made from
 *   the file found, never from the request (`//evil.example/…` asked for a folder and got
 *   `Location: //evil.example/…/`, a redirect to that site);
 * - a file reached through a symbolic link that leads out of the output folder
 *   (`ln -s / dist/leak` served `/leak/etc/passwd`).
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

/** Whether `host` (the request's Host header) names this server on `port`. */
export function isOwnHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  return host === `127.0.0.1:${port}` || host.toLowerCase() === `localhost:${port}`;
}

/** The same-origin path of the folder `indexFile` is the index of, with its trailing slash. */
export function folderLocation(root: string, indexFile: string): string {
  const folder = relative(root, indexFile).split(sep).slice(0, -1);
  return `/${folder.map(encodeURIComponent).join('/')}${folder.length > 0 ? '/' : ''}`;
}

/** Whether `file`, with every symbolic link resolved, is inside `root` (also resolved). */
export function isReallyInside(root: string, file: string): boolean {
  try {
    const path = relative(realpathSync(root), realpathSync(file));
    return path !== '' && !isAbsolute(path) && path !== '..' && !path.startsWith(`..${sep}`);
  } catch {
    return false;
  }
}

/**
 * The site's cache folder, checked before anything is read from or written to it: it and
 * each of its parts must be a real folder inside the site (or not exist yet). A cache
 * folder that is a symbolic link out of the site (committed that way, or put there by a
 * pull request) would make the build read and write outside the site.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

/** The cache folder to use, or why there is none. */
export function siteCacheFolder(site: string, name: string, parts: readonly string[]): { dir: string; problem?: undefined } | { dir?: undefined; problem: string } {
  const dir = join(site, name);
  let realSite: string;
  try {
    realSite = realpathSync(site);
  } catch {
    return { dir };
  }
  for (const folder of [dir, ...parts.map((part) => join(dir, part))]) {
    let stat;
    try {
      stat = lstatSync(folder);
    } catch {
      continue;
    }
    const inside = (() => {
      try {
        const path = relative(realSite, realpathSync(folder));
        return path === '' || (!isAbsolute(path) && path !== '..' && !path.startsWith(`..${sep}`));
      } catch {
        return false;
      }
    })();
    if (stat.isSymbolicLink() || !stat.isDirectory() || !inside) {
      return { problem: `${relative(process.cwd(), folder) || folder}:1:1: warning: the cache folder is not a folder inside the site (a symbolic link?): the build uses no cache` };
    }
  }
  return { dir };
}

/**
 * Symbolic links in a site's folders (`source/images → ../common/images`, a post linked in
 * from elsewhere in the repository). Hexo follows them all; mlpost follows a link only as
 * far as the site goes, because a blog repository may come from a pull request and must
 * not read the machine's files:
 *
 * - a link whose target (every link on the way resolved) is inside the site folder is
 *   followed, as if the file or folder were there;
 * - a link leading outside the site, or into the output folder (whose files would be copied
 *   into themselves, one level deeper each build), is a warning at the link naming where it
 *   leads, and is not followed — its target is not even looked at;
 * - a link to nothing is a warning; a link to a folder it is itself in (a loop) is a warning
 *   and is not followed again.
 *
 * Each link is reported once per build, however many walks meet it.
 */
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { escapeFileName, escapeForTerminal } from '../diagnostics.js';
import type { SiteNotice } from './plan.js';

/** Whether `child` is `root` or below it (both absolute, resolved). */
export function isInsideFolder(root: string, child: string): boolean {
  const path = relative(root, child);
  return path === '' || (!isAbsolute(path) && path !== '..' && !path.startsWith(`..${sep}`));
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** A followed link's target. */
export interface LinkTarget {
  /** The target's real path (inside the site). */
  real: string;
  isFolder: boolean;
  isFile: boolean;
}

/** The site's symbolic-link policy for one build, and the warnings it gave. */
export class SiteLinks {
  private readonly site: string;
  private readonly output: string | undefined;
  private readonly reported = new Map<string, SiteNotice>();

  /** `site`: the site folder; `output`: the build's output folder (links into it are not followed). */
  constructor(site: string, output?: string) {
    this.site = realPath(site) ?? site;
    this.output = output === undefined ? undefined : (realPath(output) ?? output);
  }

  /** Whether `path` (any path, links on the way resolved) lies inside the site and outside the output. */
  isAllowed(path: string): boolean {
    const real = realPath(path);
    return real !== undefined && this.allows(real);
  }

  /** The real path of `path` if it is allowed (see {@link isAllowed}), else `undefined`. */
  realAllowed(path: string): string | undefined {
    const real = realPath(path);
    return real !== undefined && this.allows(real) ? real : undefined;
  }

  private allows(real: string): boolean {
    return isInsideFolder(this.site, real) && !(this.output !== undefined && isInsideFolder(this.output, real));
  }

  /** The target of the symbolic link at `path` if it may be followed; else `undefined`, with a warning. */
  follow(path: string): LinkTarget | undefined {
    const real = realPath(path);
    // The output folder may not exist yet (a first build): a link into it is read from its text.
    const intoOutput = (target: string) => this.output !== undefined && isInsideFolder(this.output, target);
    if (real === undefined && intoOutput(resolve(dirname(path), linkText(path)))) {
      this.warn(path, `a symbolic link to ${quoted(resolve(dirname(path), linkText(path)))}, inside the output folder: not followed (the output would be copied into itself)`, 'symlink-outside');
      return undefined;
    }
    if (real === undefined) {
      this.warn(path, `a symbolic link to ${quoted(linkText(path))}, which does not exist: left out`, 'symlink-broken');
      return undefined;
    }
    if (!isInsideFolder(this.site, real)) {
      this.warn(path, `a symbolic link to ${quoted(real)}, outside the site: not followed (mlpost reads only files inside the site folder)`, 'symlink-outside');
      return undefined;
    }
    if (intoOutput(real)) {
      this.warn(path, `a symbolic link to ${quoted(real)}, inside the output folder: not followed (the output would be copied into itself)`, 'symlink-outside');
      return undefined;
    }
    try {
      const stat = statSync(real);
      return { real, isFolder: stat.isDirectory(), isFile: stat.isFile() };
    } catch {
      return undefined;
    }
  }

  /**
   * The real path of a folder a walk starts from (`source/`, the posts folder), if it may be
   * walked; a folder that is itself a link leading out of the site is reported.
   */
  startFolder(folder: string): string | undefined {
    let isLink = false;
    try {
      const stat = lstatSync(folder);
      isLink = stat.isSymbolicLink();
      if (!isLink && !stat.isDirectory()) return undefined;
    } catch {
      return undefined;
    }
    if (isLink) {
      const target = this.follow(folder);
      return target?.isFolder ? target.real : undefined;
    }
    return this.realAllowed(folder);
  }

  /** Report a link to a folder that holds it (followed once already). */
  loop(path: string, real: string): void {
    this.warn(path, `a symbolic link to ${quoted(real)}, a folder it is itself in: not followed again`, 'symlink-loop');
  }

  /** The warnings given so far, in the order of the links' paths. */
  notices(): SiteNotice[] {
    return [...this.reported].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, notice]) => notice);
  }

  private warn(path: string, message: string, rule: string): void {
    if (this.reported.has(path)) return;
    const shown = relative(process.cwd(), path) || path;
    this.reported.set(path, { severity: 'warning', text: `${escapeFileName(shown)}:1:1: warning: ${message} [${rule}]` });
  }
}

function linkText(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '?';
  }
}

function quoted(path: string): string {
  return escapeForTerminal(JSON.stringify(path));
}

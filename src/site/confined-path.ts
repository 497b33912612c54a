/**
 * Paths inside the output folder, checked before any read, write or delete: the paths a
 * build handles come from posts (names, assets) and from the previous build's manifest,
 * and the output folder itself may hold symbolic links someone put there. A path is used
 * only if it has the shape mlpost writes and, with every symbolic link on the way resolved,
 * still lies inside the output folder; a symbolic link at the path itself is never
 * followed (it is replaced on write, removed on delete, never read).
 */
import { lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

/** Control characters, `\`, `:` (drive letters, NTFS streams) and NUL never occur in a path mlpost writes. */
const UNSAFE = /[\u0000-\u001f\u007f\\:]/;

/** Whether `path` has the shape of an output path: relative, `/`-separated, no empty, `.` or `..` segment. */
export function isOutputPath(path: string): boolean {
  if (path === '' || isAbsolute(path) || UNSAFE.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** Whether `child` is `root` or below it (both absolute, resolved). */
function isInside(root: string, child: string): boolean {
  const path = relative(root, child);
  return path === '' || (!isAbsolute(path) && path !== '..' && !path.startsWith(`..${sep}`));
}

/** Real paths of folders, per output folder: a build asks for the same folders again and again. */
export class OutputFolder {
  private readonly real = new Map<string, string | undefined>();
  private rootReal: string | undefined;

  constructor(readonly root: string) {}

  /**
   * The absolute path of `path` (an output path) if it stays inside the output folder,
   * else `undefined`. `path` itself may be missing; its deepest existing folder is resolved.
   */
  resolve(path: string): string | undefined {
    if (!isOutputPath(path)) return undefined;
    const target = join(this.root, ...path.split('/'));
    const folder = this.realFolder(dirname(target));
    if (folder === undefined) return undefined;
    const root = this.realRoot();
    return root !== undefined && isInside(root, folder) ? target : undefined;
  }

  /** Whether `target` (a resolved path) is a symbolic link. */
  static isLink(target: string): boolean {
    try {
      return lstatSync(target).isSymbolicLink();
    } catch {
      return false;
    }
  }

  /** Forget what is known about folders (after folders were created or removed). */
  forget(): void {
    this.real.clear();
  }

  private realRoot(): string | undefined {
    if (this.rootReal !== undefined) return this.rootReal;
    try {
      this.rootReal = realpathSync(this.root);
    } catch {
      // Not created yet: nothing can be a link inside it.
      return this.root;
    }
    return this.rootReal;
  }

  /** The real path of `folder`, or of its deepest existing ancestor joined with the rest. */
  private realFolder(folder: string): string | undefined {
    if (this.real.has(folder)) return this.real.get(folder);
    let resolved: string | undefined;
    try {
      resolved = realpathSync(folder);
    } catch {
      const parent = dirname(folder);
      resolved = parent === folder ? undefined : ((base) => (base === undefined ? undefined : join(base, relative(parent, folder))))(this.realFolder(parent));
    }
    this.real.set(folder, resolved);
    return resolved;
  }
}

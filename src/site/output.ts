/**
 * Writing one rendered post to a folder: its `index.html`, its own files (graph SVGs …)
 * kept inside the folder, and the shared static assets.
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import type { PostAsset } from '../types.js';
import { staticAssets } from './assets.js';
import { writeFileAtomic } from './write-file.js';

/** Whether a relative asset path stays inside its folder (no `..`, not absolute). */
export function isContainedPath(path: string): boolean {
  if (path === '' || isAbsolute(path) || path.includes('\0')) return false;
  const normal = normalize(path);
  return normal !== '..' && !normal.startsWith(`..${sep}`) && !normal.startsWith('/');
}

/** Write a post's own files under `folder`; paths that would leave it are refused. */
export function writePostAssets(folder: string, assets: readonly PostAsset[]): void {
  for (const asset of assets) {
    if (!isContainedPath(asset.path)) throw new Error(`refusing to write ${JSON.stringify(asset.path)} outside ${folder}`);
    writeFileAtomic(join(folder, asset.path), asset.contents);
  }
}

/**
 * Copy the static assets (KaTeX CSS and fonts, theme) into `folder`, skipping unchanged
 * ones; `overrides` gives another source for some of them (a site's own `mlpost.css`).
 * `confine` maps an asset's path (`katex/katex.min.css`) to where it may be written, or
 * `undefined` to skip it (a site build refuses paths that lead out of its output).
 */
export function copyStaticAssets(folder: string, overrides: Readonly<Record<string, string>> = {}, confine: (path: string) => string | undefined = (path) => join(folder, path)): void {
  for (const asset of staticAssets()) {
    const source = overrides[asset.path] ?? asset.source;
    const target = confine(asset.path.split(sep).join('/'));
    if (target === undefined) continue;
    const existing = existsSync(target) ? lstatSync(target) : undefined;
    if (existing?.isFile() && existing.size === statSync(source).size && existing.mtimeMs >= statSync(source).mtimeMs) continue;
    // A symbolic link in its place is removed, never written through.
    if (existing?.isSymbolicLink()) rmSync(target, { force: true });
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
  }
}

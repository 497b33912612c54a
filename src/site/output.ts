/**
 * Writing one rendered post to a folder: its `index.html`, its own files (graph SVGs …)
 * kept inside the folder, and the shared static assets.
 */
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
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
 */
export function copyStaticAssets(folder: string, overrides: Readonly<Record<string, string>> = {}): void {
  for (const asset of staticAssets()) {
    const source = overrides[asset.path] ?? asset.source;
    const target = join(folder, asset.path);
    if (existsSync(target) && statSync(target).size === statSync(source).size && statSync(target).mtimeMs >= statSync(source).mtimeMs) continue;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
  }
}

/**
 * Images of a post's asset folder by their own name (`![](red.png)` next to `post.md` in
 * `post/`, with `post_asset_folder: true`) work on the post's page, but not where Hexo
 * shows the post elsewhere (the home page, archives, a feed): there `red.png` is looked
 * for next to that page. hexo-renderer-marked's `postAsset` option rewrites such a source
 * to the asset's address on the site (`/2024/07/01/post/red.png`); this does the same for
 * mlpost: an `<img>` whose relative source names a file of the post's asset folder that
 * Hexo knows (its `PostAsset` model) gets that file's address, with the site's `root`.
 * Nothing changes with `relative_link: true` (every link is relative on purpose) or when
 * no such asset exists.
 */
import { extname, join, relative, sep } from 'node:path';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { isLocalUrl } from '../../links/local-references.js';
import type { HexoLike } from './hexo-api.js';

/** A rehype plugin for the Hexo renderer: asset images addressed from the site's root. */
export function rehypeHexoPostAssets(hexo: HexoLike) {
  return (tree: Root, file: VFile): void => {
    const source = file.data.hexoPlace?.source;
    if (!source || hexo.config.post_asset_folder !== true || hexo.config.relative_link === true) return;
    const assets = hexo.model?.('PostAsset');
    if (!assets) return;
    // The asset folder: the post's file without its extension (`_posts/post.md` → `_posts/post/`).
    const folder = source.slice(0, source.length - extname(source).length);
    visit(tree, 'element', (element: Element) => {
      if (element.tagName !== 'img') return;
      const src = element.properties.src;
      if (typeof src !== 'string' || !isLocalUrl(src) || src.startsWith('/') || src.startsWith('\\')) return;
      const asset = assets.findById(assetId(hexo.base_dir, folder, src));
      if (typeof asset?.path === 'string') element.properties.src = siteUrl(hexo, asset.path);
    });
  };
}

/** The id Hexo gives an asset (`source/_posts/post/red.png`: relative to the blog, forward slashes). */
function assetId(baseDir: string, folder: string, src: string): string {
  const path = decodePath(src.replace(/[?#].*$/, ''));
  return relative(baseDir, join(folder, path)).split(sep).join('/');
}

function decodePath(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** `root` + the asset's path, as Hexo's `url_for` writes it (percent-encoded where needed). */
function siteUrl(hexo: HexoLike, path: string): string {
  const root = typeof hexo.config.root === 'string' && hexo.config.root !== '' ? hexo.config.root : '/';
  return encodeURI((root.endsWith('/') ? root : `${root}/`) + path.replace(/\\/g, '/'));
}

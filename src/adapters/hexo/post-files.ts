/**
 * Files a post's render produces (a graph fence's `fileName.svg`) go next to the post's
 * page. They are kept on the post in Hexo's database (`mlpost_files`), because Hexo does
 * not render an unchanged post again: a warm `hexo generate` must still write them.
 */
import type { PostAsset } from '../../types.js';
import type { HexoLike, HexoPostData, HexoRoute, StoredPostFile } from './hexo-api.js';

/** Collects the files of each render by source path until Hexo's `after_post_render` stores them on the post. */
export class PostFiles {
  private readonly bySource = new Map<string, PostAsset[]>();

  /** Remember what rendering `source` produced (nothing: forget an earlier render's files). */
  rendered(source: string, assets: readonly PostAsset[]): void {
    if (assets.length > 0) this.bySource.set(source, [...assets]);
    else this.bySource.delete(source);
  }

  /** Store the files on the post (an `after_post_render` filter). */
  attach(post: HexoPostData): void {
    if (!post.full_source) return;
    const assets = this.bySource.get(post.full_source);
    this.bySource.delete(post.full_source);
    post.mlpost_files = assets?.map(storedFile);
  }
}

function storedFile(asset: PostAsset): StoredPostFile {
  return typeof asset.contents === 'string'
    ? { path: asset.path, text: asset.contents }
    : { path: asset.path, base64: Buffer.from(asset.contents).toString('base64') };
}

/** The routes of every post's and page's files: `<page folder>/<file>`. */
export function postFileRoutes(hexo: HexoLike): HexoRoute[] {
  const routes: HexoRoute[] = [];
  for (const kind of ['posts', 'pages'] as const) {
    for (const post of hexo.locals.get(kind).toArray()) {
      if (!post.mlpost_files || post.path === undefined) continue;
      for (const file of post.mlpost_files) {
        routes.push({ path: joinUrlPath(post.path, file.path), data: file.base64 !== undefined ? Buffer.from(file.base64, 'base64') : file.text ?? '' });
      }
    }
  }
  return routes;
}

/** `2019/09/12/x/` + `g.svg`; a page path ending in a file name (`about/index.html`) keeps its folder. */
function joinUrlPath(page: string, file: string): string {
  const folder = page.endsWith('/') ? page : page.replace(/[^/]*$/, '');
  return folder + file;
}

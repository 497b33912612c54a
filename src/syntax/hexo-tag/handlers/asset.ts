/**
 * Hexo's post-asset tags with `post_asset_folder`: the assets of `posts/x.md` live in
 * `posts/x/`. `{% asset_img [class] slug [width] [height] [title text [alt text]] %}`
 * (alias `asset_image`), `{% asset_link slug [title] [escape] %}`, `{% asset_path slug %}`
 * (Hexo 8's `lib/plugins/tag/asset_*.ts`).
 *
 * The page ships each asset it uses: the file is read (never from outside the asset
 * folder) and pushed to `mlpostData(file).assets` under its path in the folder, so the
 * URL is that path relative to the page.
 */
import type { RootContent } from 'mdast';
import type { AnyHexoTag, TagContext, TagHandler } from '../tags.js';
import { mlpostData } from '../../../types.js';
import { encodePathForUrl, readContainedFile, type ContainedRead } from './contained-file.js';
import { imageNode, imageProperties } from './img.js';
import { classNamesFrom, inFlow, tagProblem } from './nodes.js';
import { takeEscapeFlag, titledLink } from './post-link.js';
import { assetFolderOf, shownFolder } from './site.js';

type Found = { url: string; slug: string };

/**
 * Look `candidates` up in the post's asset folder, first match wins (as Hexo tries each
 * argument of `asset_img`). On success the file is queued to ship with the page.
 * Otherwise the nodes to show instead (after a diagnostic).
 */
function findAsset(tag: AnyHexoTag, context: TagContext, candidates: readonly string[]): { found: Found & { index: number } } | { problem: RootContent[] } {
  const folder = assetFolderOf(context.file);
  if (!folder) {
    return { problem: tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\`: the post has no path, so it has no asset folder`, 'hexo-tag-no-folder') };
  }
  let outside: { slug: string; read: ContainedRead & { ok: false } } | undefined;
  for (const [index, slug] of candidates.entries()) {
    const read = readContainedFile(folder, slug, context.file);
    if (read.ok) {
      const assets = mlpostData(context.file).assets;
      if (!assets.some((asset) => asset.path === read.relativePath)) assets.push({ path: read.relativePath, contents: read.contents });
      return { found: { url: encodePathForUrl(read.relativePath), slug, index } };
    }
    if (read.problem === 'outside') outside ??= { slug, read };
  }
  if (outside) {
    return { problem: tagProblem(tag, context, 'error', `\`{% ${tag.name} %}\`: \`${outside.slug}\` is outside the post's asset folder ${shownFolder(folder)} (${outside.read.detail}); nothing was read`, 'hexo-tag-path-outside') };
  }
  const what = candidates.length === 1 ? `\`${candidates[0]}\` is not a file` : 'no argument names a file';
  return { problem: tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\`: ${what} in the post's asset folder ${shownFolder(folder)}`, 'hexo-tag-asset-missing') };
}

/** `{% asset_img %}`. */
export const assetImgHandler: TagHandler = (tag, context) => {
  if (tag.args.length === 0) return tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\` names no asset`, 'hexo-tag-argument');
  const result = findAsset(tag, context, tag.args);
  if ('problem' in result) return result.problem;
  const { url, index } = result.found;
  return imageNode(imageProperties(classNamesFrom(tag, context, tag.args.slice(0, index)), url, tag.args.slice(index + 1)));
};

/** `{% asset_link %}`: a link to the asset, its text the title or the slug. */
export const assetLinkHandler: TagHandler = (tag, context) => {
  const args = [...tag.args];
  const slug = args.shift();
  if (!slug) return tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\` names no asset`, 'hexo-tag-argument');
  const escape = takeEscapeFlag(args);
  const result = findAsset(tag, context, [slug]);
  if ('problem' in result) return result.problem;
  const title = args.length > 0 ? args.join(' ') : slug;
  return inFlow(context, [titledLink('hexoAssetLink', result.found.url, title, title, escape)]);
};

/** `{% asset_path %}`: the asset's URL as text. */
export const assetPathHandler: TagHandler = (tag, context) => {
  const slug = tag.args[0];
  if (!slug) return tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\` names no asset`, 'hexo-tag-argument');
  const result = findAsset(tag, context, [slug]);
  if ('problem' in result) return result.problem;
  return inFlow(context, [{ type: 'text', value: result.found.url }]);
};

/**
 * Hexo's `{% post_link slug [title] [escape] %}` and `{% post_path slug %}` (Hexo 8's
 * `lib/plugins/tag/post_link.ts`, `post_path.ts`): a post found by slug, else by title,
 * in the site's list of posts (`TagSiteOptions.posts`). The link's tooltip is the post's
 * title; its text the given title, else the post's title, else the slug.
 *
 * Where Hexo stops the build on an unknown post, mlpost warns and shows the slug as text.
 */
import type { PhrasingContent } from 'mdast';
import type { AnyHexoTag, TagContext, TagHandler } from '../tags.js';
import { elementNode, hastText, inFlow, reportTag, tagProblem } from './nodes.js';
import { lookupPost, type PostReference } from './site.js';

/**
 * Take Hexo's trailing `true`/`false` escape flag off `args` (default `true`).
 * With `false` the title is raw HTML, as in Hexo (the same trust as HTML in the Markdown).
 */
export function takeEscapeFlag(args: string[]): boolean {
  const last = args[args.length - 1];
  if (last === 'true' || last === 'false') {
    args.pop();
    return last === 'true';
  }
  return true;
}

/** A link whose text is escaped, or raw HTML when `escape` is false. */
export function titledLink(type: string, href: string, tooltip: string, text: string, escape: boolean): PhrasingContent {
  if (escape) return elementNode(type, 'a', { href, title: tooltip }, [hastText(text)]);
  // An mdast `html` child: remark-rehype keeps it raw and rehype-raw parses it in place.
  return { type, data: { hName: 'a', hProperties: { href, title: tooltip } }, children: [{ type: 'html', value: text }] } as unknown as PhrasingContent;
}

function findPost(tag: AnyHexoTag, context: TagContext, slug: string): PostReference | undefined {
  if (!context.site.posts) {
    reportTag(tag, context, 'warning', `\`{% ${tag.name} ${slug} %}\`: no list of the site's posts was given, so the slug is shown as text`, 'hexo-tag-post-unknown');
    return undefined;
  }
  const post = lookupPost(context.site.posts, slug);
  if (!post) reportTag(tag, context, 'warning', `\`{% ${tag.name} %}\`: no post has the slug or title \`${slug}\`; shown as text`, 'hexo-tag-post-unknown');
  return post;
}

/** `{% post_link %}`. */
export const postLinkHandler: TagHandler = (tag, context) => {
  const args = [...tag.args];
  const slug = args.shift();
  if (!slug) return tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\` names no post`, 'hexo-tag-argument');
  const escape = takeEscapeFlag(args);
  const post = findPost(tag, context, slug);
  if (!post) return inFlow(context, [{ type: 'text', value: slug }]);
  const tooltip = post.title || slug;
  const text = args.length > 0 ? args.join(' ') : tooltip;
  return inFlow(context, [titledLink('hexoPostLink', post.url, tooltip, text, escape)]);
};

/** `{% post_path %}`: the post's URL as text. */
export const postPathHandler: TagHandler = (tag, context) => {
  const slug = tag.args[0];
  if (!slug) return tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\` names no post`, 'hexo-tag-argument');
  const post = findPost(tag, context, slug);
  return inFlow(context, [{ type: 'text', value: post ? post.url : slug }]);
};

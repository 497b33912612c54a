/**
 * Hexo's `{% img [class names] /path/to/image [width] [height] '"title text" "alt text"' %}`
 * (alias `image`), read as Hexo 8's `lib/plugins/tag/img.ts`: words before the first URL
 * (or `/…` path) are classes; then up to two all-digit words are width and height; the
 * rest is `"title" "alt"` (or a single unquoted title).
 */
import type { PhrasingContent, RootContent } from 'mdast';
import type { Properties } from 'hast';
import type { TagHandler } from '../tags.js';
import { classNamesFrom, definedProperties, elementNode, tagProblem } from './nodes.js';

/** Hexo's URL test for `img` and `link` (hexo `lib/plugins/tag/img.ts`). */
export const HEXO_URL = /((([A-Za-z]{3,9}:(?:\/\/)?)(?:[-;:&=+$,\w]+@)?[A-Za-z0-9.-]+|(?:www.|[-;:&=+$,\w]+@)[A-Za-z0-9.-]+)((?:\/[+~%/.\w-_]*)?\??(?:[-+=&;%@.\w_]*)#?(?:[.!/\\\w]*))?)/;

const META_DOUBLE_QUOTE = /"?([^"]+)?"?/;
const META_SINGLE_QUOTE = /'?([^']+)?'?/;

/** Width, height, title and alt from the words after an image's source. */
export function imageSizeAndText(words: readonly string[]): { width?: string; height?: string; title?: string; alt?: string } {
  const rest = [...words];
  const result: { width?: string; height?: string; title?: string; alt?: string } = {};
  if (rest.length > 0 && !/\D+/.test(rest[0]!)) {
    result.width = rest.shift();
    if (rest.length > 0 && !/\D+/.test(rest[0]!)) result.height = rest.shift();
  }
  const meta = rest.join(' ');
  const title = meta.startsWith('"') ? META_DOUBLE_QUOTE : META_SINGLE_QUOTE;
  const alt = meta.endsWith('"') ? META_DOUBLE_QUOTE : META_SINGLE_QUOTE;
  const match = new RegExp(`${title.source}\\s*${alt.source}`).exec(meta);
  if (match) {
    if (match[1] !== undefined) result.title = match[1];
    if (match[2] !== undefined) result.alt = match[2];
  }
  return result;
}

/** The `<img>` properties for classes, a source and the words after it. */
export function imageProperties(classes: readonly string[], src: string, after: readonly string[]): Properties {
  const { width, height, title, alt } = imageSizeAndText(after);
  return definedProperties({ src, className: [...classes], width, height, title, alt });
}

/** An `<img>` node; alone on its line it stands bare, as Hexo's HTML block does. */
export function imageNode(properties: Properties): RootContent[] {
  const node: PhrasingContent = elementNode('hexoImage', 'img', properties);
  return [node];
}

/** `{% img %}`. */
export const imgHandler: TagHandler = (tag, context) => {
  const index = tag.args.findIndex((item) => HEXO_URL.test(item) || item.startsWith('/'));
  if (index === -1) return tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\` has no image URL (a URL or a path starting with \`/\`)`, 'hexo-tag-argument');
  return imageNode(imageProperties(classNamesFrom(tag, context, tag.args.slice(0, index)), tag.args[index]!, tag.args.slice(index + 1)));
};

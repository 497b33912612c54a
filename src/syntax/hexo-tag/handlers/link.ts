/**
 * Hexo's `{% link text url [external] [title] %}` (aliases `a`, `anchor`), as Hexo 8's
 * `lib/plugins/tag/link.ts`: words before the first URL are the text; after it an optional
 * `true`/`false` (open in a new window) and the rest is the title.
 */
import type { TagHandler } from '../tags.js';
import { HEXO_URL } from './img.js';
import { definedProperties, elementNode, hastText, inFlow, tagProblem } from './nodes.js';

/** `{% link %}`. */
export const linkHandler: TagHandler = (tag, context) => {
  const index = tag.args.findIndex((item) => HEXO_URL.test(item));
  if (index === -1) return tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\` has no URL`, 'hexo-tag-argument');
  const rest = tag.args.slice(index + 1);
  let external = false;
  if (rest[0] === 'true' || rest[0] === 'false') external = rest.shift() === 'true';
  const properties = definedProperties({ href: tag.args[index], title: rest.join(' '), target: external ? '_blank' : undefined });
  return inFlow(context, [elementNode('hexoLink', 'a', properties, [hastText(tag.args.slice(0, index).join(' '))])]);
};

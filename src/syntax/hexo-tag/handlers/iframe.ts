/**
 * Hexo's `{% iframe url [width] [height] %}` (Hexo 8's `lib/plugins/tag/iframe.ts`):
 * width `100%` and height `300` by default (or when given as `default`), no border, lazy,
 * full screen allowed. Only `http:`/`https:` URLs make an iframe; anything else
 * (`javascript:`, `data:`, a relative path) is reported and shown as written.
 */
import type { TagHandler } from '../tags.js';
import { elementNode, tagProblem } from './nodes.js';

const WEB_URL = /^https?:\/\/\S+$/i;

/** `{% iframe %}`. */
export const iframeHandler: TagHandler = (tag, context) => {
  const [src, width, height] = tag.args;
  if (src === undefined || !WEB_URL.test(src)) {
    return tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\` needs an http(s) URL${src === undefined ? '' : `, not \`${src}\``}; no iframe made`, 'hexo-tag-argument');
  }
  const properties = {
    src,
    width: width && width !== 'default' ? width : '100%',
    height: height && height !== 'default' ? height : '300',
    frameBorder: '0',
    loading: 'lazy',
    allowFullScreen: true,
  };
  return [elementNode('hexoIframe', 'iframe', properties)];
};

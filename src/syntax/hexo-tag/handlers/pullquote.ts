/**
 * Hexo's `{% pullquote [class] %}…{% endpullquote %}`: the body as Markdown in
 * `<blockquote class="pullquote CLASS…">` (Hexo 8's `lib/plugins/tag/pullquote.ts`).
 * Words that are not CSS class names are reported and left out (Hexo pastes them in).
 */
import type { TagHandler } from '../tags.js';
import { classNamesFrom, tagProblem, wrapperNode } from './nodes.js';

/** `{% pullquote %}`. */
export const pullquoteHandler: TagHandler = (tag, context) => {
  if (tag.type !== 'hexoTagBlock') {
    return tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\` needs its own line, a body and \`{% end${tag.name} %}\`; shown as written`, 'hexo-tag-no-body');
  }
  return [wrapperNode('hexoPullquote', 'blockquote', { className: ['pullquote', ...classNamesFrom(tag, context, tag.args)] }, tag.children)];
};

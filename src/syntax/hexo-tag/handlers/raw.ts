/**
 * Hexo's `{% raw %}…{% endraw %}`: the body goes into the page verbatim, as raw HTML.
 * This is the one tag whose author text is not escaped: that is its purpose.
 *
 * Inside a line (`a {% raw %}{{ x }}{% endraw %} b`) the two markers are dropped and the
 * text between them stays ordinary text (Hexo uses `raw` there to protect `{{ }}` from
 * Nunjucks, which mlpost does not run).
 */
import type { TagHandler } from '../tags.js';
import { verbatimBody } from './raw-body.js';

/** `{% raw %}`. */
export const rawHandler: TagHandler = (tag, context) => {
  if (tag.type === 'hexoTagBlock') return [{ type: 'html', value: verbatimBody(tag, context), position: tag.position }];
  if (tag.type === 'hexoTagText') return [];
  return undefined;
};

/** `{% endraw %}` inside a line (an end tag on its own line is paired, never seen here). */
export const endRawHandler: TagHandler = (tag) => (tag.type === 'hexoTagText' ? [] : undefined);

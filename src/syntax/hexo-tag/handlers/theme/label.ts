/**
 * `{% label … %}` as `<mark class="mlpost-label mlpost-label-KIND">text</mark>`, in both
 * grammars: NexT and Fluid write `{% label primary@text %}` (classes before `@`); Butterfly
 * writes `{% label text color %}` (no `@`). The text is shown as written, escaped.
 */
import type { TagHandler } from '../../tags.js';
import { elementNode, hastText, tagProblem } from '../nodes.js';
import { atArguments, inProse, placed } from './body.js';
import { noteStyle } from './note.js';

/** `{% label %}`. */
export const labelHandler: TagHandler = (tag, context) => {
  const { before, after } = atArguments(tag);
  const [text, style] = after !== undefined ? [after, before] : [tag.args[0] ?? '', tag.args.slice(1).join(' ')];
  if (text === '') return tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\` has no text (write \`{% label info@text %}\`)`, 'hexo-tag-argument');
  const { kind } = noteStyle([style]);
  return placed([elementNode('hexoLabel', 'mark', { className: ['mlpost-label', `mlpost-label-${kind}`] }, [hastText(text)])], inProse(tag, context.flow));
};

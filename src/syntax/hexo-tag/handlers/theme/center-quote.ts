/** NexT/Fluid `{% centerquote %}…{% endcenterquote %}` (alias `cq`): a centred quotation. */
import type { TagHandler } from '../../tags.js';
import { wrapperNode } from '../nodes.js';
import { flowBody, inProse, needsBody, phrasingBody } from './body.js';

/** `{% centerquote %}`. */
export const centerQuoteHandler: TagHandler = (tag, context) => {
  if (tag.type !== 'hexoTagBlock') return needsBody(tag, context);
  if (inProse(tag, context.flow)) return [wrapperNode('hexoCenterQuote', 'q', { className: ['mlpost-centerquote'] }, phrasingBody(tag))];
  return [wrapperNode('hexoCenterQuote', 'blockquote', { className: ['mlpost-centerquote'] }, flowBody(tag))];
};

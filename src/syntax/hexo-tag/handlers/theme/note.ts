/**
 * NexT / Butterfly / Fluid `{% note [kind] [modifiers…] %}…{% endnote %}` (alias `subnote`)
 * as `<aside class="mlpost-note mlpost-note-KIND" role="note" aria-label="Kind">`.
 *
 * Arguments, as the three themes read them: a kind (`default`, `primary`, `success`,
 * `info`, `warning`, `danger`; Fluid adds `secondary` and `light`), NexT's `no-icon`,
 * Butterfly's colours (`blue` … → the kind of the same colour), icon (`fa…`) and style
 * (`flat`, `modern`, `simple`, `disabled`) words. Words mlpost has no style for are left
 * out quietly: the note still shows, with the default look.
 */
import type { Properties } from 'hast';
import type { TagHandler } from '../../tags.js';
import { wrapperNode } from '../nodes.js';
import { flowBody, inProse, needsBody, phrasingBody } from './body.js';

const KINDS = new Set(['default', 'primary', 'secondary', 'success', 'info', 'warning', 'danger', 'light']);
// Butterfly's note colours, mapped to the kind drawn in that colour.
const COLOURS: Readonly<Record<string, string>> = { blue: 'info', green: 'success', red: 'danger', orange: 'warning', purple: 'primary', pink: 'danger' };

/** The kind and modifiers a note's arguments ask for. */
export function noteStyle(args: readonly string[]): { kind: string; noIcon: boolean } {
  let kind = 'default';
  let noIcon = false;
  for (const word of args.flatMap((arg) => arg.split(/\s+/))) {
    const lower = word.toLowerCase();
    if (KINDS.has(lower)) kind = lower;
    else if (Object.hasOwn(COLOURS, lower)) kind = COLOURS[lower]!;
    else if (lower === 'no-icon') noIcon = true;
  }
  return { kind, noIcon };
}

/** `{% note %}`. */
export const noteHandler: TagHandler = (tag, context) => {
  if (tag.type !== 'hexoTagBlock') return needsBody(tag, context);
  const { kind, noIcon } = noteStyle(tag.args);
  const properties: Properties = {
    className: ['mlpost-note', `mlpost-note-${kind}`, ...(noIcon ? ['mlpost-note-no-icon'] : [])],
    role: 'note',
    ...(kind === 'default' ? {} : { ariaLabel: kind[0]!.toUpperCase() + kind.slice(1) }),
  };
  if (inProse(tag, context.flow)) return [wrapperNode('hexoNote', 'span', properties, phrasingBody(tag))];
  return [wrapperNode('hexoNote', 'aside', properties, flowBody(tag))];
};

/**
 * The themes' collapsible blocks as `<details>`/`<summary>`: keyboard- and screen-reader-
 * accessible and working without script (the themes toggle `<div>`s with JavaScript).
 *
 * - Fluid `{% fold [kind] @title %}` (older Fluid: `{% fold title %}`);
 * - Butterfly `{% folding [style,] title %}` (`open` in the style opens it; colours → kind);
 * - Butterfly `{% hideToggle title, bg, color %}` and `{% hideBlock title, bg, color %}`
 *   (inline colours are not taken: the site's theme styles the block);
 * - `{% spoiler [title] %}…{% endspoiler %}` (hexo-sliding-spoiler).
 *
 * Inside a line, `{% spoiler text %}` (hexo-spoiler) and Butterfly's
 * `{% hideInline text, label %}` hide `text` until it is hovered or focused.
 */
import type { ElementContent, Properties } from 'hast';
import type { RootContent } from 'mdast';
import type { AnyHexoTag, TagContext, TagHandler } from '../../tags.js';
import { elementNode, hastText, wrapperNode } from '../nodes.js';
import { atArguments, commaArguments, flowBody, inProse, needsBody, phrasingBody, placed } from './body.js';
import { noteStyle } from './note.js';

interface Disclosure {
  title: string;
  kind: string;
  open: boolean;
}

function disclosure(tag: AnyHexoTag): Disclosure {
  switch (tag.name) {
    case 'fold': {
      const { before, after } = atArguments(tag);
      return after === undefined ? { title: before, kind: 'default', open: false } : { title: after, kind: noteStyle([before]).kind, open: false };
    }
    case 'folding': {
      const parts = commaArguments(tag);
      const [style, title] = parts.length > 1 ? [parts[0]!, parts.slice(1).join(',').trim()] : ['', parts[0] ?? ''];
      return { title, kind: noteStyle([style]).kind, open: style.split(/\s+/).includes('open') };
    }
    case 'hideBlock':
      return { title: commaArguments(tag)[0] || 'Click', kind: 'default', open: false };
    case 'spoiler':
      return { title: tag.args.join(' ') || 'Spoiler', kind: 'default', open: false };
    default:
      return { title: commaArguments(tag)[0] ?? '', kind: 'default', open: false };
  }
}

/** `{% fold %}`, `{% folding %}`, `{% hideToggle %}`, `{% hideBlock %}`, block `{% spoiler %}`. */
export const disclosureHandler: TagHandler = (tag, context) => {
  if (tag.type !== 'hexoTagBlock') return tag.name === 'spoiler' ? hiddenText(tag, context, tag.args.join(' '), '') : needsBody(tag, context);
  const { title, kind, open } = disclosure(tag);
  if (inProse(tag, context.flow)) {
    // `<details>` cannot stand in a paragraph: the title in bold, then the body.
    const label = title === '' ? [] : [elementNode('hexoFoldTitle', 'strong', {}, [hastText(title)]), { type: 'text', value: ' ' } as const];
    return [wrapperNode('hexoFold', 'span', { className: ['mlpost-fold', `mlpost-fold-${kind}`] }, [...label, ...phrasingBody(tag)])];
  }
  const properties: Properties = { className: ['mlpost-fold', `mlpost-fold-${kind}`], ...(open ? { open: true } : {}) };
  const summary: RootContent = elementNode('hexoFoldSummary', 'summary', {}, [hastText(title || 'Details')]) as unknown as RootContent;
  const body = wrapperNode('hexoFoldBody', 'div', { className: ['mlpost-fold-body'] }, flowBody(tag));
  return [wrapperNode('hexoFold', 'details', properties, [summary, body])];
};

/** Butterfly `{% hideInline text, label, bg, color %}`. */
export const hideInlineHandler: TagHandler = (tag, context) => {
  const [text = '', label = ''] = commaArguments(tag);
  return hiddenText(tag, context, text, label);
};

/** Text hidden until hovered or focused; `label` becomes its accessible description. */
function hiddenText(tag: AnyHexoTag, context: TagContext, text: string, label: string): RootContent[] {
  const children: ElementContent[] = [hastText(text)];
  const span = elementNode('hexoSpoiler', 'span', { className: ['mlpost-spoiler'], tabIndex: 0, ...(label ? { title: label } : {}) }, children);
  return placed([span], inProse(tag, context.flow));
}


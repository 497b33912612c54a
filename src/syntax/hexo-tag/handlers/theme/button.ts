/**
 * `{% btn url, text[, …] %}` (alias `button`) as a link styled as a button, reading the
 * three themes' grammars: NexT `url, text, icon, title`; Fluid `url, text, title`;
 * Butterfly `url, text, icon, option`. A third part starting with `fa` is an icon (not
 * shipped: left out); a fourth part made only of Butterfly's option words (colours,
 * `outline`, `center`, `block`, `larger`) is options, anything else is the title.
 */
import type { TagHandler } from '../../tags.js';
import { definedProperties, elementNode, hastText, tagProblem } from '../nodes.js';
import { commaArguments, inProse, placed } from './body.js';

const OPTION_WORDS = new Set(['default', 'blue', 'pink', 'red', 'purple', 'orange', 'green', 'outline', 'center', 'block', 'larger']);

/** The parts of a button tag. */
export function buttonParts(parts: readonly string[]): { url: string; text: string; title: string; options: string[] } {
  const [url = '', text = '', third = '', fourth = ''] = parts;
  const iconThird = third.startsWith('fa');
  const title = iconThird ? (isOptions(fourth) ? '' : fourth) : third;
  const options = iconThird && isOptions(fourth) ? fourth.split(/\s+/).filter(Boolean) : [];
  return { url, text, title, options };
}

function isOptions(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length > 0 && words.every((word) => OPTION_WORDS.has(word));
}

/** `{% btn %}`. */
export const buttonHandler: TagHandler = (tag, context) => {
  const { url, text, title, options } = buttonParts(commaArguments(tag));
  if (url === '') return tagProblem(tag, context, 'warning', `\`{% ${tag.name} %}\` has no URL (write \`{% btn url, text %}\`)`, 'hexo-tag-argument');
  const classes = ['mlpost-button', ...options.filter((word) => word !== 'default').map((word) => `mlpost-button-${word}`)];
  const link = elementNode('hexoButton', 'a', definedProperties({ className: classes, href: url, title }), [hastText(text || url)]);
  return placed([link], inProse(tag, context.flow));
};

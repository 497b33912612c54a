/**
 * Pandoc attributes (`{#id .class key=value}`) as hast properties, the way pandoc's HTML
 * writer emits them: the id, the classes, HTML attributes it knows kept as they are and
 * any other key as `data-key`; on images, `width`/`height` in pixels become attributes and
 * other units a `style`.
 */
import type { Properties } from 'hast';
import { h } from 'hastscript';
import type { FenceAttributes } from '../fence-attributes.js';

/** What the attributes belong to (images treat `width`/`height` specially). */
export type AttributeTarget = 'heading' | 'span' | 'link' | 'image' | 'code';

/** A problem with one attribute, with its offset into the attribute text. */
export interface AttributeProblem {
  message: string;
  offset: number;
  ruleId: string;
}

// Attributes pandoc's writer passes through and that are safe on any element; the rest
// become `data-*` (so `onclick=…` can never be an event handler).
const HTML_ATTRIBUTES = new Set(['title', 'lang', 'dir', 'style', 'role', 'width', 'height', 'translate', 'hidden']);
const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;
const PIXELS = /^(\d+)(?:px)?$/;
const CSS_LENGTH = /^\d+(?:\.\d+)?(?:%|px|em|rem|ex|ch|cm|mm|in|pt|pc|vw|vh|vmin|vmax)$/;

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`).replace(/_/g, '-');
}

/**
 * Turn parsed attributes into hast properties for `target`. `text` is the attribute
 * source that was parsed, to place problems at the offending key.
 */
export function attributesToProperties(
  attributes: Pick<FenceAttributes, 'classes' | 'id' | 'attributes'>,
  target: AttributeTarget,
  text = '',
): { properties: Properties; problems: AttributeProblem[] } {
  const problems: AttributeProblem[] = [];
  // Filled in pandoc's order: id, classes, then the other attributes.
  const raw: Record<string, string | string[] | undefined> = { id: undefined, className: undefined };
  let id = attributes.id;
  const classes = [...attributes.classes];
  const styles: string[] = [];
  for (const [key, value] of Object.entries(attributes.attributes)) {
    const offset = Math.max(0, text.indexOf(`${key}=`));
    if (!NAME.test(key)) {
      problems.push({ message: `attribute name \`${key}\` is not a valid HTML attribute name; it is dropped`, offset, ruleId: 'pandoc-attribute-name' });
      continue;
    }
    if (key === 'id') id = value;
    else if (key === 'class') classes.push(...value.split(/\s+/).filter(Boolean));
    else if (target === 'image' && (key === 'width' || key === 'height')) {
      const pixels = PIXELS.exec(value);
      if (pixels) raw[key] = pixels[1]!;
      else if (CSS_LENGTH.test(value)) styles.push(`${key}:${value}`);
      else problems.push({ message: `image ${key} \`${value}\` is not a length (like \`20px\` or \`50%\`); it is dropped`, offset, ruleId: 'pandoc-attribute-value' });
    } else if (key === 'style') styles.unshift(value.replace(/;\s*$/, ''));
    else if (HTML_ATTRIBUTES.has(key) || /^(?:data|aria)-/.test(key)) raw[key] = value;
    else raw[`data-${kebab(key)}`] = value;
  }
  if (styles.length > 0) raw.style = styles.join(';');
  if (id !== undefined && id !== '') raw.id = id;
  else delete raw.id;
  if (classes.length > 0) raw.className = classes;
  else delete raw.className;
  // hastscript gives each attribute its hast property name (`data-start-from` → `dataStartFrom`).
  const properties = h('span', raw).properties;
  return { properties, problems };
}

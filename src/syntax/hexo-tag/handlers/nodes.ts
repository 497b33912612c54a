/**
 * Building blocks for tag handlers: mdast nodes that become any HTML element (through
 * `data.hName`), and the visible trace a tag with bad arguments leaves in the page.
 */
import type { PhrasingContent, RootContent } from 'mdast';
import type { ElementContent, Properties } from 'hast';
import { report, type Severity } from '../../../diagnostics.js';
import type { AnyHexoTag, TagContext } from '../tags.js';

/** The `source` of every diagnostic from a built-in tag handler. */
export const TAG_SOURCE = 'mlpost:hexo-tag';

/** A hast element (for `hChildren`). */
export function hastElement(tagName: string, properties: Properties, children: ElementContent[] = []): ElementContent {
  return { type: 'element', tagName, properties, children };
}

/** A hast text node: author text always goes through one of these, so it is escaped. */
export function hastText(value: string): ElementContent {
  return { type: 'text', value };
}

/**
 * An mdast node that becomes `<tagName …>` with the given hast children. Typed as
 * phrasing content because it is valid in both flow and text positions.
 */
export function elementNode(type: string, tagName: string, properties: Properties, children: ElementContent[] = []): PhrasingContent {
  return { type, data: { hName: tagName, hProperties: properties, hChildren: children } } as unknown as PhrasingContent;
}

/** An mdast node that becomes `<tagName …>` around mdast children (converted as usual). */
export function wrapperNode(type: string, tagName: string, properties: Properties, children: RootContent[]): RootContent {
  return { type, data: { hName: tagName, hProperties: properties }, children } as unknown as RootContent;
}

/** Drop `undefined` and empty-string attributes, as Hexo's `htmlTag` does. */
export function definedProperties(properties: Record<string, string | string[] | boolean | undefined>): Properties {
  const result: Properties = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0)) continue;
    result[key] = value;
  }
  return result;
}

/** Report a problem with a tag at its line:column. */
export function reportTag(tag: AnyHexoTag, context: TagContext, severity: Severity, reason: string, ruleId: string): void {
  report(context.file, severity, reason, { place: tag.position, ruleId, source: TAG_SOURCE });
}

/**
 * Report a tag that cannot be expanded and return its visible trace: the tag's text,
 * escaped, in `<code class="mlpost-tag-error">` (inside a `<div>` in flow).
 */
export function tagProblem(tag: AnyHexoTag, context: TagContext, severity: Severity, reason: string, ruleId: string): RootContent[] {
  reportTag(tag, context, severity, reason, ruleId);
  const text = `{% ${tag.name}${tag.rawArgs ? ` ${tag.rawArgs}` : ''} %}`;
  const properties = { className: ['mlpost-tag-error'], dataTag: tag.name };
  const code = elementNode('hexoTagError', 'code', properties, [hastText(text)]);
  if (!context.flow) return [code];
  return [wrapperNode('hexoTagError', 'div', { className: ['mlpost-tag-error'] }, [{ type: 'paragraph', children: [code] }])];
}

/** Put phrasing output in flow position: a paragraph around it. */
export function inFlow(context: TagContext, nodes: PhrasingContent[]): RootContent[] {
  return context.flow ? [{ type: 'paragraph', children: nodes }] : nodes;
}

const CLASS_NAME = /^-?[_a-zA-Z\u00A0-\uFFFF][-_a-zA-Z0-9\u00A0-\uFFFF]*$/;

/**
 * Class names from tag arguments: each word that is a CSS identifier. Other words
 * (`<b>`, `a,b`, a URL) cannot be meant as classes; they are reported and left out.
 */
export function classNamesFrom(tag: AnyHexoTag, context: TagContext, words: readonly string[]): string[] {
  const names: string[] = [];
  for (const word of words.flatMap((item) => item.split(/\s+/)).filter(Boolean)) {
    if (CLASS_NAME.test(word)) names.push(word);
    else reportTag(tag, context, 'warning', `\`{% ${tag.name} %}\`: \`${word}\` is not a class name; left out`, 'hexo-tag-argument');
  }
  return names;
}

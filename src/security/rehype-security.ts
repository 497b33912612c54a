/**
 * The security step of the HTML stage, right after rehype-raw (so author HTML is already
 * elements) and before math, heading ids and links are added:
 *
 * - in every mode, a script URL (`javascript:`, `vbscript:`, `data:` outside an image) in
 *   a link, an image, SVG or any raw HTML attribute is a warning at the author's place;
 * - with `sanitize: true` (posts from people the site does not trust) those URLs are
 *   removed, what the allow-list ({@link mlpostSanitizeSchema}) refuses is reported and
 *   removed, and the tree is reduced to the allow-list by rehype-sanitize.
 */
import type { Element, Properties, Root } from 'hast';
import rehypeSanitize from 'rehype-sanitize';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { mlpostSanitizeSchema, safeSvgStyle, SVG_TAG_NAMES } from './schema.js';
import { isImageProperty, isScriptUrl, SRCSET_PROPERTIES, srcsetUrls, URL_PROPERTIES, urlScheme } from './script-urls.js';

/** Options of {@link rehypeSecurity}. */
export interface SecurityOptions {
  /** Reduce the page to the allow-list (for untrusted posts). Default `false`. */
  sanitize?: boolean;
}

const SOURCE = 'mlpost:security';
const ALLOWED_TAGS: ReadonlySet<string> = new Set(mlpostSanitizeSchema.tagNames ?? []);
const SVG_TAGS: ReadonlySet<string> = new Set(SVG_TAG_NAMES);
/** Elements whose content goes too when they are removed (the others leave their text). */
const STRIPPED: ReadonlySet<string> = new Set(mlpostSanitizeSchema.strip ?? []);

/** The rehype plugin. */
export function rehypeSecurity(options: SecurityOptions = {}) {
  const sanitize = options.sanitize === true;
  const reduce = sanitize ? (rehypeSanitize(mlpostSanitizeSchema) as unknown as (tree: Root) => Root) : undefined;
  return (tree: Root, file: VFile): Root => {
    // An explicit stack: author HTML may nest deeply.
    const stack: Array<Root | Element> = [tree];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'element') checkElement(node, file, sanitize);
      for (let index = node.children.length - 1; index >= 0; index--) {
        const child = node.children[index]!;
        if (child.type === 'element') stack.push(child);
      }
    }
    return reduce ? reduce(tree) : tree;
  };
}

function checkElement(element: Element, file: VFile, sanitize: boolean): void {
  const { tagName, properties } = element;
  const place = element.position;
  if (sanitize && !ALLOWED_TAGS.has(tagName)) {
    const what = STRIPPED.has(tagName) ? 'removed with its content' : 'removed (its text is kept)';
    report(file, 'warning', `\`<${tagName}>\` is not allowed in a sanitized post: ${what}`, { place, ruleId: 'security-element-removed', source: SOURCE });
    return;
  }
  for (const key of Object.keys(properties)) {
    const value = properties[key];
    if (URL_PROPERTIES.has(key) && typeof value === 'string') {
      if (isScriptUrl(value, isImageProperty(tagName, key))) flagUrl(element, key, value, file, sanitize);
    } else if (SRCSET_PROPERTIES.has(key) && (typeof value === 'string' || Array.isArray(value))) {
      const urls = (Array.isArray(value) ? value.map(String) : [value]).flatMap(srcsetUrls);
      const bad = urls.find((url) => isScriptUrl(url, isImageProperty(tagName, key)));
      if (bad !== undefined) flagUrl(element, key, bad, file, sanitize);
    } else if (sanitize && /^on/i.test(key)) {
      report(file, 'warning', `event handler \`${attributeName(key)}\` on \`<${tagName}>\` is not allowed in a sanitized post: removed`, { place, ruleId: 'security-attribute-removed', source: SOURCE });
      delete properties[key];
    } else if (sanitize && key === 'style' && typeof value === 'string') {
      const safe = SVG_TAGS.has(tagName) ? safeSvgStyle(value) : undefined;
      if (safe !== value) {
        report(file, 'warning', `\`style\` on \`<${tagName}>\` is not allowed in a sanitized post: ${safe === undefined ? 'removed' : 'reduced to the safe declarations'}`, { place, ruleId: 'security-attribute-removed', source: SOURCE });
      }
      if (safe === undefined) delete properties[key];
      else properties.style = safe;
    }
  }
}

function flagUrl(element: Element, key: string, url: string, file: VFile, sanitize: boolean): void {
  const scheme = urlScheme(url) ?? '';
  const consequence = sanitize ? 'removed' : 'kept because the post is trusted (build with `sanitize: true` for posts from others)';
  report(file, 'warning', `\`${scheme}:\` URL in \`${attributeName(key)}\` of \`<${element.tagName}>\` runs code in the reader's browser: ${consequence}`, { place: element.position, ruleId: 'security-script-url', source: SOURCE });
  if (sanitize) delete (element.properties as Properties)[key];
}

/** The HTML attribute a hast property stands for, for messages (`xLinkHref` → `xlink:href`). */
function attributeName(key: string): string {
  if (key === 'xLinkHref') return 'xlink:href';
  if (key === 'srcSet') return 'srcset';
  return key.toLowerCase();
}

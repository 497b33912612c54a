/**
 * Script URLs: URLs that run code when followed or loaded (`javascript:`, `vbscript:`,
 * `data:` outside an image). Read the way a browser reads them, so `JaVa\tScRiPt:` or
 * ` javascript:` are caught too.
 */

/** Schemes that run script. */
const SCRIPT_SCHEMES: ReadonlySet<string> = new Set(['javascript', 'vbscript', 'livescript', 'mocha']);

/** `data:` types an image may load (an image never runs scripts, SVG included). */
const IMAGE_DATA = /^data:image\/(?:png|gif|jpeg|jpg|webp|avif|bmp|x-icon|svg\+xml)[;,]/;

/**
 * The scheme of `url` in lower case, as a browser parses it (leading and trailing C0
 * controls and spaces trimmed, tabs and newlines anywhere removed), or `undefined` for a
 * relative URL.
 */
export function urlScheme(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- C0 controls are exactly what browsers strip
  const cleaned = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return match ? match[1]!.toLowerCase() : undefined;
}

/**
 * Whether `url` runs code: a script scheme anywhere, `data:` unless `asImage` and the data
 * is an image type.
 */
export function isScriptUrl(url: string, asImage: boolean): boolean {
  const scheme = urlScheme(url);
  if (scheme === undefined) return false;
  if (SCRIPT_SCHEMES.has(scheme)) return true;
  if (scheme !== 'data') return false;
  // eslint-disable-next-line no-control-regex -- as in urlScheme
  const cleaned = url.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '').toLowerCase();
  return !(asImage && IMAGE_DATA.test(cleaned));
}

/** hast properties that hold one URL. */
export const URL_PROPERTIES: ReadonlySet<string> = new Set([
  'href', 'src', 'xLinkHref', 'action', 'formAction', 'poster', 'cite', 'background', 'longDesc', 'data', 'codeBase', 'manifest', 'ping', 'lowsrc', 'dynsrc', 'profile',
]);

/** hast properties that hold a list of image candidates (`url 2x, url 640w`). */
export const SRCSET_PROPERTIES: ReadonlySet<string> = new Set(['srcSet', 'imageSrcSet']);

/** Whether `property` of a `tagName` element loads an image (so `data:image/…` is fine there). */
export function isImageProperty(tagName: string, property: string): boolean {
  if (property === 'poster') return true;
  if (tagName === 'img' || tagName === 'image' || tagName === 'feImage') return property === 'src' || property === 'href' || property === 'xLinkHref' || SRCSET_PROPERTIES.has(property);
  if (tagName === 'source') return SRCSET_PROPERTIES.has(property);
  return false;
}

/** The URLs of a `srcset` value. */
export function srcsetUrls(value: string): string[] {
  return value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '').filter((url) => url !== '');
}

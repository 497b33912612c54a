/**
 * Which tags Hexo can render, and the bodies its tag functions receive.
 *
 * A tag Hexo has no function for stops the whole site in Nunjucks ("unknown block tag"),
 * so the swig guard hides such tags and mlpost renders them (`swig-guard.ts`); the guard
 * asks {@link hexoTagLookup}. Inside the bodies of tags Hexo does know, the guard's
 * sentinels are undone by {@link restoreTagBodies} before the tag function sees the body:
 * every tag gets its body exactly as the author wrote it.
 */
import type { HexoLike, HexoTagExtension } from './hexo-api.js';
import { restoreLiterals } from './swig-guard.js';

/** Nunjucks' own statements (`parser.js`), which Hexo's tag pass evaluates too. */
const NUNJUCKS_STATEMENTS: ReadonlySet<string> = new Set([
  'raw', 'endraw', 'verbatim', 'endverbatim', 'if', 'ifAsync', 'elif', 'elseif', 'else', 'endif',
  'for', 'asyncEach', 'asyncAll', 'endfor', 'endeach', 'endall', 'block', 'endblock', 'extends', 'include',
  'set', 'endset', 'macro', 'endmacro', 'call', 'endcall', 'import', 'from', 'filter', 'endfilter',
  'switch', 'case', 'default', 'endswitch',
]);

/**
 * Whether Hexo renders a tag of a given name: one of Nunjucks' statements or a registered
 * tag, or the end of one (`endnote`). Without Hexo's Nunjucks environment (an unknown Hexo)
 * every tag counts as known, which leaves all of them to Hexo as before.
 */
export function hexoTagLookup(hexo: HexoLike): (name: string) => boolean {
  const env = hexo.extend.tag.env;
  if (!env || typeof env.hasExtension !== 'function') return () => true;
  return (name) => NUNJUCKS_STATEMENTS.has(name) || env.hasExtension(name) || (name.length > 3 && name.startsWith('end') && env.hasExtension(name.slice(3)));
}

const restoring = new WeakSet<HexoTagExtension>();

/**
 * Make every tag function registered so far receive its arguments and body with the
 * swig guard's sentinels undone, and call `during` around each call with the data Hexo
 * renders the tags of (the post). Idempotent; call it before each tag pass, since themes
 * and plugins may register tags late.
 */
export function restoreTagBodies(hexo: HexoLike, during?: <T>(post: unknown, call: () => T) => T): void {
  const extensions = hexo.extend.tag.env?.extensionsList;
  if (!Array.isArray(extensions)) return;
  for (const extension of extensions) {
    if (restoring.has(extension) || typeof extension.fn !== 'function') continue;
    const original = extension.fn;
    extension.fn = function restoredBody(this: unknown, args: unknown, body: unknown): unknown {
      const restoredArgs = Array.isArray(args) ? args.map((arg: unknown) => (typeof arg === 'string' ? restoreLiterals(arg) : arg)) : args;
      const restoredBody = typeof body === 'string' ? restoreLiterals(body) : body;
      const call = () => original.call(this, restoredArgs, restoredBody);
      return during ? during(this, call) : call();
    };
    restoring.add(extension);
  }
}

/**
 * The highlighter: lowlight (highlight.js grammars producing hast), with highlight.js's
 * common languages and a few more that ML posts use. The set is fixed, so a language
 * name resolves the same way in every document and every run.
 */
import { all, common, createLowlight } from 'lowlight';

/** Grammars registered besides lowlight's `common` set. */
const EXTRA_LANGUAGES = ['latex', 'matlab', 'julia', 'scala', 'dockerfile', 'cmake', 'haskell', 'protobuf', 'fortran', 'powershell', 'nginx', 'http'] as const;

/** Names that mean "no highlighting" and are not worth a message. */
export const PLAIN_LANGUAGES: ReadonlySet<string> = new Set([
  'text', 'plain', 'plaintext', 'txt', 'none', 'nohighlight', 'no-highlight', 'output', 'dot', 'graphviz',
]);

type Lowlight = ReturnType<typeof createLowlight>;
let shared: Lowlight | undefined;

/** The process-wide highlighter, created on first use (about 20 ms). */
export function highlighter(): Lowlight {
  if (!shared) {
    shared = createLowlight(common);
    for (const name of EXTRA_LANGUAGES) shared.register(name, all[name]!);
  }
  return shared;
}

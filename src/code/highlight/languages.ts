/**
 * The highlighter: lowlight (highlight.js grammars producing hast), with highlight.js's
 * common languages and a few more that ML posts use. The set is fixed, so a language
 * name resolves the same way in every document and every run.
 *
 * Loaded on first use, synchronously (the pipeline stays synchronous for Hexo's
 * `renderSync`): `import 'lowlight'` evaluates all 190 highlight.js grammars, ~0.1–0.2 s
 * of every cold start even for posts without code; requiring lowlight's core and the 49
 * grammars of this set when a post first has code costs a fraction of that.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LanguageFn } from 'highlight.js';

/** lowlight's `common` set (lowlight 3), by highlight.js grammar file name. */
const COMMON_LANGUAGES = [
  'arduino', 'bash', 'c', 'cpp', 'csharp', 'css', 'diff', 'go', 'graphql', 'ini', 'java', 'javascript', 'json', 'kotlin', 'less', 'lua', 'makefile', 'markdown',
  'objectivec', 'perl', 'php', 'php-template', 'plaintext', 'python', 'python-repl', 'r', 'ruby', 'rust', 'scss', 'shell', 'sql', 'swift', 'typescript', 'vbnet', 'wasm', 'xml', 'yaml',
] as const;
/** Grammars registered besides the common set. */
const EXTRA_LANGUAGES = ['latex', 'matlab', 'julia', 'scala', 'dockerfile', 'cmake', 'haskell', 'protobuf', 'fortran', 'powershell', 'nginx', 'http'] as const;

/** Names that mean "no highlighting" and are not worth a message. */
export const PLAIN_LANGUAGES: ReadonlySet<string> = new Set([
  'text', 'plain', 'plaintext', 'txt', 'none', 'nohighlight', 'no-highlight', 'output', 'dot', 'graphviz',
]);

type Lowlight = ReturnType<typeof import('lowlight').createLowlight>;
let shared: Lowlight | undefined;

/** The process-wide highlighter, created on first use. */
export function highlighter(): Lowlight {
  if (!shared) {
    // lowlight's core module without its index (which loads every grammar); an ES module
    // without top-level await, so `require` loads it (Node ≥ 20.19).
    const require = createRequire(import.meta.url);
    const core = join(dirname(require.resolve('lowlight')), 'lib/index.js');
    const { createLowlight } = require(core) as typeof import('lowlight');
    // The grammars of the highlight.js that lowlight itself depends on (the version its
    // core was made for), resolved from lowlight's own folder.
    const fromLowlight = createRequire(core);
    shared = createLowlight();
    for (const name of [...COMMON_LANGUAGES, ...EXTRA_LANGUAGES]) shared.register(name, fromLowlight(`highlight.js/lib/languages/${name}`) as LanguageFn);
  }
  return shared;
}

/**
 * The micromark internals the fixes replace, loaded from the micromark copy that
 * mlpost's parser uses (the one mdast-util-from-markdown resolves) and from the
 * micromark-util-edit-map and micromark-core-commonmark that copy resolves, in each
 * installed build (production `lib`, development `dev/lib`, which bundlers pick with the
 * `development` condition), with the build's parser to check them by running it.
 *
 * Loaded synchronously with `require()` of their ES modules (Node ≥ 20.19), past the
 * packages' `exports`, which do not list them: the module instances are the ones micromark
 * itself imports.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One build of micromark: the objects whose functions the fixes replace. */
export interface MicromarkBuild {
  /** `lib` or `dev/lib`. */
  readonly build: string;
  /** `EditMap.prototype` of micromark-util-edit-map. */
  readonly editMapPrototype: unknown;
  /** The exports of `initialize/text.js`: `resolver`, `string` and `text` carry a `resolveAll`. */
  readonly textInitializers: Readonly<Record<string, unknown>>;
  /** The `document` initializer of `initialize/document.js` (its `tokenize` is the document tokenizer). */
  readonly documentInitializer: unknown;
  /**
   * micromark-core-commonmark's `blankLine` construct, of each of its builds: which one a
   * micromark build imports depends on the resolve conditions of the process (the probe
   * finds the one in use).
   */
  readonly blankLines: readonly unknown[];
  /** The build's own parse: text → events, to check a fix by what it does (with `extensions`, as a parser given them). */
  readonly parseEvents: (text: string, extensions?: readonly unknown[]) => unknown[];
}

interface ParseModules {
  parse: (options?: object) => { document(): { write(chunks: unknown[]): unknown[] } };
  postprocess: (events: unknown[]) => unknown[];
  preprocess: () => (value: string, encoding: undefined, end: boolean) => unknown[];
}

/** The installed builds, production first. Throws when micromark's files are not where they were. */
export function loadMicromarkBuilds(): MicromarkBuild[] {
  const fromMarkdown = createRequire(import.meta.url).resolve('mdast-util-from-markdown');
  const requireFromMicromark = createRequire(createRequire(fromMarkdown).resolve('micromark'));
  const micromarkRoot = dirname(requireFromMicromark.resolve('micromark'));
  const editMapRoot = dirname(requireFromMicromark.resolve('micromark-util-edit-map'));
  const commonmarkRoot = dirname(requireFromMicromark.resolve('micromark-core-commonmark'));
  const builds: MicromarkBuild[] = [];
  const commonmarkBuilds = ['lib', 'dev/lib'].filter((folder) => existsSync(join(commonmarkRoot, folder, 'blank-line.js')));
  for (const [build, editMapFile] of [['lib', 'index.js'], ['dev/lib', 'dev/index.js']] as const) {
    const textFile = join(micromarkRoot, build, 'initialize/text.js');
    // The development build is optional; the production one must be there (else: throw).
    if (build !== 'lib' && !existsSync(textFile)) continue;
    const editMap = requireFromMicromark(join(editMapRoot, editMapFile)) as { EditMap?: { prototype: unknown } };
    const load = <T>(file: string) => requireFromMicromark(join(micromarkRoot, build, file)) as T;
    const { parse } = load<Pick<ParseModules, 'parse'>>('parse.js');
    const { postprocess } = load<Pick<ParseModules, 'postprocess'>>('postprocess.js');
    const { preprocess } = load<Pick<ParseModules, 'preprocess'>>('preprocess.js');
    builds.push({
      build,
      editMapPrototype: editMap.EditMap?.prototype,
      textInitializers: requireFromMicromark(textFile) as Record<string, unknown>,
      documentInitializer: load<{ document?: unknown }>('initialize/document.js').document,
      blankLines: commonmarkBuilds.map((folder) => (requireFromMicromark(join(commonmarkRoot, folder, 'blank-line.js')) as { blankLine?: unknown }).blankLine),
      parseEvents: (text, extensions) => postprocess(parse({ extensions: extensions ? [...extensions] : [] }).document().write(preprocess()(text, undefined, true))),
    });
  }
  return builds;
}

/**
 * The two micromark internals the fixes replace, loaded from the micromark copy that
 * mlpost's parser uses (the one mdast-util-from-markdown resolves) and from the
 * micromark-util-edit-map that copy resolves, in each installed build (production `lib`,
 * development `dev/lib`, which bundlers pick with the `development` condition).
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
}

/** The installed builds, production first. Throws when micromark's files are not where they were. */
export function loadMicromarkBuilds(): MicromarkBuild[] {
  const fromMarkdown = createRequire(import.meta.url).resolve('mdast-util-from-markdown');
  const requireFromMicromark = createRequire(createRequire(fromMarkdown).resolve('micromark'));
  const micromarkRoot = dirname(requireFromMicromark.resolve('micromark'));
  const editMapRoot = dirname(requireFromMicromark.resolve('micromark-util-edit-map'));
  const builds: MicromarkBuild[] = [];
  for (const [build, editMapFile] of [['lib', 'index.js'], ['dev/lib', 'dev/index.js']] as const) {
    const textFile = join(micromarkRoot, build, 'initialize/text.js');
    // The development build is optional; the production one must be there (else: throw).
    if (build !== 'lib' && !existsSync(textFile)) continue;
    const editMap = requireFromMicromark(join(editMapRoot, editMapFile)) as { EditMap?: { prototype: unknown } };
    builds.push({
      build,
      editMapPrototype: editMap.EditMap?.prototype,
      textInitializers: requireFromMicromark(textFile) as Record<string, unknown>,
    });
  }
  return builds;
}

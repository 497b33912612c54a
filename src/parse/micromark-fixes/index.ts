/**
 * Speed fixes for micromark 4, explicit and checked (`edit-map.ts`, `text-resolver.ts`,
 * `document.ts`, `blank-line.ts` say what each fixes), and for constructs of the syntax
 * extensions mlpost parses with (`footnote-call.ts`, `attention.ts`, `strikethrough.ts`,
 * found in the parser's extension list: `extension-fixes.ts`). micromark exports none of
 * its pieces, so:
 *
 * - they are found in the micromark copy mlpost's parser uses, in its production and
 *   development builds, loaded synchronously on the first parse (`micromark-files.ts`);
 * - each original is checked by running it and its replacement on fixed inputs
 *   (`probes.ts`). A micromark that changed is left alone and a warning says so once: parsing stays
 *   correct, only as slow as upstream on long lists and links, and the size limits
 *   (`src/limits/`) still bound it;
 * - they are in place only while mlpost parses (`withMicromarkFixes`): another user of the
 *   same micromark in the process (Astro's other pages, Hexo plugins) runs it as published.
 */
import { consumeFromFirstEdit } from './edit-map.js';
import { linearTextResolver, type DataEvent } from './text-resolver.js';
import { consumeMatches, mergeMatches, tokenizesAlike } from './probes.js';
import { documentWithLazyLineMemo, type EditMapLike } from './document.js';
import { blankLineWithMemo } from './blank-line.js';
import { loadMicromarkBuilds, type MicromarkBuild } from './micromark-files.js';
import { planExtensionFixes } from './extension-fixes.js';

/** A fix: the function at `target[key]` replaced by `replacement` while mlpost parses. */
export interface Patch {
  readonly target: Record<string, unknown>;
  readonly key: string;
  readonly original: unknown;
  readonly replacement: unknown;
}

type Resolver = (events: DataEvent[], context: unknown) => DataEvent[];
type Tokenizer = Parameters<typeof blankLineWithMemo>[0];

/** What became of one fix in one build of micromark. */
export interface FixStatus {
  /** `edit-map consume (lib)`, `text resolveAll (dev/lib)` … */
  readonly name: string;
  readonly applied: boolean;
  /** Why it is not applied. */
  readonly reason?: string;
}

/**
 * A patch of `target[key]` if `matches(original)`, else the reason there is none
 * (exported for the test of a micromark that changed).
 */
export function checkedPatch<F>(name: string, target: unknown, key: string, matches: (original: unknown) => boolean, makeReplacement: (original: F) => unknown): { patch?: Patch; status: FixStatus } {
  const holder = target as Record<string, unknown> | undefined;
  const original = holder?.[key];
  if (typeof original !== 'function') return { status: { name, applied: false, reason: `${key} not found` } };
  if (!matches(original)) return { status: { name, applied: false, reason: `${key} does not do what the fix was written for` } };
  return { patch: { target: holder!, key, original, replacement: makeReplacement(original as F) }, status: { name, applied: true } };
}

/** The patches to apply and the status of every fix. */
export interface Fixes {
  readonly patches: readonly Patch[];
  readonly statuses: readonly FixStatus[];
}

/** Check every fix against `builds` (pure: what would be applied, and why not). */
export function planFixes(builds: readonly MicromarkBuild[]): Fixes {
  const patches: Patch[] = [];
  const statuses: FixStatus[] = [];
  const add = (result: { patch?: Patch; status: FixStatus }) => {
    statuses.push(result.status);
    if (result.patch) patches.push(result.patch);
  };
  for (const { build, editMapPrototype, textInitializers, documentInitializer, blankLines, parseEvents } of builds) {
    add(checkedPatch(`edit-map consume (${build})`, editMapPrototype, 'consume', () => consumeMatches(editMapPrototype), () => consumeFromFirstEdit));
    // The three resolvers are one function made three times (`createResolver`); `string`
    // and `text` add a pass after the merge that needs a real parse to run, so they are
    // checked by being that same code, and `resolver` (the merge alone) by its probes.
    const merge = (textInitializers.resolver as { resolveAll?: unknown } | undefined)?.resolveAll;
    for (const carrier of ['resolver', 'string', 'text']) {
      const sameCode = (original: unknown) => mergeMatches(merge) && String(original) === String(merge);
      add(checkedPatch(`text resolveAll of ${carrier} (${build})`, textInitializers[carrier], 'resolveAll', sameCode, (original: Resolver) => linearTextResolver(original)));
    }
    // The tokenizers are checked by parsing the probe posts with and without the fix.
    const EditMap = (editMapPrototype as { constructor?: new () => EditMapLike } | undefined)?.constructor;
    if (typeof EditMap === 'function') {
      const lazyLines = documentWithLazyLineMemo(EditMap);
      add(checkedPatch(`document lazy lines (${build})`, documentInitializer, 'tokenize', () => tokenizesAlike(parseEvents, documentInitializer as Record<string, unknown>, 'tokenize', lazyLines), () => lazyLines));
    } else add({ status: { name: `document lazy lines (${build})`, applied: false, reason: 'EditMap not found' } });
    // The blank-line check this build imports (lib or dev, by the process's conditions).
    const blankLineFix = (blankLine: unknown) =>
      checkedPatch(`blank line (${build})`, blankLine, 'tokenize', (original) => tokenizesAlike(parseEvents, blankLine as Record<string, unknown>, 'tokenize', blankLineWithMemo(original as Tokenizer)), (original: Tokenizer) => blankLineWithMemo(original));
    const candidates = blankLines.map(blankLineFix);
    const live = candidates.find((candidate) => candidate.patch);
    if (live && !patches.some((patch) => patch.target === live.patch!.target)) add(live);
    else if (live) statuses.push(live.status);
    else add(candidates[0] ?? { status: { name: `blank line (${build})`, applied: false, reason: 'blank-line.js not found' } });
  }
  return { patches, statuses };
}

/** The warning for fixes that cannot be applied, or `undefined` when all are. */
export function fixesOffWarning(statuses: readonly FixStatus[]): string | undefined {
  const skipped = statuses.filter((status) => !status.applied);
  if (skipped.length === 0) return undefined;
  return `mlpost: micromark is not the version its speed fixes were written for, so they are off (parsing is correct; long lists and links parse as slowly as upstream): ${skipped.map((status) => `${status.name}: ${status.reason}`).join('; ')}`;
}

let fixes: Fixes | undefined;
let builds: MicromarkBuild[] = [];

/** Find and check the fixes once per process; warn once if any cannot be applied. */
function loadFixes(): Fixes {
  if (fixes) return fixes;
  try {
    builds = loadMicromarkBuilds();
    fixes = planFixes(builds);
  } catch (error) {
    fixes = { patches: [], statuses: [{ name: 'micromark files', applied: false, reason: error instanceof Error ? error.message : String(error) }] };
  }
  warnIfOff(fixes.statuses);
  return fixes;
}

let warned = false;
function warnIfOff(statuses: readonly FixStatus[]): void {
  const warning = fixesOffWarning(statuses);
  if (warning && !warned) {
    warned = true;
    process.emitWarning(warning, { code: 'MLPOST_MICROMARK_FIXES_OFF' });
  }
}

const extensionFixes = new WeakMap<readonly unknown[], Fixes>();

/** The fixes for the constructs of a parser's extension list, checked once per list. */
function loadExtensionFixes(extensions: readonly unknown[]): Fixes {
  let planned = extensionFixes.get(extensions);
  if (planned) return planned;
  loadFixes();
  const build = builds[0];
  planned = build ? planExtensionFixes(extensions, build.parseEvents) : { patches: [], statuses: [] };
  extensionFixes.set(extensions, planned);
  warnIfOff(planned.statuses);
  return planned;
}

/**
 * Which fixes are applied while mlpost parses, and why any is not: micromark's, and with
 * `extensions` (a parser's extension list) those of its constructs.
 */
export function micromarkFixStatus(extensions?: readonly unknown[]): readonly FixStatus[] {
  const own = loadFixes().statuses;
  return extensions ? [...own, ...loadExtensionFixes(extensions).statuses] : own;
}

/**
 * Run `parse` (synchronous) with the fixes in place — micromark's, and those for the
 * constructs of `extensions` when given — and put everything back afterwards. A parse
 * inside another (a post's part parsed on its own) keeps what the outer one put in place.
 */
export function withMicromarkFixes<T>(parse: () => T, extensions?: readonly unknown[]): T {
  const patches = [...loadFixes().patches, ...(extensions ? loadExtensionFixes(extensions).patches : [])];
  const applied: Patch[] = [];
  for (const patch of patches) {
    if (patch.target[patch.key] === patch.replacement) continue;
    patch.target[patch.key] = patch.replacement;
    applied.push(patch);
  }
  try {
    return parse();
  } finally {
    for (const patch of applied.reverse()) patch.target[patch.key] = patch.original;
  }
}

/**
 * Speed fixes for constructs of the syntax extensions mlpost parses with (GFM footnotes
 * and strikethrough, CJK-friendly emphasis), found by name in the extension list the
 * parser is given, so they are the objects micromark will call (in a bundle too: the
 * bundle's own copies). Each is checked, like the fixes of micromark itself, by parsing
 * probe posts with and without it (`probes.ts`).
 */
import { potentialFootnoteCallWithBoundedScan } from './footnote-call.js';
import { resolveAllAttentionLinear } from './attention.js';
import { resolveAllStrikethroughLinear } from './strikethrough.js';
import { behavesAlike, FOOTNOTE_PROBES, SPAN_PROBES } from './probes.js';
import type { FixStatus, Fixes, Patch } from './index.js';

interface ExtensionFix {
  /** The name in the status list. */
  readonly name: string;
  /** The construct's `name` and the hook it is registered in. */
  readonly construct: string;
  readonly key: 'tokenize' | 'resolveAll';
  readonly replacement: (original: never) => unknown;
  readonly probes: readonly string[];
}

const FIXES: readonly ExtensionFix[] = [
  { name: 'footnote call scan', construct: 'gfmPotentialFootnoteCall', key: 'tokenize', replacement: potentialFootnoteCallWithBoundedScan, probes: FOOTNOTE_PROBES },
  { name: 'emphasis resolveAll', construct: 'attention', key: 'resolveAll', replacement: () => resolveAllAttentionLinear, probes: SPAN_PROBES },
  { name: 'strikethrough resolveAll', construct: 'strikethrough', key: 'resolveAll', replacement: () => resolveAllStrikethroughLinear, probes: SPAN_PROBES },
];

/**
 * The fixes for the constructs of `extensions` (micromark extensions, as a parser's
 * `extensions` option), checked with `parseEvents` (a build's parse given the extensions).
 * A construct the list does not have needs no fix and has no status.
 */
export function planExtensionFixes(extensions: readonly unknown[], parseEvents: (text: string, extensions: readonly unknown[]) => unknown[]): Fixes {
  const patches: Patch[] = [];
  const statuses: FixStatus[] = [];
  const parse = (text: string) => parseEvents(text, extensions);
  for (const fix of FIXES) {
    for (const target of textConstructsNamed(extensions, fix.construct)) {
      const original = target[fix.key];
      if (typeof original !== 'function') continue;
      const replacement = fix.replacement(original as never);
      if (behavesAlike(parse, target, fix.key, replacement, fix.probes)) {
        patches.push({ target, key: fix.key, original, replacement });
        statuses.push({ name: fix.name, applied: true });
      } else statuses.push({ name: fix.name, applied: false, reason: `${fix.key} of ${fix.construct} does not do what the fix was written for` });
    }
  }
  return { patches, statuses };
}

/** The constructs named `name` in the `text` hook of `extensions` (each object once). */
function textConstructsNamed(extensions: readonly unknown[], name: string): Array<Record<string, unknown>> {
  const found = new Set<Record<string, unknown>>();
  const visit = (extension: unknown): void => {
    if (Array.isArray(extension)) return extension.forEach(visit);
    const text = (extension as { text?: Record<string, unknown> } | undefined)?.text;
    for (const constructs of Object.values(text ?? {})) {
      for (const construct of [constructs].flat()) {
        if (construct && typeof construct === 'object' && (construct as { name?: unknown }).name === name) found.add(construct as Record<string, unknown>);
      }
    }
  };
  visit(extensions);
  return [...found];
}

/**
 * Cheap scans of a post's source that let a tree transform skip its walk when the syntax
 * it handles cannot be in the post (each walk of a post's tree costs ~0.1 ms; a regular
 * expression over the source, a few microseconds).
 */
import type { VFile } from 'vfile';

/**
 * Whether `file`'s source may hold what `pattern` finds. True when there is no source
 * (a tree given to the processor directly): then only the walk can tell.
 */
export function sourceMayMatch(file: VFile, pattern: RegExp): boolean {
  return file.value === undefined || pattern.test(String(file.value));
}

/**
 * `marker` (a regular-expression source) at the start of a line, after any indentation and
 * quote or list markers: where a block of that syntax can start.
 */
export function markerAtLineStart(marker: string): RegExp {
  return new RegExp(`^[ \\t>]*(?:(?:[-+*]|\\d{1,9}[.)])[ \\t]+[ \\t>]*)*${marker}`, 'm');
}

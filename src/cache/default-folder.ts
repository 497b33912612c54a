/**
 * Where mlpost keeps caches when no site says otherwise (`mlpost render`, the cells of a
 * pipeline given no folder): `node_modules/.cache/mlpost/<part>` under the working
 * directory, the place build tools share for such files.
 */
import { join } from 'node:path';

/** The default cache folder of `part` (`cells`, `graphs`). */
export function defaultCacheFolder(part: string): string {
  return join(process.cwd(), 'node_modules', '.cache', 'mlpost', part);
}

/**
 * mlpost's own folder, found from wherever the running code sits: `dist/` (installed),
 * `dist/bundle/` (the CLI's bundles) or `src/` (tests): the nearest folder above holding
 * mlpost's package.json. Files that ship beside the code (`assets/`, `package.json`) are
 * found from here, so their paths do not depend on how deep a module or bundle lies.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder holding mlpost's package.json. */
export function packageRoot(): string {
  if (root !== undefined) return root;
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    try {
      if ((JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: string }).name === 'mlpost') return (root = folder);
    } catch {
      // No manifest here, or not mlpost's (dist/bundle/ has its own): one level up.
    }
    if (dirname(folder) === folder) throw new Error("mlpost: cannot find mlpost's package.json above its code");
  }
}

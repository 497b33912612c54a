/** mlpost's version, read once from package.json (cache keys and `<meta name="generator">`). */
import { readFileSync } from 'node:fs';

/** mlpost's package.json, found above this module (in `dist/`, `dist/bundle/` or `src/`). */
function ownManifest(): { version: string } {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (manifest.name === 'mlpost') return manifest;
    } catch {
      // Not there: one level up.
    }
  }
  throw new Error("mlpost: cannot find mlpost's package.json");
}

export const MLPOST_VERSION: string = ownManifest().version;

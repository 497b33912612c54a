/** mlpost's version, read once from package.json (cache keys and `<meta name="generator">`). */
import { readFileSync } from 'node:fs';

export const MLPOST_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

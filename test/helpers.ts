/** Shared test helpers. */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Read a file under `fixtures/`. */
export function fixture(path: string): string {
  return readFileSync(join(repoRoot, 'fixtures', path), 'utf8');
}

/**
 * Compare `actual` with the golden file `fixtures/golden/<name>`. With
 * `MLPOST_UPDATE_GOLDEN=1` (`npm run golden`) the file is rewritten instead.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(repoRoot, 'fixtures', 'golden', name);
  if (process.env.MLPOST_UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.CI && !existsSync(path)) throw new Error(`golden file ${name} is missing; run npm run golden`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

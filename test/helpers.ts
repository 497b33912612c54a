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
 * Compare `actual` with the golden file `fixtures/golden/<name>`. Only `npm run golden`
 * (`MLPOST_UPDATE_GOLDEN=1`) writes golden files; a missing one fails the test, so a test
 * run never creates the expectation it then meets.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(repoRoot, 'fixtures', 'golden', name);
  if (process.env.MLPOST_UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  } else if (!existsSync(path)) {
    throw new Error(`golden file fixtures/golden/${name} is missing: write it with \`npm run golden\` and review it`);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

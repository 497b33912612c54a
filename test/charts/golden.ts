/**
 * Golden files for chart output under `fixtures/charts/`. Regenerate with
 * `MLPOST_UPDATE_GOLDEN=1 npx vitest run test/charts`, then review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Compare `actual` with `fixtures/<name>`, or write it when regeneration is asked for. */
export function expectGolden(name: string, actual: string): void {
  const path = join(root, 'fixtures', name);
  if (process.env.MLPOST_UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.MLPOST_UPDATE_GOLDEN !== '1' && process.env.CI) throw new Error(`golden file ${name} is missing`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

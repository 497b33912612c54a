/** The docs name every config key, template and interface string there is. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { KNOWN_KEYS } from '../../src/site/config-schema.js';
import { stringsFor } from '../../src/i18n/strings.js';
import { repoRoot } from '../helpers.js';

const doc = (name: string) => readFileSync(join(repoRoot, 'docs', name), 'utf8');

describe('docs', () => {
  it('configuration.md documents every config key', () => {
    const text = doc('configuration.md');
    for (const key of KNOWN_KEYS) expect(text, key).toMatch(new RegExp(`^\\| \`${key}[.\`]`, 'm'));
  });

  it('theme.md documents every template of the default theme and every interface string', () => {
    const text = doc('theme.md');
    const theme = join(repoRoot, 'assets/theme');
    const walk = (folder: string): string[] => readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(folder, entry.name)) : [relative(theme, join(folder, entry.name))]));
    for (const file of walk(theme)) expect(text, file).toContain(`\`${file}\``);
    for (const key of Object.keys(stringsFor('en'))) expect(text, key).toContain(`\`${key}\``);
  });

  it('the README and the docs point to files of the repository only', () => {
    for (const file of ['README.md', 'docs/configuration.md', 'docs/theme.md', 'docs/hexo-migration.md', 'docs/cells.md']) {
      expect(readFileSync(join(repoRoot, file), 'utf8'), file).not.toMatch(/\.\.\/shared\//);
    }
  });
});

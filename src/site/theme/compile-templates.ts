/**
 * The default theme compiled ahead of time: the source of the module that stands for
 * `precompiled-templates.ts` in the CLI bundle (`scripts/bundle.mjs` writes it there).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadNunjucks, templateDigest, templateNames } from './theme.js';

/** An ES module exporting `precompiledDefaultTemplates()` with every template of `folder` compiled. */
export function precompiledModuleSource(folder: string): string {
  const nunjucks = loadNunjucks();
  const entries = templateNames(folder).map((name) => {
    // The wrapper gets each template's code: a function body returning `{ root, b_block… }`.
    const wrapper = (templates: Array<{ name: string; template: string }>) => templates[0]!.template;
    const code = nunjucks.precompileString(readFileSync(join(folder, name), 'utf8'), { name, wrapper } as never);
    return `    ${JSON.stringify(name)}: (function () {\n${code}\n})(),`;
  });
  return [
    'export function precompiledDefaultTemplates() {',
    `  return { digest: ${JSON.stringify(templateDigest(folder))}, templates: {`,
    ...entries,
    '  } };',
    '}',
    '',
  ].join('\n');
}

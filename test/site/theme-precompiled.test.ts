import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { PrecompiledTemplates } from '../../src/site/theme/precompiled-templates.js';

// What the CLI bundle would have compiled in (scripts/bundle.mjs), set per test.
let bundled: PrecompiledTemplates | undefined;
vi.mock('../../src/site/theme/precompiled-templates.js', () => ({ precompiledDefaultTemplates: () => bundled }));

const { precompiledModuleSource } = await import('../../src/site/theme/compile-templates.js');
const { Theme } = await import('../../src/site/theme/theme.js');

const folder = mkdtempSync(join(tmpdir(), 'mlpost-theme-'));
const write = (name: string, text: string) => writeFileSync(join(folder, name), text);
write('layout.njk', '<title>{{ title }}</title>{% block body %}{% endblock %}\n');
write('page.njk', '{% extends "layout.njk" %}{% block body %}<p>{{ title }}</p>{{ body | safe }}{% endblock %}\n');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function compiledFromFiles(): Promise<PrecompiledTemplates> {
  const module = (await import(`data:text/javascript,${encodeURIComponent(precompiledModuleSource(folder))}`)) as { precompiledDefaultTemplates(): PrecompiledTemplates };
  return module.precompiledDefaultTemplates();
}

describe('the default theme compiled into the bundle', () => {
  const context = { title: 'a < b', body: '<em>x</em>' };
  const expected = '<title>a &lt; b</title><p>a &lt; b</p><em>x</em>\n';

  it('renders what the files render, escaping included', async () => {
    bundled = undefined;
    expect(new Theme([folder]).render('page.njk', context)).toBe(expected);
    bundled = await compiledFromFiles();
    expect(Object.keys(bundled.templates)).toEqual(['layout.njk', 'page.njk']);
    expect(new Theme([folder]).render('page.njk', context)).toBe(expected);
  });

  it('is used only while the files are those it was compiled from', async () => {
    bundled = await compiledFromFiles();
    // Proof that the compiled copy is what renders: a digest-matching copy that says otherwise.
    const layout = bundled.templates['layout.njk']!;
    bundled = { ...bundled, templates: { ...bundled.templates, 'page.njk': layout } };
    expect(new Theme([folder]).render('page.njk', context)).toBe('<title>a &lt; b</title>\n');
    // An edited file changes the digest: Nunjucks compiles the files again.
    write('layout.njk', '<h1>{{ title }}</h1>{% block body %}{% endblock %}\n');
    expect(new Theme([folder]).render('page.njk', context)).toBe('<h1>a &lt; b</h1><p>a &lt; b</p><em>x</em>\n');
  });

  it('leaves a site\'s own templates in front of the compiled defaults', async () => {
    write('layout.njk', '<title>{{ title }}</title>{% block body %}{% endblock %}\n');
    bundled = await compiledFromFiles();
    const site = mkdtempSync(join(tmpdir(), 'mlpost-site-theme-'));
    try {
      writeFileSync(join(site, 'layout.njk'), '<header>{{ title }}</header>{% block body %}{% endblock %}\n');
      expect(new Theme([site, folder]).render('page.njk', context)).toBe('<header>a &lt; b</header><p>a &lt; b</p><em>x</em>\n');
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });
});

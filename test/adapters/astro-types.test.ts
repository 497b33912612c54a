/**
 * mlpost writes out the part of Astro's integration API it uses (src/adapters/astro/astro-types.ts)
 * so that building it needs no Astro. This file is typechecked by `npm test` (tsc over test/)
 * against the real Astro 5 of test/node_modules: if the written-out shapes drift from Astro's,
 * `mlpostAstro()` stops being an `AstroIntegration` and the typecheck fails.
 */
import type { AstroIntegration } from 'astro';
import { defineConfig } from 'astro/config';
import { describe, expect, it } from 'vitest';
import { mlpostAstro } from '../../src/adapters/astro/index.js';

describe('mlpostAstro() as Astro types it', () => {
  it('is an AstroIntegration and goes into defineConfig', () => {
    const integration: AstroIntegration = mlpostAstro();
    const config = defineConfig({ integrations: [mlpostAstro({ darkMode: 'media' })] });
    expect(integration.name).toBe('mlpost');
    expect(typeof integration.hooks['astro:config:setup']).toBe('function');
    expect(config.integrations).toHaveLength(1);
  });
});

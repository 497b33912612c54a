import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { katexDirectory, katexVersion, staticAssets } from '../../src/site/assets.js';

describe('KaTeX assets', () => {
  it('ships the CSS and fonts of the very KaTeX that renders the math', () => {
    expect(katexVersion()).toBe(katex.version);
    const css = staticAssets().find((asset) => asset.path === 'katex/katex.min.css')!;
    expect(css.source).toBe(join(katexDirectory(), 'dist', 'katex.min.css'));
    // Every font the CSS asks for in woff2 is shipped.
    const wanted = [...readFileSync(css.source, 'utf8').matchAll(/fonts\/([\w-]+\.woff2)/g)].map((m) => `katex/fonts/${m[1]}`);
    const shipped = new Set(staticAssets().map((asset) => asset.path));
    expect(wanted.length).toBeGreaterThan(15);
    expect(wanted.filter((path) => !shipped.has(path))).toEqual([]);
  });
});

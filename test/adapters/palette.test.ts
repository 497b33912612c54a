import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The colours are written twice: in the site theme (`assets/mlpost.css`, a file users may
// replace whole) and in the pieces a Hexo/Astro theme's pages get (`assets/embed/`). This
// keeps the two from drifting apart.
const asset = (path: string) => readFileSync(new URL(`../../assets/${path}`, import.meta.url), 'utf8');

function declarations(css: string): Map<string, string> {
  return new Map([...css.matchAll(/(--mlpost-[\w-]+):\s*([^;]+);/g)].map((match) => [match[1]!, match[2]!.trim()]));
}

describe('the embedded stylesheet pieces', () => {
  const theme = asset('mlpost.css');
  const darkStart = theme.indexOf('@media (prefers-color-scheme: dark)');
  const light = declarations(theme.slice(0, darkStart));
  const dark = declarations(theme.slice(darkStart, theme.indexOf('\n}\n', darkStart)));

  it('give every colour the value the site theme gives it, light and dark', () => {
    for (const [file, expected] of [['embed/palette-light.css', light], ['embed/palette-dark.css', dark]] as const) {
      const embedded = declarations(asset(file));
      expect(embedded.size).toBeGreaterThanOrEqual(20);
      for (const [name, value] of embedded) expect([file, name, value]).toEqual([file, name, expected.get(name)]);
    }
  });

  it('style the theme tags with the same rules as the site theme', () => {
    const rules = asset('embed/theme-tags.css');
    expect(rules).toContain('.mlpost-note {');
    expect(theme).toContain(rules);
  });

  it('hide a spoiler behind a visible bar on a theme page, where --mlpost-fg is not defined', () => {
    const rules = asset('embed/theme-tags.css');
    const spoiler = /\.mlpost-spoiler \{([^}]*)\}/.exec(rules)![1]!;
    expect(spoiler).toContain('color: transparent');
    // `currentColor` there would be the element's own colour, transparent: no bar at all.
    const background = /background: var\(--mlpost-fg, ([^)]+)\)/.exec(spoiler)![1]!;
    expect(declarations(asset('embed/palette-light.css')).has('--mlpost-fg')).toBe(false);
    expect(background.toLowerCase()).not.toBe('currentcolor');
  });
});

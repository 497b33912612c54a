/**
 * The static files a page needs: KaTeX's CSS and fonts (from the very KaTeX package that
 * `math/rehype-math.ts` renders with, so markup and CSS always match) and mlpost's theme.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageRoot } from '../package-root.js';

/** A file to copy into the output, with its path relative to the output's asset folder. */
export interface StaticAsset {
  path: string;
  source: string;
}

const require = createRequire(import.meta.url);

/** KaTeX's installation folder: the package `math/rehype-math.ts` imports. */
export function katexDirectory(): string {
  return dirname(require.resolve('katex/package.json'));
}

/** The KaTeX version whose CSS is shipped. */
export function katexVersion(): string {
  return (JSON.parse(readFileSync(join(katexDirectory(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** mlpost's own `assets/` folder (theme CSS), beside `src/` and `dist/`. */
export function themeDirectory(): string {
  return join(packageRoot(), 'assets');
}

/** Every static file a page links to, relative to the output's `assets/` folder. */
export function staticAssets(): StaticAsset[] {
  const katex = join(katexDirectory(), 'dist');
  const fonts = readdirSync(join(katex, 'fonts'))
    .filter((name) => name.endsWith('.woff2'))
    .sort()
    .map((name) => ({ path: `katex/fonts/${name}`, source: join(katex, 'fonts', name) }));
  return [
    { path: 'katex/katex.min.css', source: join(katex, 'katex.min.css') },
    ...fonts,
    { path: 'mlpost.css', source: join(themeDirectory(), 'mlpost.css') },
  ];
}

// The tools of the same-work comparison and how each builds a bench site: where its copy of
// the posts goes, what a cold build removes first, the command, where a post's page lands
// and what typeset math looks like in it.
//
// Each tool: { id, label, does, math ({ formula, error, errorIsFormula }: what marks a formula
// and a formula that failed to typeset, or null for a tool that typesets none), unavailable() (a reason, or null), prepare(posts, dir) (the copy of
// the site, untimed), clean(dir) (untimed), command(dir) ({ command, args, cwd }),
// reproduce (the shell lines, with $DIR for the tool's folder), page(dir, name) }.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeHexoSite, NUNJUCKS_FAILING } from '../site/hexo-site.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('./', import.meta.url));
const remove = (dir, ...paths) => {
  for (const path of paths) rmSync(join(dir, path), { recursive: true, force: true });
};
const dependenciesOf = (peer) => JSON.parse(readFileSync(join(here, peer, 'package.json'), 'utf8')).dependencies;
// KaTeX (mlpost, rehype-katex, Hugo's transform.ToMath) marks each formula with one
// `class="katex"` element and shows one it cannot read as `class="katex-error"` instead;
// MathJax puts every formula in an <mjx-container>, one it cannot read with a data-mjx-error inside.
const KATEX = { formula: /class="katex"/g, error: /class="katex-error"/g, errorIsFormula: false };
const MATHJAX = { formula: /<mjx-container/g, error: /data-mjx-error=/g, errorIsFormula: true };

const mlpost = {
  id: 'mlpost',
  label: 'mlpost',
  does: 'KaTeX math, Graphviz graphs, pandoc/Hexo syntax, home + tag + category pages',
  math: KATEX,
  packageDir: null,
  unavailable: () => null,
  // The bench site itself (posts/): nothing to copy.
  prepare: (posts) => join(posts, '..'),
  clean: (dir) => remove(dir, 'dist', '.mlpost-cache'),
  command: (dir) => ({ command: process.execPath, args: [join(root, 'bin/mlpost.js'), 'build', dir, '--no-cache'], cwd: root }),
  reproduce: 'rm -rf $DIR/dist $DIR/.mlpost-cache && node bin/mlpost.js build $DIR --no-cache',
  // Pages are named by the file name, case kept (Hexo's default `filename_case: 0`).
  page: (dir, name) => join(dir, 'dist', name, 'index.html'),
};

/** A Hexo 8 peer with the plugins of bench/peers/<peer>/package.json. */
function hexo(peer, { label, does, math, config = '', transform }) {
  return {
    id: peer,
    label,
    does,
    math,
    packageDir: join(here, peer),
    unavailable: () => null,
    prepare: (posts, dir) =>
      makeHexoSite(dir, posts, {
        disableNunjucks: NUNJUCKS_FAILING,
        modules: join(here, peer, 'node_modules'),
        dependencies: dependenciesOf(peer),
        // A post's page at public/<file name>/index.html, to find it for the math check.
        config: `permalink: :title/\n${config}`,
        transform,
      }),
    // What `hexo clean` removes.
    clean: (dir) => remove(dir, 'public', 'db.json'),
    command: (dir) => ({ command: process.execPath, args: [join(dir, 'node_modules/hexo-cli/bin/hexo'), 'generate'], cwd: dir }),
    reproduce: 'cd $DIR && rm -rf public db.json && node node_modules/hexo-cli/bin/hexo generate',
    page: (dir, name) => join(dir, 'public', name, 'index.html'),
  };
}

const hexoMathjax = hexo('hexo-mathjax', {
  label: 'Hexo 8 + hexo-filter-mathjax',
  does: 'MathJax 4 math on every page (server side, after marked), home + tag + category pages',
  math: MATHJAX,
  // tags: ams loads the AMS package (align*, \dfrac, matrix, \tag), which the corpus, written for
  // MathJax with AMS, uses throughout; without it MathJax shows ~450 of the 100-post site's formulas
  // as errors (less work than typesetting them).
  config: 'mathjax:\n  every_page: true\n  tags: ams\n',
  // MathJax's HTML parser throws on an end tag without a start tag, and the corpus writes
  // line breaks as `</br>` (browsers and parse5 read it as <br>).
  transform: (text) => text.replaceAll('</br>', '<br>'),
});

const hexoMarked = hexo('hexo-marked', {
  label: 'Hexo 8 + hexo-renderer-marked',
  does: 'less: no math typeset (formulas stay TeX source), home + tag + category pages',
  math: null,
});

const astroKatex = {
  id: 'astro-katex',
  label: 'Astro 5 + remark-math + rehype-katex',
  does: 'KaTeX math (remark/rehype, as mlpost), Shiki code highlighting, home page',
  math: KATEX,
  packageDir: join(here, 'astro-katex'),
  unavailable: () => null,
  prepare: (posts, dir) => {
    rmSync(dir, { recursive: true, force: true });
    cpSync(join(here, 'astro-katex/site'), dir, { recursive: true });
    cpSync(join(here, 'astro-katex/package.json'), join(dir, 'package.json'));
    symlinkSync(join(here, 'astro-katex/node_modules'), join(dir, 'node_modules'));
    cpSync(posts, join(dir, 'src/content/posts'), { recursive: true });
    return dir;
  },
  // Astro's caches: the content layer's store (.astro, cacheDir) and Vite's (node_modules/.vite).
  clean: (dir) => remove(dir, 'dist', '.astro', '.astro-cache', 'node_modules/.vite'),
  command: (dir) => ({ command: process.execPath, args: [join(dir, 'node_modules/astro/astro.js'), 'build', '--silent'], cwd: dir }),
  reproduce: 'cd $DIR && rm -rf dist .astro .astro-cache node_modules/.vite && node node_modules/astro/astro.js build --silent',
  // The glob loader's ids are slugged file names (lower case).
  page: (dir, name) => join(dir, 'dist/posts', name.toLowerCase(), 'index.html'),
};

const HUGO_MINIMUM = [0, 132, 0]; // transform.ToMath and passthrough render hooks

/** The installed Hugo's version as [major, minor, patch], or null. */
function hugoVersion() {
  const run = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  const match = run.status === 0 && /v(\d+)\.(\d+)\.(\d+)/.exec(run.stdout);
  return match ? match.slice(1).map(Number) : null;
}

/** What Debian offers (`apt-cache policy hugo`'s candidate), for the reason a row is missing. */
function debianHugo() {
  const run = spawnSync('apt-cache', ['policy', 'hugo'], { encoding: 'utf8' });
  return (run.status === 0 && /Candidate:\s*(\S+)/.exec(run.stdout)?.[1]) || 'none';
}

const atLeast = (version, minimum) => version[0] - minimum[0] || version[1] - minimum[1] || version[2] - minimum[2];

const hugo = {
  id: 'hugo',
  label: 'Hugo + transform.ToMath',
  does: 'KaTeX math (Goldmark passthrough + transform.ToMath), Chroma code highlighting, home + tag + category pages',
  math: KATEX,
  packageDir: null,
  unavailable: () => {
    const version = hugoVersion();
    if (version && atLeast(version, HUGO_MINIMUM) >= 0) return null;
    const found = version ? `hugo ${version.join('.')} is installed` : 'no `hugo` on PATH';
    return `${found}; Hugo ≥ ${HUGO_MINIMUM.join('.')} is needed (transform.ToMath, passthrough render hooks) and Debian's package here is ${debianHugo()} (\`apt-cache policy hugo\`); the project takes packages from Debian and npm only`;
  },
  prepare: (posts, dir) => {
    rmSync(dir, { recursive: true, force: true });
    cpSync(join(here, 'hugo/site'), dir, { recursive: true });
    mkdirSync(join(dir, 'content'), { recursive: true });
    cpSync(posts, join(dir, 'content/posts'), { recursive: true });
    return dir;
  },
  clean: (dir) => remove(dir, 'public', 'resources', '.hugo-cache'),
  command: (dir) => ({ command: 'hugo', args: ['--quiet', '--cacheDir', join(dir, '.hugo-cache')], cwd: dir }),
  reproduce: 'cd $DIR && rm -rf public resources .hugo-cache && hugo --quiet --cacheDir $DIR/.hugo-cache',
  page: (dir, name) => join(dir, 'public/posts', name.toLowerCase(), 'index.html'),
};

/** The tools in the order each round runs them. */
export const TOOLS = [mlpost, hexoMathjax, astroKatex, hugo, hexoMarked];

/** The names (without .md) of the posts in `posts`, sorted. */
export const postNames = (posts) =>
  readdirSync(posts)
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.slice(0, -3))
    .sort();

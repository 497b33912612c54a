// Where a build's time goes: a CPU profile of `buildSite` in one thread (workers: 0),
// self time grouped by the package or mlpost module that spent it.
// Run: npm run build && node bench/site/profile.mjs SITE_DIR [--no-cache]
// Prints a table of stages; `profileStages(site)` returns it for bench/site/run.mjs.
import { Session } from 'node:inspector/promises';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The stage a profile frame's self time belongs to, from its script URL and function. */
export function stageOf(url, name) {
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(program)' || name === '(idle)' || name === '(root)') return 'idle / VM';
  if (/node_modules\/katex\//.test(url) || /rehype-katex/.test(url) || /\/math\//.test(url)) return 'KaTeX (math)';
  if (/@viz-js/.test(url) || /\/graph\//.test(url) || url.startsWith('wasm://')) return 'Graphviz (layout + SVG polish)';
  if (/\/cells\/|\/numeric\/|\/charts\//.test(url)) return 'cells';
  if (/micromark|mdast-util-from-markdown|remark-parse|remark-gfm|mdast-util-gfm|remark-cjk|\/syntax\/|\/parse\/|\/limits\/|yaml\//.test(url)) return 'Markdown parse (+ front matter, Hexo tags)';
  if (/parse5|hast-util-raw|hast-util-from-parse5|rehype-raw|hast-util-from-html/.test(url)) return 'raw HTML (parse5)';
  if (/mdast-util-to-hast|remark-rehype/.test(url)) return 'mdast → hast';
  if (/hast-util-to-html|rehype-stringify|stringify-entities|\/site\/page|\/site\/index-pages|\/site\/post-page/.test(url)) return 'HTML serialisation';
  if (/^node:fs|node:internal\/fs|\/site\/write-file|\/site\/output-files|\/cache\/disk-cache|node:crypto|node:internal\/crypto/.test(url) || /^(writeFileUtf8|writeFileSync|renameSync|openSync|readFileUtf8|statSync|mkdirSync|closeSync|readSync|writeSync|digest|update)$/.test(name)) return 'file reads/writes, hashing, cache';
  if (/rehype-slug|github-slugger|unist-util|hast-util|\/(html|code|links|outline|pipeline)\//.test(url)) return 'tree walks (ids, links, outline)';
  return 'other';
}

/** Profile one build of `site` (cold when `cold`: cache and output removed first). */
export async function profileStages(site, { cold = true } = {}) {
  const { buildSite } = await import(pathToFileURL(join(root, 'dist/site/build.js')).href);
  const { closeEngines } = await import(pathToFileURL(join(root, 'dist/engines/index.js')).href);
  if (cold) {
    rmSync(join(site, '.mlpost-cache'), { recursive: true, force: true });
    rmSync(join(site, 'dist'), { recursive: true, force: true });
  }
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const started = performance.now();
  const result = await buildSite(site, { workers: 0 });
  const wall = performance.now() - started;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  await closeEngines();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  for (let index = 0; index < profile.samples.length; index++) {
    const node = byId.get(profile.samples[index]);
    const stage = stageOf(node.callFrame.url, node.callFrame.functionName);
    self.set(stage, (self.get(stage) ?? 0) + (deltas[index] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const stages = [...self].sort((a, b) => b[1] - a[1]).map(([stage, ms]) => ({ stage, ms, share: ms / total }));
  return { wall, posts: result.posts, stages };
}

/** The stages as a Markdown table. */
export function stageTable({ wall, posts, stages }) {
  return [
    `${posts} posts in one thread: ${(wall / 1000).toFixed(2)} s wall, ${(wall / posts).toFixed(1)} ms per post.`,
    '',
    '| stage | self time | share |',
    '| --- | ---: | ---: |',
    ...stages.map(({ stage, ms, share }) => `| ${stage} | ${(ms / 1000).toFixed(2)} s | ${(share * 100).toFixed(1)} % |`),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const site = process.argv[2];
  if (!site) throw new Error('usage: node bench/site/profile.mjs SITE_DIR');
  console.log(stageTable(await profileStages(site, { cold: true })));
}

// Site builds: a 1 000-post site (cold, nothing changed, one post edited) against
// `hexo generate` on the same posts, the growth curve at 100 / 1 000 / 5 000 posts with
// peak memory, and where the time goes (CPU profile by stage).
// Run: npm run build && node bench/site/run.mjs [--quick]   (--quick: fewer runs, no 5 000, BENCHMARKS.md untouched)
// --notes-only: rewrite the section from the last run's numbers and the current notes.md.
// Sites come from shared/bench/make-site.mjs (distinct posts) under $TMPDIR/mlpost-bench-sites.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, writeSection } from '../section.mjs';
import { benchSite } from '../sites.mjs';
import { makeHexoSite, hexoCommand, NUNJUCKS_FAILING as HEXO_FAILING } from './hexo-site.mjs';
import { profileStages } from './profile.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const quick = process.argv.includes('--quick');
const work = join(tmpdir(), 'mlpost-bench-sites');
const cli = join(root, 'bin/mlpost.js');
const hasTime = existsSync('/usr/bin/time');
const loads = [];

// Made again when make-site.mjs or the corpus change (bench/sites.mjs).
const site = (n) => benchSite(work, n);

/** Run a command; wall ms and peak RSS (MB, from /usr/bin/time) of the whole process. */
function measure(command, args, options = {}) {
  loads.push(loadavg()[0]);
  const memory = join(work, 'time.txt');
  const [program, full] = hasTime ? ['/usr/bin/time', ['-f', '%U %S %M', '-o', memory, command, ...args]] : [command, args];
  const start = performance.now();
  const run = spawnSync(program, full, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, CI: 'true', NODE_NO_WARNINGS: '1' }, ...options });
  const ms = performance.now() - start;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${command} ${args.join(' ')} failed (${run.status}):\n${run.stderr.slice(-2000)}`);
  const [user, system, kb] = hasTime ? readFileSync(memory, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
  return { ms, cpu: (user + system) * 1000, peak: kb / 1024, stderr: run.stderr };
}

const mlpostBuild = (dir) => measure(process.execPath, [cli, 'build', dir]);
const clean = (dir) => {
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  rmSync(join(dir, '.mlpost-cache'), { recursive: true, force: true });
};
let editCount = 0;
/** Edit one post's body (below its excerpt): title, date, tags and excerpt stay. */
function editPost(postsDir) {
  const name = readdirSync(postsDir).sort()[17];
  appendFileSync(join(postsDir, name), `\nEdited for the benchmark, ${++editCount}.\n`);
}
const seconds = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
const ratio = (ours, peer) => (peer >= ours ? `${(peer / ours).toFixed(2)}× faster` : `${(ours / peer).toFixed(2)}× slower`);

mkdirSync(work, { recursive: true });
const notes = () => readFileSync(new URL('./notes.md', import.meta.url), 'utf8');
if (process.argv.includes('--notes-only')) {
  // Re-write the section with edited notes.md and the last run's measurements.
  writeSection('Site builds', `${readFileSync(join(work, 'section.md'), 'utf8')}\n${notes()}`);
  process.exit(0);
}
const runs = quick ? 1 : 3;
const rows = [];

// 1 000 posts, mlpost.
const s1000 = site(1000);
const cold = [];
const coldCpu = [];
let coldPeak = 0;
for (let run = 0; run < runs; run++) {
  clean(s1000);
  const result = mlpostBuild(s1000);
  cold.push(result.ms);
  coldCpu.push(result.cpu);
  coldPeak = Math.max(coldPeak, result.peak);
}
const unchanged = [];
for (let run = 0; run < (quick ? 2 : 5); run++) unchanged.push(mlpostBuild(s1000).ms);
const edited = [];
for (let run = 0; run < (quick ? 2 : 5); run++) {
  editPost(join(s1000, 'posts'));
  edited.push(mlpostBuild(s1000).ms);
}
// The same edit in a warm process, as `--watch` and `serve` rebuild.
const { buildSite } = await import(pathToFileURL(join(root, 'dist/site/build.js')).href);
const { closeEngines } = await import(pathToFileURL(join(root, 'dist/engines/index.js')).href);
editPost(join(s1000, 'posts'));
await buildSite(s1000, { workers: 0 });
const watched = [];
const watchedUnchanged = [];
for (let run = 0; run < 5; run++) {
  let start = performance.now();
  await buildSite(s1000, { workers: 0 });
  watchedUnchanged.push(performance.now() - start);
  editPost(join(s1000, 'posts'));
  start = performance.now();
  const result = await buildSite(s1000, { workers: 0 });
  watched.push(performance.now() - start);
  if (result.rendered !== 1 || result.written.length !== 1) throw new Error(`edit rebuilt ${result.rendered} posts, wrote ${result.written.join(', ')}`);
}
await closeEngines();

// 1 000 posts, Hexo.
const h1000 = makeHexoSite(join(work, 'hexo-1000'), join(s1000, 'posts'), { disableNunjucks: HEXO_FAILING });
const hexo = (args) => {
  const { command, args: full, cwd } = hexoCommand(h1000, args);
  return measure(command, full, { cwd });
};
const hexoCold = [];
const hexoColdCpu = [];
let hexoPeak = 0;
for (let run = 0; run < runs; run++) {
  hexo(['clean']);
  const result = hexo(['generate']);
  hexoCold.push(result.ms);
  hexoColdCpu.push(result.cpu);
  hexoPeak = Math.max(hexoPeak, result.peak);
}
const hexoUnchanged = [];
for (let run = 0; run < (quick ? 1 : 3); run++) hexoUnchanged.push(hexo(['generate']).ms);
const hexoEdited = [];
for (let run = 0; run < (quick ? 1 : 3); run++) {
  editPost(join(h1000, 'source/_posts'));
  hexoEdited.push(hexo(['generate']).ms);
}

// The seed post alone, warm in-process: renderPost against Hexo's own render API.
const { renderPost } = await import(pathToFileURL(join(root, 'dist/pipeline/render-post.js')).href);
const seedText = readFileSync(join(root, 'fixtures/posts/rnn_intro.md'), 'utf8');
await renderPost(seedText, { path: 'rnn_intro.md' });
const seedWarm = [];
for (let run = 0; run < 60; run++) {
  const start = performance.now();
  await renderPost(seedText, { path: 'rnn_intro.md' });
  seedWarm.push(performance.now() - start);
}
const hexoSeed = JSON.parse(
  spawnSync(process.execPath, [join(root, 'bench/site/hexo-render.cjs'), h1000, join(root, 'fixtures/posts/rnn_intro.md')], { encoding: 'utf8', env: { ...process.env, NODE_PATH: join(root, 'test/node_modules') } }).stdout,
).median;

const c = `\`node bin/mlpost.js build ${'$SITE'}\``;
rows.push(
  ['seed post, warm in-process render (peer: Hexo API `hexo.post.render`, marked)', median(seedWarm), hexoSeed, '`node bench/site/run.mjs` (60 renders after one)', '—'],
  ['1 000 posts, cold: CPU time (user + sys, all threads)', median(coldCpu), median(hexoColdCpu), 'as below, `/usr/bin/time -f %U+%S`', '≤ 74 s (half of round 2\'s 148 ms per post)'],
  ['1 000 posts, cold (no cache, no output)', median(cold), median(hexoCold), `rm -rf $SITE/dist $SITE/.mlpost-cache && ${c}`, '≥ 2× faster than the fastest same-work peer (section below); Hexo + marked does less'],
  ['1 000 posts, nothing changed', median(unchanged), median(hexoUnchanged), c, '< 1 s'],
  ['1 000 posts, one post edited (CLI: new process)', median(edited), median(hexoEdited), `edit one post, then ${c}`, '< 300 ms'],
  ['1 000 posts, one post edited (warm process: `--watch`, `serve`)', median(watched), median(hexoEdited), '`buildSite(site, { workers: 0 })` after an edit', '< 300 ms'],
  ['1 000 posts, nothing changed (warm process)', median(watchedUnchanged), median(hexoUnchanged), '`buildSite(site)` again', '< 1 s'],
);

// Growth: cold builds at 100, 1 000, 5 000 posts.
const growth = [];
for (const n of quick ? [100, 1000] : [100, 1000, 5000]) {
  const dir = n === 1000 ? s1000 : site(n);
  const times = [];
  let peak = 0;
  const repeat = n === 5000 ? 1 : n === 1000 ? 1 : runs;
  if (n === 1000) {
    times.push(...cold);
    peak = coldPeak;
  } else {
    for (let run = 0; run < repeat; run++) {
      clean(dir);
      const result = mlpostBuild(dir);
      times.push(result.ms);
      peak = Math.max(peak, result.peak);
    }
  }
  growth.push({ n, ms: median(times), peak, runs: times.length });
}

// Where the time goes: one thread, CPU profile by stage (seed alone, then 1 000 posts).
const seedSite = join(work, 'seed-site');
rmSync(seedSite, { recursive: true, force: true });
mkdirSync(join(seedSite, 'posts'), { recursive: true });
for (let copy = 0; copy < 20; copy++) {
  // Distinct math and graph sources per copy (as make-site.mjs does), so no cache serves a copy.
  const text = readFileSync(join(root, 'fixtures/posts/rnn_intro.md'), 'utf8')
    .replace(/\$([^$\n]+)\$/g, (_, body) => `$${body}\\vphantom{${copy}}$`)
    .replace(/^(```\s*\{[^}\n]*\.graph[^\n]*\n)/gm, (fence) => `${fence}// copy ${copy}\n`);
  writeFileSync(join(seedSite, 'posts', `seed-${copy}.md`), text);
}
const seedProfile = await profileStages(seedSite, { cold: true });
const siteProfile = quick ? await profileStages(site(100), { cold: true }) : await profileStages(s1000, { cold: true });
await closeEngines();

const table = [
  '| workload | mlpost (median) | `hexo generate` (median) | mlpost vs Hexo | target | reproduce |',
  '| --- | ---: | ---: | --- | --- | --- |',
  ...rows.map(([name, ours, peer, command, target]) => `| ${name} | ${seconds(ours)} | ${seconds(peer)} | ${ratio(ours, peer)} | ${target} | ${command} |`),
].join('\n');
const growthTable = [
  '| posts | cold build (median) | per post | peak memory (whole process, all threads) | runs |',
  '| ---: | ---: | ---: | ---: | ---: |',
  ...growth.map(({ n, ms, peak, runs: count }) => `| ${n} | ${seconds(ms)} | ${(ms / n).toFixed(1)} ms | ${Number.isNaN(peak) ? 'n/a' : `${peak.toFixed(0)} MB`} | ${count} |`),
].join('\n');
const stageRows = (profile) =>
  ['| stage | self time | share |', '| --- | ---: | ---: |', ...profile.stages.map(({ stage, ms, share }) => `| ${stage} | ${seconds(ms)} | ${(share * 100).toFixed(1)} % |`)].join('\n');
const meanLoad = loads.reduce((a, b) => a + b, 0) / loads.length;
const numbers = { seedWarm, hexoSeed, coldCpu, hexoColdCpu, cold, unchanged, edited, watched, watchedUnchanged, hexoCold, hexoUnchanged, hexoEdited, coldPeak, hexoPeak, growth, seedProfile, siteProfile, meanLoad };
writeFileSync(join(work, 'results.json'), JSON.stringify(numbers, null, 2));
console.log(table);
console.log(growthTable);
console.log(JSON.stringify({ seed: seedProfile.wall, site: siteProfile.wall, meanLoad }));

const body = `Command: \`npm run build && node bench/site/run.mjs\` (sites from \`shared/bench/make-site.mjs\`: distinct posts from the corpus and the seed, graphs and math included). ${cpus().length} cores; 1-minute load average during the runs: ${meanLoad.toFixed(1)} (other engineers share the machine; medians of ${runs} cold runs, ${quick ? 2 : 5} nothing-changed / edit runs for mlpost, ${quick ? 1 : 3} for Hexo). Times are wall clock from process start to exit, except the warm-process rows.

Peer: Hexo 8.1.2 \`hexo generate\` with hexo-renderer-marked 7.0.1, hexo-generator-index/tag/category and a minimal Nunjucks theme, on the same posts (\`bench/site/hexo-site.mjs\`). Hexo does less work per post than mlpost: marked has no KaTeX, no Graphviz, no pandoc extensions, so its math and graphs stay source text. Hexo stops the whole build at the first Nunjucks error, and 4 of the 16 source posts have one (${HEXO_FAILING.join(', ')}): their copies get \`disableNunjucks: true\` in the Hexo run only (Hexo then renders them without tag processing). Hexo's "cold" is \`hexo clean && hexo generate\`; its "nothing changed" and "edited" runs use its own \`db.json\` cache.

${table}

mlpost peak memory, cold 1 000 posts: ${coldPeak.toFixed(0)} MB; Hexo: ${hexoPeak.toFixed(0)} MB.

### Growth

${growthTable}

### Where the time goes

CPU profile of a cold build in one thread (\`node bench/site/profile.mjs SITE\`), self time by the package or mlpost module that spent it.

The seed post (20 copies with distinct math, so nothing is served from a cache), ${(seedProfile.wall / seedProfile.posts).toFixed(1)} ms per post including module loading:

${stageRows(seedProfile)}

${quick ? '100' : '1 000'} posts, ${(siteProfile.wall / 1000).toFixed(1)} s in one thread (${(siteProfile.wall / siteProfile.posts).toFixed(1)} ms per post):

${stageRows(siteProfile)}
`;
writeFileSync(join(work, 'section.md'), body);
if (!quick) writeSection('Site builds', `${body}\n${notes()}`);
else console.log(body);

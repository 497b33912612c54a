// Hexo 8's own render of one post through its API (`hexo.post.render`, Markdown engine =
// hexo-renderer-marked, Nunjucks tags processed), warm: median of 60 renders after one.
// Usage: node hexo-render.cjs HEXO_SITE_DIR POST.md  → prints {"median": ms, "length": chars}
const Hexo = require('hexo');
const { readFileSync } = require('node:fs');

(async () => {
  const [site, post] = process.argv.slice(2);
  const hexo = new Hexo(site, { silent: true });
  await hexo.init();
  // Hexo renders the body: the front matter is split off before rendering.
  const content = readFileSync(post, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
  const render = () => hexo.post.render(null, { content, engine: 'markdown' });
  const first = await render();
  const times = [];
  for (let run = 0; run < 60; run++) {
    const start = performance.now();
    await render();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ median: (times[29] + times[30]) / 2, length: first.content.length }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

// What Hexo itself makes of a site folder: every post's path, every tag's and category's, and
// every HTML page its generators route (lists and their pages included), as JSON on stdout. Run with TZ set to the site's time zone (Hexo formats permalink dates in
// the computer's). Usage: node hexo-paths.mjs SITE [--drafts]
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Hexo = require('hexo');
const [site, flag] = process.argv.slice(2);
const hexo = new Hexo(site, { silent: true, draft: flag === '--drafts' });
await hexo.init();
await hexo.load();
const posts = hexo.locals.get('posts').map((post) => ({ source: post.source, path: post.path, published: post.published }));
const tags = hexo.locals.get('tags').map((tag) => tag.path);
const categories = hexo.locals.get('categories').map((category) => category.path);
const routes = hexo.route.list().filter((path) => path.endsWith('.html')).sort();
process.stdout.write(JSON.stringify({ posts, tags, categories, routes }));
await hexo.exit();

// Astro 5 with math typeset at build time, as remark-math + rehype-katex document it.
import { defineConfig } from 'astro/config';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';

export default defineConfig({
  site: 'https://example.com',
  // In the site folder, so a cold build can remove it (node_modules is shared between sites).
  cacheDir: './.astro-cache',
  markdown: { remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] },
});

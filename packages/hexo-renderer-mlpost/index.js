/* global hexo */
// Hexo loads every `hexo-*` package of a blog's package.json by running this file with
// `hexo` in scope. Everything else lives in mlpost (`mlpost/hexo`); options come from the
// `mlpost:` section of the blog's _config.yml.
'use strict';

if (typeof hexo === 'undefined') {
  throw new Error('hexo-renderer-mlpost is a Hexo plugin: list it in your blog\'s package.json and Hexo loads it');
}
require('mlpost/hexo').loadHexoPlugin(hexo);

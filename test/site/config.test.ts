/**
 * The site config: `mlpost.yml`, else Hexo's `_config.yml` (same key names); defaults that
 * depend on the layout; bad values are errors and unknown keys warnings, each at file:line.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ConfigError, loadSiteConfig } from '../../src/site/config.js';

const sites: string[] = [];
afterAll(() => sites.forEach((site) => rmSync(site, { recursive: true, force: true })));

function site(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'mlpost-config-'));
  sites.push(folder);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}
const shown = (folder: string, name: string) => relative(process.cwd(), join(folder, name));

describe('loadSiteConfig', () => {
  it('gives the defaults without a config file: mlpost\'s permalink for posts/, Hexo\'s for source/_posts/', () => {
    const own = loadSiteConfig(site({ 'posts/a.md': '' }));
    expect(own.config).toMatchObject({ title: 'mlpost', permalink: ':title/', root: '/', per_page: 10, timezone: 'UTC', date_format: 'YYYY-MM-DD', post_asset_folder: false, default_category: 'uncategorized', pretty_urls: { trailing_index: true } });
    expect(own.file).toBeUndefined();
    expect(loadSiteConfig(site({ 'source/_posts/a.md': '' })).config.permalink).toBe(':year/:month/:day/:title/');
  });

  it('reads the keys shared with Hexo from _config.yml; root follows url; empty keys keep their default', () => {
    const folder = site({ 'source/_posts/a.md': '', '_config.yml': 'title: T\nsubtitle: S\nauthor: A\nlanguage: [zh-CN, en]\ntimezone:\nurl: https://x.org/blog\nper_page: 0\ndeploy:\n  type: git\n' });
    const { config, notices } = loadSiteConfig(folder);
    expect(config).toMatchObject({ title: 'T', subtitle: 'S', author: 'A', language: 'zh-CN', timezone: 'UTC', url: 'https://x.org/blog', root: '/blog/', per_page: 0 });
    expect(notices).toEqual([{ severity: 'info', text: `${shown(folder, '_config.yml')}:1:1: info: Hexo settings mlpost does not use: deploy [config-hexo-ignored]` }]);
  });

  it('prefers mlpost.yml to _config.yml', () => {
    expect(loadSiteConfig(site({ 'mlpost.yml': 'title: mine\n', '_config.yml': 'title: hexo\n' })).config.title).toBe('mine');
  });

  it('warns about an unknown key at its line and column', () => {
    const folder = site({ 'mlpost.yml': 'title: T\n\n  # comment\ntittle: typo\ntheme: landscape\n' });
    expect(loadSiteConfig(folder).notices.map((notice) => notice.text)).toEqual([
      `${shown(folder, 'mlpost.yml')}:4:1: warning: unknown key \`tittle\`: mlpost ignores it (see docs/configuration.md) [config-unknown-key]`,
      `${shown(folder, 'mlpost.yml')}:5:1: warning: unknown key \`theme\`: mlpost ignores it (see docs/configuration.md) [config-unknown-key]`,
    ]);
  });

  it('refuses a bad value, naming the file, line and key', () => {
    const cases: Array<[string, RegExp]> = [
      ['title: T\nper_page: -1\n', /mlpost\.yml:2:1: error: per_page: .*\[config-value\]$/],
      ['url: not a url\n', /mlpost\.yml:1:1: error: url: .*\[config-value\]$/],
      ['timezone: Mars/Olympus\n', /mlpost\.yml:1:1: error: timezone: unknown time zone "Mars\/Olympus" \[config-value\]$/],
      ['root: blog\n', /mlpost\.yml:1:1: error: root: must start and end with "\/".*\[config-value\]$/],
      ['feed:\n  type: json\n', /mlpost\.yml:1:1: error: feed\.type: .*\[config-value\]$/],
      ['sitemap:\n  path: ../x.xml\n', /error: sitemap\.path: must be a path inside the output folder/],
      ['title: [unclosed\n', /mlpost\.yml:\d+:\d+: error: not valid YAML: .*\[config-yaml\]$/],
      ['- a list\n', /mlpost\.yml:1:1: error: the config must be a mapping/],
      ['tag_dir: ../topics\n', /mlpost\.yml:1:1: error: tag_dir: must be a folder inside the output .*\[config-value\]$/],
      ['pagination_dir: /\n', /mlpost\.yml:1:1: error: pagination_dir: must name a folder/],
      ['archive_dir: /\nper_page: 2\n', /error: archive_dir: must name a folder/],
      ['filename_case: 3\n', /mlpost\.yml:1:1: error: filename_case: /],
      ['archive_generator:\n  per_page: -2\n', /mlpost\.yml:1:1: error: archive_generator\.per_page: /],
      ['tag_map:\n  C++: [a]\n', /mlpost\.yml:1:1: error: tag_map\.C\+\+: /],
    ];
    for (const [text, expected] of cases) {
      expect(() => loadSiteConfig(site({ 'mlpost.yml': text })), text).toThrow(ConfigError);
      expect(() => loadSiteConfig(site({ 'mlpost.yml': text })), text).toThrow(expected);
    }
  });

  it('reads the Hexo settings that move list pages, and names the generator settings it does not read', () => {
    const folder = site({ 'source/_posts/a.md': '', '_config.yml': 'tag_dir: /topics/\ncategory_dir: /\npagination_dir: p\ncategory_map:\n  机器学习: ml\n  空: \ntag_map:\nfilename_case: 1\nindex_generator:\n  per_page: 3\n  order_by: title\n  path: blog\narchive_generator:\n  daily: true\n' });
    const { config, notices } = loadSiteConfig(folder);
    expect(config).toMatchObject({ tag_dir: '/topics/', category_dir: '/', pagination_dir: 'p', category_map: { 机器学习: 'ml' }, tag_map: {}, filename_case: 1, index_generator: { per_page: 3 }, archive_generator: { daily: true }, tag_generator: {} });
    expect(notices).toEqual([{ severity: 'info', text: `${shown(folder, '_config.yml')}:1:1: info: Hexo settings mlpost does not use: index_generator.order_by, index_generator.path [config-hexo-ignored]` }]);
  });
});

/**
 * Tags that read files: `include_code` (the site's code folder) and the post-asset tags
 * (`asset_img`, `asset_link`, `asset_path`: the folder named like the post). Every read is
 * contained in its folder: `..`, absolute paths and symbolic links out are errors and
 * nothing is read. Fixtures: `fixtures/hexo-tags/site/`.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import { renderPost } from '../../src/index.js';
import { remarkHexoTags, type HexoTagOptions } from '../../src/syntax/hexo-tag/index.js';
import { readContainedFile } from '../../src/syntax/hexo-tag/handlers/index.js';
import { mlpostData, type PostAsset } from '../../src/types.js';
import { repoRoot } from '../helpers.js';

const site = join(repoRoot, 'fixtures', 'hexo-tags', 'site');
const postPath = join(site, 'posts', 'with-assets.md');
/** The post's path as a build passes it: relative to the working directory. */
const shownPost = relative(process.cwd(), postPath);

/** Tags only (no math, graphs …), with site options, as the pipeline runs them. */
async function renderWithSite(markdown: string, options: HexoTagOptions, path: string | undefined = shownPost) {
  const file = new VFile({ value: markdown, path });
  const processor = unified().use(remarkParse).use(remarkHexoTags, options).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeStringify);
  const html = String(await processor.process(file));
  return { html, messages: file.messages, assets: mlpostData(file).assets };
}

function where(post: { messages: Array<{ line?: number | null; column?: number | null; ruleId?: string | null; fatal?: boolean | null }> }) {
  return post.messages.map((m) => [m.line, m.column, m.ruleId, m.fatal === true ? 'error' : 'warning']);
}

const scratch = mkdtempSync(join(tmpdir(), 'mlpost-hexo-tags-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A code folder with a symlink to a file outside, a symlinked folder outside, and one inside. */
function folderWithSymlinks(): string {
  const root = join(scratch, `case-${Math.random().toString(36).slice(2)}`);
  const code = join(root, 'code');
  mkdirSync(join(code, 'real'), { recursive: true });
  mkdirSync(join(root, 'outside'), { recursive: true });
  writeFileSync(join(root, 'outside', 'secret.txt'), 'SECRET\n');
  writeFileSync(join(code, 'real', 'ok.txt'), 'fine\n');
  symlinkSync(join(root, 'outside', 'secret.txt'), join(code, 'leak.txt'));
  symlinkSync(join(root, 'outside'), join(code, 'dir'));
  symlinkSync(join(code, 'real', 'ok.txt'), join(code, 'alias.txt'));
  return code;
}

describe('readContainedFile', () => {
  it('reads inside the folder and refuses to leave it', () => {
    const code = folderWithSymlinks();
    expect(readContainedFile(code, 'real/ok.txt')).toMatchObject({ ok: true, relativePath: 'real/ok.txt' });
    expect(readContainedFile(code, './real/../real/ok.txt')).toMatchObject({ ok: true, relativePath: 'real/ok.txt' });
    expect(readContainedFile(code, 'alias.txt')).toMatchObject({ ok: true, relativePath: 'alias.txt' });
    for (const path of ['../outside/secret.txt', '/etc/passwd', '../../../../../../etc/passwd', 'leak.txt', 'dir/secret.txt', 'C:/x', '\\x']) {
      expect(readContainedFile(code, path), path).toMatchObject({ ok: false, problem: 'outside' });
    }
    expect(readContainedFile(code, 'nope.txt')).toMatchObject({ ok: false, problem: 'missing' });
    expect(readContainedFile(code, 'real')).toMatchObject({ ok: false, problem: 'not-a-file' });
    expect(readContainedFile(join(code, 'absent'), 'x')).toMatchObject({ ok: false, problem: 'missing' });
  });
});

describe('{% include_code %}', () => {
  const hello = readFileSync(join(site, 'downloads', 'code', 'hello.js'), 'utf8');

  it('reads from <siteRoot>/downloads/code, titles it by file name and ships the file for "view raw"', async () => {
    const post = await renderWithSite('{% include_code hello.js %}\n', { siteRoot: site });
    expect(post.messages).toEqual([]);
    expect(post.html).toBe(
      '<figure class="highlight js"><figcaption><span>hello.js</span><a href="code/hello.js">view raw</a></figcaption>' +
        '<pre><code class="language-js">// hello.js: a file for include_code tests\nfunction hello(name) {\n  return `Hello, ${name} &#x3C;3`;\n}\n\nconsole.log(hello(\'world\'));\n</code></pre></figure>',
    );
    expect(post.assets).toEqual([{ path: 'code/hello.js', contents: Buffer.from(hello) }]);
  });

  it('takes a title, a language and a from/to line range (1-based, inclusive), as Hexo', async () => {
    const post = await renderWithSite('{% include_code Say hi lang:javascript from:2 to:4 hello.js %}\n', { siteRoot: site });
    expect(post.html).toBe(
      '<figure class="highlight javascript"><figcaption><span>Say hi</span><a href="code/hello.js">view raw</a></figcaption>' +
        '<pre><code class="language-javascript">function hello(name) {\n  return `Hello, ${name} &#x3C;3`;\n}\n</code></pre></figure>',
    );
  });

  it('reads from codeDir when given, subfolders included', async () => {
    const post = await renderWithSite('{% include-code sub/double.py %}\n', { codeDir: join(site, 'downloads', 'code') });
    expect(post.html).toBe('<figure class="highlight py"><figcaption><span>double.py</span><a href="code/sub/double.py">view raw</a></figcaption><pre><code class="language-py">def f(x):\n    return x * 2\n</code></pre></figure>');
    expect(post.assets.map((asset) => asset.path)).toEqual(['code/sub/double.py']);
  });

  it('reads next to the post when no site root is known (renderPost)', async () => {
    const post = await renderPost('{% include_code with-assets/notes.txt %}\n', { path: shownPost });
    expect(post.messages).toEqual([]);
    expect(post.html).toBe('<figure class="highlight txt"><figcaption><span>notes.txt</span><a href="code/with-assets/notes.txt">view raw</a></figcaption><pre><code class="language-txt">notes of the post\n</code></pre></figure>');
  });

  it.each(['../../secret.txt', '../secret.txt', '/etc/passwd', '../../../../../../../../etc/passwd'])('refuses %s: an error at the tag, nothing read', async (path) => {
    const post = await renderWithSite(`Text\n\n  {% include_code ${path} %}\n`, { siteRoot: site });
    expect(where(post)).toEqual([[3, 3, 'hexo-tag-path-outside', 'error']]);
    expect(post.assets).toEqual([]);
    expect(post.html).not.toContain('not for readers');
    expect(post.html).not.toContain('root:');
    expect(post.html).toContain(`<code class="mlpost-tag-error" data-tag="include_code">{% include_code ${path} %}</code>`);
  });

  it('refuses symbolic links that point out of the folder, follows those that stay in', async () => {
    const code = folderWithSymlinks();
    const post = await renderWithSite('{% include_code leak.txt %}\n\n{% include_code dir/secret.txt %}\n\n{% include_code alias.txt %}\n', { codeDir: code });
    expect(where(post)).toEqual([
      [1, 1, 'hexo-tag-path-outside', 'error'],
      [3, 1, 'hexo-tag-path-outside', 'error'],
    ]);
    expect(post.html).not.toContain('SECRET');
    expect(post.html).toContain('<code class="language-txt">fine\n</code>');
  });

  it('warns about a missing file, a missing name, no folder, and a tag inside a line', async () => {
    const post = await renderWithSite('{% include_code nope.js %}\n\n{% include_code %}\n\nSee {% include_code hello.js %}.\n', { siteRoot: site });
    expect(where(post)).toEqual([
      [1, 1, 'hexo-tag-file-missing', 'warning'],
      [3, 1, 'hexo-tag-argument', 'warning'],
      [5, 5, 'hexo-tag-inline', 'warning'],
    ]);
    expect(post.messages[0]!.reason).toBe('`{% include_code %}`: cannot read `nope.js` in fixtures/hexo-tags/site/downloads/code (no such file)');
    const noFolder = await renderPost('{% include_code x.js %}\n');
    expect(noFolder.messages.map((m) => m.ruleId)).toEqual(['hexo-tag-no-folder']);
    expect(noFolder.html).toContain('{% include_code x.js %}');
  });
});

describe('post asset tags', () => {
  it('render the fixture post: relative URLs, Hexo\'s img arguments, files shipped once', async () => {
    const post = await renderPost(readFileSync(postPath, 'utf8'), { path: shownPost });
    expect(post.messages).toEqual([]);
    expect(post.html).toBe(
      '<img src="img/diagram.png">\n' +
        '<img src="img/diagram.png" class="wide" width="640" height="480" title="The diagram" alt="boxes and arrows">\n' +
        '<p>See <a href="notes.txt" title="notes.txt">notes.txt</a> and <a href="%E6%95%B0%E6%8D%AE%20%E9%9B%86.txt" title="the data">the data</a>.</p>\n' +
        '<p>Path: img/diagram.png</p>',
    );
    const file = (name: string) => new Uint8Array(readFileSync(join(site, 'posts', 'with-assets', name)));
    expect(post.assets.map((asset: PostAsset) => [asset.path, new Uint8Array(asset.contents as Buffer)])).toEqual([
      ['img/diagram.png', file('img/diagram.png')],
      ['notes.txt', file('notes.txt')],
      ['数据 集.txt', file('数据 集.txt')],
    ]);
  });

  it('asset_link: the title escaped, or raw HTML with a trailing false (Hexo\'s escape flag)', async () => {
    const post = await renderPost('{% asset_link notes.txt <b>Notes</b> %}\n\n{% asset_link notes.txt <b>Notes</b> false %}\n', { path: shownPost });
    expect(post.html).toBe(
      '<p><a href="notes.txt" title="<b>Notes</b>">&#x3C;b>Notes&#x3C;/b></a></p>\n' + '<p><a href="notes.txt" title="<b>Notes</b>"><b>Notes</b></a></p>',
    );
  });

  it('warns about a missing asset at the tag and shows it', async () => {
    const post = await renderPost('One\n\nTwo {% asset_img left missing.png 10 %} three\n\n{% asset_path nothing.txt %}\n', { path: shownPost });
    expect(where(post)).toEqual([
      [3, 5, 'hexo-tag-asset-missing', 'warning'],
      [5, 1, 'hexo-tag-asset-missing', 'warning'],
    ]);
    expect(post.messages.map((m) => m.reason)).toEqual([
      "`{% asset_img %}`: no argument names a file in the post's asset folder fixtures/hexo-tags/site/posts/with-assets",
      "`{% asset_path %}`: `nothing.txt` is not a file in the post's asset folder fixtures/hexo-tags/site/posts/with-assets",
    ]);
    expect(post.html).toBe(
      '<p>One</p>\n<p>Two <code class="mlpost-tag-error" data-tag="asset_img">{% asset_img left missing.png 10 %}</code> three</p>\n' +
        '<div class="mlpost-tag-error"><p><code class="mlpost-tag-error" data-tag="asset_path">{% asset_path nothing.txt %}</code></p></div>',
    );
    expect(post.assets).toEqual([]);
  });

  it('refuses paths out of the asset folder, symbolic links included', async () => {
    const post = await renderPost('{% asset_img ../../secret.txt %}\n\n{% asset_link ../with-assets.md %}\n\n{% asset_path /etc/passwd %}\n', { path: shownPost });
    expect(where(post)).toEqual([
      [1, 1, 'hexo-tag-path-outside', 'error'],
      [3, 1, 'hexo-tag-path-outside', 'error'],
      [5, 1, 'hexo-tag-path-outside', 'error'],
    ]);
    expect(post.assets).toEqual([]);

    const code = folderWithSymlinks();
    // The post `<root>/code.md` has `<root>/code/` as its asset folder.
    const linked = await renderPost('{% asset_link leak.txt %}\n\n{% asset_img dir/secret.txt %}\n\n{% asset_path alias.txt %}\n', { path: `${code}.md` });
    expect(where(linked)).toEqual([
      [1, 1, 'hexo-tag-path-outside', 'error'],
      [3, 1, 'hexo-tag-path-outside', 'error'],
    ]);
    expect(linked.html).toContain('<p>alias.txt</p>');
    expect(linked.assets.map((asset) => [asset.path, String(asset.contents)])).toEqual([['alias.txt', 'fine\n']]);
  });

  it('needs the post\'s path', async () => {
    const post = await renderPost('{% asset_img a.png %}\n');
    expect(where(post)).toEqual([[1, 1, 'hexo-tag-no-folder', 'warning']]);
  });
});

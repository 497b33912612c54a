/**
 * When mlpost itself fails on a post (a bug, or a library's limit no guard foresaw), the
 * error keeps its cause: the message carries the exception, the site's stored messages
 * keep its stack, and the CLI prints the stack under the diagnostic line.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { renderPost } from '../../src/pipeline/render-post.js';
import { printMessages } from '../../src/cli/report.js';
import { toStoredPost, toVFileMessages } from '../../src/site/stored-post.js';

describe('render-crashed keeps its cause', () => {
  it('on the message, through the post cache, and in the printed diagnostics', async () => {
    const post = await renderPost('Before\n\n{% boom %}\n', {
      path: 'crash.md',
      tags: {
        boom: () => {
          throw new RangeError('the handler broke');
        },
      },
    });
    expect(post.html).toBe('<pre class="mlpost-render-failed">Before\n\n{% boom %}\n</pre>');
    const [message] = post.messages;
    expect([message!.ruleId, message!.line, message!.column, message!.reason]).toEqual(['render-crashed', 1, 1, 'mlpost could not render this post (RangeError: the handler broke); its source is shown as text']);
    expect(message!.cause).toBeInstanceOf(RangeError);

    const stored = toStoredPost(post).messages[0]!;
    expect(stored.cause).toMatch(/^RangeError: the handler broke\n\s+at boom /);
    let printed = '';
    const stream = new Writable({ write: (chunk, _encoding, done) => { printed += String(chunk); done(); } });
    printMessages(toVFileMessages([stored]), 'crash.md', stream);
    const lines = printed.split('\n');
    expect(lines[0]).toBe('crash.md:1:1: error: mlpost could not render this post (RangeError: the handler broke); its source is shown as text [render-crashed]');
    expect(lines[1]).toBe('    RangeError: the handler broke');
    expect(lines[2]).toMatch(/^ {8}at boom /);
  });
});

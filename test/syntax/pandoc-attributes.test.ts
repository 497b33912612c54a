import { describe, expect, it } from 'vitest';
import { html, render } from './pandoc-pipeline.js';

describe('header attributes', () => {
  it('gives the heading its id, classes and attributes and removes the block', () => {
    expect(html('# Title {#custom-id .cls .two key=val}')).toBe('<h1 id="custom-id" class="cls two" data-key="val">Title</h1>');
  });

  it('works on setext headings and with inline markup before the block', () => {
    expect(html('A *b* {#x}\n===')).toBe('<h1 id="x">A <em>b</em></h1>');
  });

  it('reads {-} and {.unnumbered} as unnumbered, keeping the generated slug', () => {
    expect(html('## Other {-}\n\n## Again {.unnumbered}')).toBe('<h2 class="unnumbered" id="other">Other</h2>\n<h2 class="unnumbered" id="again">Again</h2>');
  });

  it('lets the explicit id win over rehype-slug', () => {
    expect(html('# Intro {#start}\n\n# Start')).toBe('<h1 id="start">Intro</h1>\n<h1 id="start-1">Start</h1>');
  });

  it('keeps the explicit id even when a generated slug comes first', () => {
    expect(html('# Start\n\n# Intro {#start}')).toBe('<h1 id="start-1">Start</h1>\n<h1 id="start">Intro</h1>');
  });

  it('renames a duplicate explicit id with a warning at the second heading', () => {
    const { html: out, messages } = render('# A {#same}\n\n# B {#same}');
    expect(out).toBe('<h1 id="same">A</h1>\n<h1 id="same-1">B</h1>');
    expect(messages).toEqual([{ place: '3:1', severity: 'warning', ruleId: 'duplicate-id', reason: 'id `same` is used twice (first at line 1); this one is renamed `same-1`' }]);
  });

  it('leaves text that is not attributes alone', () => {
    expect(html('# Set {a, b}')).toBe('<h1 id="set-a-b">Set {a, b}</h1>');
    expect(html('# Braces \\{#no}')).toBe('<h1 id="braces-no">Braces {#no}</h1>');
    expect(html('# Code `{#no}`')).toBe('<h1 id="code-no">Code <code>{#no}</code></h1>');
  });

  it('reads a trailing span as a span, not as header attributes', () => {
    expect(html('# Head [s]{.sp}')).toBe('<h1 id="head-s">Head <span class="sp">s</span></h1>');
  });

  it('warns at the column of a bad attribute and still applies the rest', () => {
    const { html: out, messages } = render('# T {#a k="v}');
    expect(out).toBe('<h1 id="a" data-k="v">T</h1>');
    expect(messages).toEqual([expect.objectContaining({ place: '1:11', severity: 'warning', ruleId: 'fence-attribute-unterminated' })]);
  });

  it('escapes attribute values and turns unknown keys into data attributes', () => {
    expect(html('# T {title="1 < 2 & \\"q\\"" onclick="alert(1)"}')).toBe('<h1 title="1 < 2 &#x26; &#x22;q&#x22;" data-onclick="alert(1)" id="t">T</h1>');
  });
});

describe('bracketed spans', () => {
  it('makes a span with id, classes and attributes', () => {
    expect(html('[some *text*]{#s .c key=v}')).toBe('<p><span id="s" class="c" data-key="v">some <em>text</em></span></p>');
  });

  it('makes an empty anchor from []{#anchor}, the corpus TOC target', () => {
    expect(html('[]{#blockquote}\n\n### blockquote')).toBe('<p><span id="blockquote"></span></p>\n<h3 id="blockquote-1">blockquote</h3>');
  });

  it('nests spans and spans lines inside block quotes', () => {
    expect(html('[[in]{.a} out]{.b}')).toBe('<p><span class="b"><span class="a">in</span> out</span></p>');
    expect(html('> x [span\n> across]{.q} y')).toBe('<blockquote>\n<p>x <span class="q">span\nacross</span> y</p>\n</blockquote>');
  });

  it('ignores escaped brackets, character references and code', () => {
    expect(html('\\[x]{.no} &#91;y]{.no} [z\\]{.no} `[c]{.no}`')).toBe('<p>[x]{.no} [y]{.no} [z]{.no} <code>[c]{.no}</code></p>');
  });

  it('needs the block right after the bracket, and real attributes in it', () => {
    expect(html('[x] {.no} [x]{b} [x]{.a b}')).toBe('<p>[x] {.no} [x]{b} [x]{.a b}</p>');
  });

  it('prefers a span to a shortcut reference, as pandoc does', () => {
    expect(html('[d]{.x} [d]\n\n[d]: /u')).toBe('<p><span class="x">d</span> <a href="/u">d</a></p>');
  });

  it('keeps links inside spans', () => {
    expect(html('[see [a](/u) here]{.x}')).toBe('<p><span class="x">see <a href="/u">a</a> here</span></p>');
  });

  it('reports a bad quote at its column and still makes the span', () => {
    const { html: out, messages } = render('ab [x]{#i k="v}');
    expect(out).toBe('<p>ab <span id="i" data-k="v">x</span></p>');
    expect(messages).toEqual([expect.objectContaining({ place: '1:13', ruleId: 'fence-attribute-unterminated' })]);
  });
});

describe('link and image attributes', () => {
  it('puts the block on the link', () => {
    expect(html('[a](/u){.cls #l} after')).toBe('<p><a href="/u" id="l" class="cls">a</a> after</p>');
  });

  it('puts the block on the image: pixels as attributes, other units as style', () => {
    expect(html('x ![](/i.png){.float-right width=20px height=10%}')).toBe('<p>x <img src="/i.png" alt="" class="float-right" width="20" style="height:10%"></p>');
  });

  it('keeps an image with attributes alone in its paragraph a figure', () => {
    expect(html('![cap](/i.png){.center}')).toBe('<figure><img src="/i.png" alt="cap" class="center"><figcaption aria-hidden="true">cap</figcaption></figure>');
  });

  it('keeps href and src out of the author attributes', () => {
    expect(html('[a](/u){href=/evil}')).toBe('<p><a href="/u" data-href="/evil">a</a></p>');
  });
});

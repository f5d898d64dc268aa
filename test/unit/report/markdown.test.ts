import { describe, expect, it } from 'vitest';
import { escapeHtml, inlineHtml, markdownToHtml } from '../../../src/report/markdown.js';

describe('markdownToHtml', () => {
  it.each([
    { name: 'a paragraph', md: 'Hello world.', html: '<p>Hello world.</p>' },
    { name: 'two paragraphs', md: 'One\nstill one.\n\nTwo.', html: '<p>One\nstill one.</p>\n<p>Two.</p>' },
    {
      name: 'inline code',
      md: 'Use `ast.literal_eval()`.',
      html: '<p>Use <code>ast.literal_eval()</code>.</p>',
    },
    {
      name: 'code with backticks inside',
      md: 'Run `` a `b` c ``.',
      html: '<p>Run <code>a `b` c</code>.</p>',
    },
    {
      name: 'bold',
      md: 'This is **remote code execution**.',
      html: '<p>This is <strong>remote code execution</strong>.</p>',
    },
    { name: 'italics', md: 'An *important* point.', html: '<p>An <em>important</em> point.</p>' },
    { name: 'snake_case is not emphasis', md: 'use safe_load_all', html: '<p>use safe_load_all</p>' },
    {
      name: 'a star in code is not emphasis',
      md: '`a*b` and `c*d`',
      html: '<p><code>a*b</code> and <code>c*d</code></p>',
    },
    {
      name: 'a fenced code block',
      md: 'Before:\n\n```python\nx = ast.literal_eval(s)  # <safe>\n```\nAfter.',
      html: '<p>Before:</p>\n<pre><code class="language-python">x = ast.literal_eval(s)  # &lt;safe&gt;</code></pre>\n<p>After.</p>',
    },
    { name: 'an unclosed fence runs to the end', md: '```\nx\ny', html: '<pre><code>x\ny</code></pre>' },
    {
      name: 'a bullet list',
      md: '- one\n- two `x`\n* three',
      html: '<ul><li>one</li><li>two <code>x</code></li><li>three</li></ul>',
    },
    { name: 'an ordered list', md: '1. first\n2. second', html: '<ol><li>first</li><li>second</li></ol>' },
    {
      name: 'a list item continued',
      md: '- one\n  more\n- two',
      html: '<ul><li>one\nmore</li><li>two</li></ul>',
    },
    { name: 'a list then a paragraph', md: '- one\n\nText.', html: '<ul><li>one</li></ul>\n<p>Text.</p>' },
    { name: 'a heading', md: '## Why', html: '<h4>Why</h4>' },
    {
      name: 'an http link',
      md: 'See [the docs](https://example.org/a?b=1&c=2).',
      html: '<p>See <a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">the docs</a>.</p>',
    },
    {
      name: 'a javascript: link stays text',
      md: '[x](javascript:alert(1))',
      html: '<p>[x](javascript:alert(1))</p>',
    },
    { name: 'backslash escapes', md: '\\*not bold\\*', html: '<p>&#42;not bold&#42;</p>' },
    {
      name: 'HTML is text',
      md: '<script>alert("x")</script> <img src=x onerror=alert(1)>',
      html: '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>',
    },
    {
      name: 'a link cannot break out of its attribute',
      md: '[x](https://a.example/"onmouseover="alert(1))',
      html: '<p><a href="https://a.example/&quot;onmouseover=&quot;alert(1" rel="noopener noreferrer">x</a>)</p>',
    },
    {
      name: 'a language name cannot inject',
      md: '```py"><x\nc\n```',
      html: '<pre><code class="language-py">c</code></pre>',
    },
    { name: 'empty input', md: '', html: '' },
  ])('$name', ({ md, html }) => {
    expect(markdownToHtml(md)).toBe(html);
  });

  it('never lets a raw < through, whatever the input', () => {
    const inputs = [
      '<',
      '`<`',
      '**<b>**',
      '- <li>',
      '```\n</pre><script>\n```',
      '[<a>](https://x.y/<z>)',
      '## <h1>',
    ];
    for (const md of inputs) {
      const html = markdownToHtml(md);
      const tags = html.match(/<\/?([a-z0-9]+)/g) ?? [];
      for (const t of tags)
        expect([
          '<p',
          '</p',
          '<code',
          '</code',
          '<strong',
          '</strong',
          '<ul',
          '</ul',
          '<li',
          '</li',
          '<pre',
          '</pre',
          '<a',
          '</a',
          '<h4',
          '</h4',
        ]).toContain(t);
    }
  });
});

describe('escapeHtml and inlineHtml', () => {
  it.each([
    { text: `<a href="x">'&'</a>`, expected: '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;' },
    { text: 'plain', expected: 'plain' },
  ])('escapeHtml($text)', ({ text, expected }) => {
    expect(escapeHtml(text)).toBe(expected);
  });

  it.each([
    { text: 'a `<b>` c', expected: 'a <code>&lt;b&gt;</code> c' },
    { text: 'unmatched ` tick', expected: 'unmatched ` tick' },
    { text: '**a** and __b__', expected: '<strong>a</strong> and <strong>b</strong>' },
  ])('inlineHtml($text)', ({ text, expected }) => {
    expect(inlineHtml(text)).toBe(expected);
  });
});

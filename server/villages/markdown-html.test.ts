import { describe, expect, it } from 'vitest';
import { isSafeLinkTarget, markdownToHtml } from './markdown-html';

/** Every attribute name of every tag in an HTML fragment (lower case). */
function attributeNames(html: string): string[] {
  const names: string[] = [];
  for (const tag of html.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/gi)) {
    for (const attr of tag[2]!.matchAll(/([^\s=/]+)(?:=("[^"]*"|'[^']*'|\S+))?/g)) names.push(attr[1]!.toLowerCase());
  }
  return names;
}

/** Every tag name in an HTML fragment (lower case). */
function tagNames(html: string): string[] {
  return [...html.matchAll(/<\/?([a-z][a-z0-9]*)\b/gi)].map((match) => match[1]!.toLowerCase());
}

describe('markdownToHtml', () => {
  it('renders CommonMark: paragraphs, emphasis, lists; headings two levels down', () => {
    const html = markdownToHtml('# 李坑\n\n村中有**祠堂**。\n\n- 古桥\n- 古井\n');
    expect(html).toBe('<h3>李坑</h3>\n<p>村中有<strong>祠堂</strong>。</p>\n<ul>\n<li>古桥</li>\n<li>古井</li>\n</ul>\n');
    expect(markdownToHtml('##### deep')).toBe('<h6>deep</h6>\n');
  });

  it('keeps <script> as text: no script element, the text escaped', () => {
    const html = markdownToHtml('前言<script>alert(1)</script>\n\n<script>\nalert(2)\n</script>');
    expect(tagNames(html)).not.toContain('script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;script&gt;\nalert(2)\n&lt;/script&gt;');
  });

  it('keeps <img onerror> as text: no img element, no event handler attribute', () => {
    const html = markdownToHtml('<img src=x onerror="alert(1)">\n\n行内 <img src=x onerror=alert(2)> 图');
    expect(tagNames(html)).toEqual(['p', 'p', 'p', 'p']);
    expect(attributeNames(html)).toEqual([]);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('leaves javascript:, data:, vbscript: and obfuscated variants as text, never as href', () => {
    const hostile = [
      '[a](javascript:alert(1))',
      '[b](JavaScript:alert(1))',
      '[c](jav&#x09;ascript:alert(1))',
      '[d](&#106;avascript:alert(1))',
      '[e](data:text/html;base64,PHNjcmlwdD4=)',
      '[f](vbscript:msgbox(1))',
      '<javascript:alert(1)>',
      '[g](//evil.example/x)',
      '[h]( javascript:alert(1))',
      '[i](mailto:a@b.example)',
    ];
    for (const text of hostile) {
      const html = markdownToHtml(text);
      expect(html, text).not.toMatch(/<a\b/);
      expect(html, text).not.toMatch(/href=/);
    }
  });

  it('links http(s) and relative addresses with rel="noopener nofollow ugc"', () => {
    expect(markdownToHtml('[县志](https://example.org/a?b=1)')).toBe('<p><a href="https://example.org/a?b=1" rel="noopener nofollow ugc">县志</a></p>\n');
    expect(markdownToHtml('[祠堂](#building-1)')).toBe('<p><a href="#building-1" rel="noopener nofollow ugc">祠堂</a></p>\n');
    expect(markdownToHtml('[汪口](/villages/361130103201)')).toBe('<p><a href="/villages/361130103201" rel="noopener nofollow ugc">汪口</a></p>\n');
  });

  it('linkifies bare http(s) URLs under the same rule, not bare e-mail addresses', () => {
    expect(markdownToHtml('见 https://example.org/x')).toBe('<p>见 <a href="https://example.org/x" rel="noopener nofollow ugc">https://example.org/x</a></p>\n');
    expect(markdownToHtml('写信 a@b.example')).not.toMatch(/<a\b/);
  });

  it('renders no image: a Markdown image is a "!" and a link under the link rule', () => {
    const html = markdownToHtml('![x](/media/villages/a.jpg) ![y](javascript:alert(1))');
    expect(html).toBe('<p>!<a href="/media/villages/a.jpg" rel="noopener nofollow ugc">x</a> ![y](javascript:alert(1))</p>\n');
  });

  it('attribute values are escaped: a quote in a URL cannot open a new attribute', () => {
    const html = markdownToHtml('[x](https://example.org/"onmouseover="alert(1))');
    expect(attributeNames(html).filter((name) => name.startsWith('on'))).toEqual([]);
  });
});

describe('isSafeLinkTarget', () => {
  it('accepts http(s) and relative, refuses other schemes and protocol-relative', () => {
    expect(['https://a.example', 'http://a.example/x', '/villages', '#x', 'a/b', '?q=1'].every(isSafeLinkTarget)).toBe(true);
    expect(['javascript:x', 'data:x', 'file:///etc/passwd', '//a.example', 'https:/x', 'ftp://a.example', '\\\\a', 'jav%09ascript:x'].some(isSafeLinkTarget)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { publicProseHtml } from './public-prose-html';

/** Every tag name in an HTML fragment (lower case). */
function tagNames(html: string): string[] {
  return [...html.matchAll(/<\/?([a-z][a-z0-9]*)\b/gi)].map((match) => match[1]!.toLowerCase());
}

/** Every attribute name of every tag in an HTML fragment (lower case). */
function attributeNames(html: string): string[] {
  const names: string[] = [];
  for (const tag of html.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/gi)) {
    for (const attr of tag[2]!.matchAll(/([^\s=/]+)(?:=("[^"]*"|'[^']*'|\S+))?/g)) names.push(attr[1]!.toLowerCase());
  }
  return names;
}

describe('publicProseHtml', () => {
  it('moves headings two levels down (h1 → h3, capped at h6), closing tags too', () => {
    expect(publicProseHtml('# 李坑\n\n村中有**祠堂**。\n\n##### 深')).toBe('<h3>李坑</h3>\n<p>村中有<strong>祠堂</strong>。</p>\n<h6>深</h6>\n');
  });

  it('leaves a typed <h1> as text: only generated headings move', () => {
    expect(publicProseHtml('写 <h1>x</h1> 也无妨')).toBe('<p>写 &lt;h1&gt;x&lt;/h1&gt; 也无妨</p>\n');
  });

  it('<script>, <img onerror> and javascript: links come out inert: no such element, no event attribute, no href', () => {
    const html = publicProseHtml(
      '# 历史\n\n前言<script>window.x=1</script>\n\n<img src=x onerror="window.x=2">\n\n[点我](javascript:window.x=3) [再点](JAVASCRIPT:alert(1)) [三](&#106;avascript:alert(1))',
    );
    expect(tagNames(html)).toEqual(['h3', 'h3', 'p', 'p', 'p', 'p', 'p', 'p']);
    expect(attributeNames(html)).toEqual([]);
    expect(html).toContain('&lt;script&gt;window.x=1&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.x=2&quot;&gt;');
    expect(html).toContain('[点我](javascript:window.x=3)');
  });

  it('keeps http(s) and relative links, marked ugc', () => {
    expect(publicProseHtml('[县志](https://example.org/gan) [祠堂](#building-1)')).toBe(
      '<p><a href="https://example.org/gan" rel="noopener nofollow ugc">县志</a> <a href="#building-1" rel="noopener nofollow ugc">祠堂</a></p>\n',
    );
  });
});

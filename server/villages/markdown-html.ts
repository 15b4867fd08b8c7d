import markdownIt, { type MarkdownIt } from 'markdown-it';

/**
 * Safe HTML of the curators' Markdown (village sections, building descriptions), rendered on the server.
 *
 * Rules (the page shows text written by curators, read by anyone; treat it as hostile):
 * - CommonMark without raw HTML (`html: false`): `<script>`, `<img onerror>`, `<iframe>` come out as escaped text;
 * - links only to `http:` / `https:` URLs or same-site relative addresses (`/…`, `#…`, `a/b`); `javascript:`,
 *   `data:`, `vbscript:`, `mailto:`, protocol-relative `//host` and every other scheme are left as plain text;
 *   a relative address whose first segment holds a colon (RFC 3986 §4.2) is refused too; every link carries `rel="noopener nofollow ugc"`;
 * - bare URLs become links (linkify), under the same rule;
 * - images are off (`![alt](url)` renders as `!` and a link under the same rule): a page's images come from its
 *   published media, with alt text and responsive variants; a Markdown image would have neither;
 * - headings move down two levels (`#` → `<h3>`), under the page's `<h2>` section titles.
 *
 * @see https://github.com/markdown-it/markdown-it/blob/master/docs/security.md
 */

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Whether a link target may be rendered as a link: `http(s)://…`, or relative to this site (no scheme, not `//`).
 * @param url the target after markdown-it's normalisation (entities decoded, percent-encoded)
 */
export function isSafeLinkTarget(url: string): boolean {
  const trimmed = url.trim();
  if (trimmed.startsWith('//') || trimmed.startsWith('\\')) return false;
  const scheme = SCHEME.exec(trimmed);
  // RFC 3986 §4.2: a relative path's first segment has no colon (`jav%09ascript:x` would read as one).
  if (!scheme) return !/^[^/?#]*:/.test(trimmed);
  return /^https?$/i.test(scheme[1]!) && /^https?:\/\/[^/\\]/i.test(trimmed);
}

/** Heading levels added to the Markdown's (`#` renders as `<h3>` under the page's `<h2>`). */
const HEADING_SHIFT = 2;

function createRenderer(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  md.disable('image');
  md.validateLink = isSafeLinkTarget;
  md.core.ruler.push('gantwin_heading_shift', (state) => {
    for (const token of state.tokens) {
      if (token.type !== 'heading_open' && token.type !== 'heading_close') continue;
      const level = Math.min(6, Number(token.tag.slice(1)) + HEADING_SHIFT);
      token.tag = `h${level}`;
    }
  });
  const renderToken = md.renderer.renderToken.bind(md.renderer);
  md.renderer.rules.link_open = (tokens, index, options) => {
    tokens[index]!.attrSet('rel', 'noopener nofollow ugc');
    return renderToken(tokens, index, options);
  };
  return md;
}

const RENDERER = createRenderer();

/** Longest Markdown rendered, characters (a section is far shorter; a longer body is cut, never rendered whole). */
export const MARKDOWN_MAX_CHARS = 100_000;

/**
 * The HTML of a Markdown text under the rules of this module (safe to put in `dangerouslySetInnerHTML`).
 * @param markdown CommonMark text; only its first {@link MARKDOWN_MAX_CHARS} characters are rendered
 * @returns HTML (block elements: `<p>`, `<ul>`, `<h3>`…), empty for an empty text
 * @example markdownToHtml('[x](javascript:alert(1))') // '<p>[x](javascript:alert(1))</p>\n'
 */
export function markdownToHtml(markdown: string): string {
  return RENDERER.render(markdown.slice(0, MARKDOWN_MAX_CHARS));
}

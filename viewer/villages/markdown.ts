import MarkdownIt from 'markdown-it';

/**
 * The one safe Markdown renderer of village texts (curators' live preview and the public pages alike): CommonMark via
 * markdown-it with raw HTML off (typed tags come out as text), bare URLs linked, links only to http(s) or same-site
 * relative addresses (anything else, `javascript:`, `data:`, `vbscript:`, `file:` included, stays plain text), and
 * every link `rel="noopener nofollow ugc"`. Images keep the same address rule. The output is HTML to insert as is.
 * @see https://github.com/markdown-it/markdown-it/blob/master/docs/security.md
 */

/** `rel` of every link: a curator's text is user content to search engines and gets no window handle. */
export const VILLAGE_LINK_REL = 'noopener nofollow ugc';

/** Whether a link or image address may be kept: `http:`/`https:` absolute, or relative without a scheme. */
export function isSafeVillageUrl(url: string): boolean {
  const trimmed = url.trim();
  // A scheme is letters, digits, + - . followed by ":" before any "/", "?" or "#".
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  if (!scheme) return !trimmed.startsWith('//') && !trimmed.startsWith('\\');
  return /^https?$/i.test(scheme[1]);
}

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
markdown.validateLink = isSafeVillageUrl;

const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index].attrSet('rel', VILLAGE_LINK_REL);
  return defaultLinkOpen(tokens, index, options, env, self);
};

/**
 * Renders a village text (Markdown) to safe HTML (see module doc).
 * @param md CommonMark text as a curator wrote it (≤ 50 000 characters by the input schema)
 * @returns HTML with no raw HTML of the input, no script-capable URL and `rel` on every link
 */
export function renderVillageMarkdown(md: string): string {
  return markdown.render(md);
}

/**
 * Curator text as the public village page shows it: the one safe renderer of village texts (./markdown.ts
 * `renderVillageMarkdown`: no raw HTML, http(s)/relative links only, `rel="noopener nofollow ugc"`), with headings
 * moved down two levels so that a curator's `#` sits under the page's `<h2>` section titles (`#` → `<h3>`; the
 * page keeps one `<h1>`, the village's name). Runs on the server; the page ships no Markdown code.
 */
import { renderVillageMarkdown } from './markdown';

/** Levels added to the Markdown's headings (`#` renders as `<h3>`, capped at `<h6>`). */
export const PROSE_HEADING_OFFSET = 2;

/** Longest text rendered, characters (inputs allow 50 000; a longer stored text is cut, never rendered whole). */
export const PROSE_MAX_CHARS = 100_000;

/**
 * Safe HTML of a village text for the public page (see module doc).
 * @param markdown CommonMark text; only its first {@link PROSE_MAX_CHARS} characters are rendered
 * @returns HTML to insert as is; empty for an empty text
 */
export function publicProseHtml(markdown: string): string {
  // `<hN>` can only be a heading markdown-it generated: the input's own tags come out escaped (`&lt;h1&gt;`).
  return renderVillageMarkdown(markdown.slice(0, PROSE_MAX_CHARS)).replace(
    /<(\/?)h([1-6])>/g,
    (_tag, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + PROSE_HEADING_OFFSET)}>`,
  );
}

/**
 * A block of curator text, already rendered to safe HTML on the server (./public-prose-html.ts: no raw HTML,
 * http(s)/relative links only). This component only places it; never pass it HTML from anywhere else.
 */
import type { Locale } from '@viewer/core/i18n';

/** Rendered curator text and the language it is written in. */
export interface ProseHtml {
  /** Output of `publicProseHtml` (./public-prose-html.ts), nothing else. */
  html: string;
  lang: Locale;
}

/** The block (see module doc). */
export function VillageProse({ prose, locale }: { prose: ProseHtml; locale: Locale }) {
  return <div className="gt-village-prose" lang={prose.lang === locale ? undefined : prose.lang} dangerouslySetInnerHTML={{ __html: prose.html }} />;
}

/**
 * `/villages/<code>` — the public page of one traditional village (anyone, no account; `code` is its 12-digit
 * statistical code). A server component: the published document (./load-village.ts; `?preview=1` shows a curator
 * the draft, never indexed), its Markdown rendered to safe HTML on the server (viewer/villages/public-prose-html.ts, the one village renderer),
 * and the page (viewer/villages/village-article.tsx) with no client JavaScript of its own. Unknown, unpublished or
 * malformed codes answer 404.
 */
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { PublicVillage } from '@server/villages/public-village-types';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { jpegVariant } from '@viewer/villages/responsive-picture';
import { VILLAGE_PAGES_MESSAGES } from '@viewer/villages/pages-messages';
import { VillageArticle, type VillageTextSection } from '@viewer/villages/village-article';
import { publicProseHtml } from '@viewer/villages/public-prose-html';
import type { ProseHtml } from '@viewer/villages/village-prose';
import { villageSceneHref } from '@viewer/villages/village-scene-href';
import { localText } from '@viewer/villages/village-text';
import { VillagesSiteHeader } from '@viewer/villages/villages-site-header';
import { getRequestLocale } from '../../locale';
import { siteOrigin } from '../site-origin';
import { otherLanguageHref, VILLAGES_PATHS } from '../villages-paths';
import { loadVillage } from './load-village';

/** Per request (page CSP nonce; a preview depends on the session). */
export const dynamic = 'force-dynamic';

/** Props Next.js passes to the page. */
interface VillagePageProps {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

async function resolve({ params, searchParams }: VillagePageProps) {
  const [{ code }, query, locale] = await Promise.all([params, searchParams, getRequestLocale()]);
  return { code, locale, loaded: await loadVillage(code, query.preview === '1') };
}

/** Title, description (the summary), canonical, Open Graph with the cover's JPEG; `noindex` for a preview. */
export async function generateMetadata(props: VillagePageProps): Promise<Metadata> {
  const [{ code, locale, loaded }, origin] = await Promise.all([resolve(props), siteOrigin()]);
  const t = createTranslator(VILLAGE_PAGES_MESSAGES, locale);
  if (!loaded) return { title: `${t('village.notFound')} · ${t('site.title')}`, robots: { index: false } };
  const { village, isPreview } = loaded;
  const name = localText(locale, village.nameZh, village.nameEn).text;
  const title = `${name} · ${village.county} · ${t('site.title')}`;
  const description = localText(locale, village.summaryZh, village.summaryEn).text || t('site.description');
  const url = VILLAGES_PATHS.village(code);
  const cover = village.cover ? jpegVariant(village.cover.variants) : null;
  return {
    metadataBase: new URL(origin),
    title,
    description,
    alternates: { canonical: url, languages: { 'zh-CN': url, en: `${url}?lang=en` } },
    openGraph: {
      type: 'article',
      title,
      description,
      url,
      siteName: t('site.title'),
      locale: locale === 'en' ? 'en_US' : 'zh_CN',
      images: cover && village.cover ? [{ url: cover.url, width: cover.width, height: cover.height, alt: localText(locale, village.cover.altZh, village.cover.altEn).text }] : undefined,
    },
    robots: isPreview ? { index: false, follow: false, nocache: true } : undefined,
  };
}

function prose(locale: Locale, zh: string, en: string | null): ProseHtml | undefined {
  const text = localText(locale, zh, en);
  const html = text.text.trim() ? publicProseHtml(text.text) : '';
  return html ? { html, lang: text.lang } : undefined;
}

/** The safe HTML of every non-empty text section and building description. */
function renderProse(village: PublicVillage, locale: Locale) {
  const sections: Partial<Record<VillageTextSection, ProseHtml>> = {};
  for (const section of village.sections) {
    const html = prose(locale, section.bodyZh, section.bodyEn);
    if (html) sections[section.kind] = html;
  }
  const buildingDescriptions: Record<string, ProseHtml> = {};
  for (const building of village.buildings) {
    const html = prose(locale, building.descriptionZh, building.descriptionEn);
    if (html) buildingDescriptions[building.id] = html;
  }
  return { sections, buildingDescriptions };
}

/** The village page. */
export default async function VillagePage(props: VillagePageProps) {
  const { code, locale, loaded } = await resolve(props);
  if (!loaded) notFound();
  const { village, isPreview } = loaded;
  const here = isPreview ? `${VILLAGES_PATHS.village(code)}?preview=1` : VILLAGES_PATHS.village(code);
  const { sections, buildingDescriptions } = renderProse(village, locale);
  return (
    <>
      <VillagesSiteHeader locale={locale} homeHref={VILLAGES_PATHS.list} otherLanguageHref={otherLanguageHref(here, locale)} twinHref={VILLAGES_PATHS.twin} />
      <main id="main" className="gt-villages-main" tabIndex={-1}>
        <VillageArticle
          village={village}
          sections={sections}
          buildingDescriptions={buildingDescriptions}
          locale={locale}
          sceneHref={villageSceneHref(village.code, village.position)}
          panoramaHrefOf={(panoramaId) => VILLAGES_PATHS.panorama(code, panoramaId)}
          isPreview={isPreview}
        />
      </main>
    </>
  );
}

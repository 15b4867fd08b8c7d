/**
 * `/villages/<code>/panoramas/<panoramaId>` — one 720° panorama of a published village (anyone, no account): the
 * viewer (loaded on demand in the browser), its caption and credit, and links to the village and its other
 * panoramas. A server component reading only the published document (server/villages/public-village.ts
 * `publicVillageByCode`); an unknown, unpublished or malformed address answers 404.
 */
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '@server/db/client';
import { publicVillageByCode } from '@server/villages/public-village';
import type { PublicPanorama, PublicVillage } from '@server/villages/public-village-types';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { VILLAGES_MESSAGES } from '@viewer/villages/messages';
import { compassText } from '@viewer/villages/panorama-position';
import { getRequestLocale } from '../../../../locale';
import { panoramaHref, villageHref } from './panorama-paths';
import { PanoramaStage } from './panorama-stage';
import './panorama-page.css';

/** Per request (page CSP nonce, locale cookie). */
export const dynamic = 'force-dynamic';

/** Props Next.js passes to the page. */
interface PanoramaPageProps {
  params: Promise<{ code: string; panoramaId: string }>;
}

/** The village and the panorama of the address, or null. */
async function load(props: PanoramaPageProps): Promise<{ village: PublicVillage; panorama: PublicPanorama; locale: Locale } | null> {
  const [{ code, panoramaId }, locale] = await Promise.all([props.params, getRequestLocale()]);
  const village = await publicVillageByCode(getDb(), code);
  const panorama = village?.panoramas.find((candidate) => candidate.id === panoramaId);
  return village && panorama ? { village, panorama, locale } : null;
}

const inLocale = (locale: Locale, zh: string, en: string | null): string => (locale === 'en' ? (en ?? zh) : zh);

/** Title in the request locale; not indexed when missing. */
export async function generateMetadata(props: PanoramaPageProps): Promise<Metadata> {
  const loaded = await load(props);
  if (!loaded) return { robots: { index: false } };
  const { village, panorama, locale } = loaded;
  const t = createTranslator(VILLAGES_MESSAGES, locale);
  const title = t('panorama.page.title', { title: inLocale(locale, panorama.titleZh, panorama.titleEn), village: inLocale(locale, village.nameZh, village.nameEn) });
  return { title, description: inLocale(locale, panorama.image.altZh, panorama.image.altEn) };
}

/** The page (see module doc). */
export default async function PanoramaPage(props: PanoramaPageProps) {
  const loaded = await load(props);
  if (!loaded) notFound();
  const { village, panorama, locale } = loaded;
  const t = createTranslator(VILLAGES_MESSAGES, locale);
  const villageName = inLocale(locale, village.nameZh, village.nameEn);
  const caption = inLocale(locale, panorama.image.captionZh, panorama.image.captionEn);
  const others = village.panoramas.filter((other) => other.id !== panorama.id);
  return (
    <main className="gt-pano-page" lang={locale}>
      <a className="gt-pano-page__back" href={villageHref(village.code)}>
        ← {t('panorama.page.back', { village: villageName })}
      </a>
      <h1 className="gt-pano-page__title">
        {inLocale(locale, panorama.titleZh, panorama.titleEn)}
        {village.isDemo ? <span className="gt-pano-page__badge">{t('panorama.page.demo')}</span> : null}
      </h1>
      <PanoramaStage villageCode={village.code} panorama={panorama} locale={locale} />
      {caption ? <p className="gt-pano-page__meta">{caption}</p> : null}
      <p className="gt-pano-page__meta">
        {t('panorama.page.heading', { heading: compassText(panorama.headingDeg, locale) })}
        {panorama.image.credit ? ` · ${t('panorama.page.credit', { credit: panorama.image.credit })}` : ''}
      </p>
      {village.isDemo ? <p className="gt-pano-page__note">{t('panorama.page.demoNote')}</p> : null}
      {others.length > 0 ? (
        <nav className="gt-pano-page__others" aria-labelledby="gt-pano-page-others">
          <h2 id="gt-pano-page-others">{t('panorama.page.others')}</h2>
          <ul>
            {others.map((other) => (
              <li key={other.id}>
                <a href={panoramaHref(village.code, other.id)}>{inLocale(locale, other.titleZh, other.titleEn)}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </main>
  );
}

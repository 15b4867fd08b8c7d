/**
 * The public page of one village: banners (示例内容, 预览), the hero (cover, name, place, batch, themes, 3D scene
 * link), an in-page section nav, then the sections in the museum's order — 概况, 全景漫游, 历史文化, 传统建筑,
 * 民俗文化, 传统技艺/美食, 影像 — each only when it has content. Server-rendered; no client JavaScript.
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { VILLAGE_PAGES_MESSAGES, type VillagePagesMessageKey } from './pages-messages';
import { ResponsivePicture } from './responsive-picture';
import { VillageBuildings, type VillageBuildingData } from './village-buildings';
import { VillagePanoramas, type VillagePanoramaData } from './village-panoramas';
import { VillagePhotos, type VillagePhoto } from './village-photos';
import { VillageProse, type ProseHtml } from './village-prose';
import { batchLabel, langAttribute, localText, poiKindLabel, themeLabel } from './village-text';

/** Text sections of a village page (server/db/schema/villages.ts SECTION_KINDS). */
export type VillageTextSection = 'overview' | 'history' | 'customs' | 'crafts';

/** What the page shows of a village (the public document `PublicVillage` satisfies it). */
export interface VillageArticleData {
  code: string;
  nameZh: string;
  nameEn: string | null;
  town: string;
  county: string;
  city: string;
  isPositionVerified: boolean;
  nationalBatch: number | null;
  themes: readonly string[];
  summaryZh: string;
  summaryEn: string | null;
  isDemo: boolean;
  cover: VillagePhoto | null;
  buildings: readonly VillageBuildingData[];
  panoramas: readonly VillagePanoramaData[];
  photos: readonly (VillagePhoto & { buildingId: string | null })[];
  pois: readonly { id: string; kind: string; nameZh: string; nameEn: string | null; descriptionZh: string; descriptionEn: string | null }[];
  publishedAt: string;
}

/** Props of {@link VillageArticle}. */
export interface VillageArticleProps {
  village: VillageArticleData;
  /** Safe HTML of each non-empty text section (./public-prose-html.ts). */
  sections: Readonly<Partial<Record<VillageTextSection, ProseHtml>>>;
  /** Safe HTML of each building's description, by building id. */
  buildingDescriptions: Readonly<Record<string, ProseHtml>>;
  locale: Locale;
  /** The 3D scene of the village in the twin. */
  sceneHref: string;
  /** The page of a panorama. */
  panoramaHrefOf: (panoramaId: string) => string;
  /** A curator's preview of the draft (预览 banner). */
  isPreview: boolean;
}

/** A section of the page in nav order: its anchor and title. */
interface PageSection {
  id: string;
  titleKey: VillagePagesMessageKey;
}

/** The page (see module doc). */
export function VillageArticle({ village, sections, buildingDescriptions, locale, sceneHref, panoramaHrefOf, isPreview }: VillageArticleProps) {
  const t = createTranslator(VILLAGE_PAGES_MESSAGES, locale);
  const name = localText(locale, village.nameZh, village.nameEn);
  const otherName = locale === 'en' ? (village.nameEn ? village.nameZh : null) : village.nameEn;
  const summary = localText(locale, village.summaryZh, village.summaryEn);
  const coverAlt = village.cover ? localText(locale, village.cover.altZh, village.cover.altEn) : null;
  const villagePhotos = village.photos.filter((photo) => photo.buildingId === null);
  const buildingPhotos: Record<string, VillagePhoto[]> = {};
  for (const photo of village.photos) if (photo.buildingId !== null) (buildingPhotos[photo.buildingId] ??= []).push(photo);
  const hasOverview = Boolean(summary.text || sections.overview?.html || village.pois.length > 0);

  const present: PageSection[] = [
    ...(hasOverview ? [{ id: 'overview', titleKey: 'village.overview' as const }] : []),
    ...(village.panoramas.length > 0 ? [{ id: 'panoramas', titleKey: 'village.panoramas' as const }] : []),
    ...(sections.history?.html ? [{ id: 'history', titleKey: 'village.history' as const }] : []),
    ...(village.buildings.length > 0 ? [{ id: 'buildings', titleKey: 'village.buildings' as const }] : []),
    ...(sections.customs?.html ? [{ id: 'customs', titleKey: 'village.customs' as const }] : []),
    ...(sections.crafts?.html ? [{ id: 'crafts', titleKey: 'village.crafts' as const }] : []),
    ...(villagePhotos.length > 0 ? [{ id: 'media', titleKey: 'village.media' as const }] : []),
  ];

  const body = (section: PageSection) => {
    switch (section.id) {
      case 'overview':
        return (
          <>
            {summary.text && (
              <p className="gt-village-summary" lang={langAttribute(locale, summary)}>
                {summary.text}
              </p>
            )}
            {sections.overview?.html && <VillageProse prose={sections.overview} locale={locale} />}
            {village.pois.length > 0 && (
              <>
                <h3>{t('village.pois')}</h3>
                <ul className="gt-village-pois">
                  {village.pois.map((poi) => {
                    const poiName = localText(locale, poi.nameZh, poi.nameEn);
                    const description = localText(locale, poi.descriptionZh, poi.descriptionEn);
                    return (
                      <li key={poi.id}>
                        <span className="gt-village-pois__kind">{poiKindLabel(locale, poi.kind)}</span>{' '}
                        <strong lang={langAttribute(locale, poiName)}>{poiName.text}</strong>
                        {description.text && <span lang={langAttribute(locale, description)}>：{description.text}</span>}
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </>
        );
      case 'panoramas':
        return <VillagePanoramas panoramas={village.panoramas} hrefOf={panoramaHrefOf} locale={locale} />;
      case 'buildings':
        return <VillageBuildings buildings={village.buildings} descriptions={buildingDescriptions} photos={buildingPhotos} locale={locale} />;
      case 'media':
        return <VillagePhotos photos={villagePhotos} locale={locale} />;
      default: {
        const prose = sections[section.id as VillageTextSection];
        return prose ? <VillageProse prose={prose} locale={locale} /> : null;
      }
    }
  };

  return (
    <article className="gt-village-page" data-testid="village-page" data-code={village.code}>
      {isPreview && (
        <p className="gt-village-banner gt-village-banner--preview" role="status" data-testid="village-preview-banner">
          {t('village.previewBanner')}
        </p>
      )}
      {village.isDemo && (
        <p className="gt-village-banner gt-village-banner--demo" data-testid="village-demo-banner">
          {t('village.demoBanner')}
        </p>
      )}
      <header className="gt-village-hero">
        {village.cover && coverAlt && (
          <ResponsivePicture
            image={village.cover}
            alt={coverAlt.text}
            altLang={langAttribute(locale, coverAlt)}
            sizes="(min-width: 1200px) 1200px, 100vw"
            loading="eager"
            className="gt-village-hero__cover"
          />
        )}
        <div className="gt-village-hero__text">
          <h1 lang={langAttribute(locale, name)}>
            {name.text}
            {otherName && (
              <span className="gt-village-hero__other-name" lang={locale === 'en' ? 'zh-CN' : 'en'}>
                {otherName}
              </span>
            )}
          </h1>
          <p className="gt-village-hero__place" lang={locale === 'zh-CN' ? undefined : 'zh-CN'}>
            {village.city} · {village.county} · {village.town}
          </p>
          <ul className="gt-village-tags">
            {village.nationalBatch !== null && <li className="gt-village-tags__batch">{batchLabel(locale, village.nationalBatch, true)}</li>}
            {village.themes.map((theme) => (
              <li key={theme}>{themeLabel(locale, theme)}</li>
            ))}
          </ul>
          {!village.isPositionVerified && <p className="gt-village-hero__note">{t('village.unverifiedNote')}</p>}
          <p className="gt-village-hero__actions">
            <a className="gt-village-button" href={sceneHref} data-testid="village-scene-link" title={t('village.sceneHint')}>
              {t('village.scene')}
            </a>
          </p>
        </div>
      </header>
      {present.length > 1 && (
        <nav className="gt-village-toc" aria-label={t('village.sections')} data-testid="village-section-nav">
          <ul>
            {present.map((section) => (
              <li key={section.id}>
                <a href={`#${section.id}`}>{t(section.titleKey)}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {present.map((section) => (
        <section key={section.id} id={section.id} className="gt-village-section" aria-labelledby={`${section.id}-title`} tabIndex={-1}>
          <h2 id={`${section.id}-title`}>{t(section.titleKey)}</h2>
          {body(section)}
        </section>
      ))}
      <footer className="gt-village-page__footer">
        <p>
          {t('village.code')} {village.code} ·{' '}
          {t('village.publishedAt', { date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Asia/Shanghai' }).format(new Date(village.publishedAt)) })}
        </p>
      </footer>
    </article>
  );
}

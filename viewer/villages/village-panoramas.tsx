/**
 * The 全景漫游 section: one card per panorama (its equirectangular image cropped as a thumbnail, title, number of
 * hotspots), each a link to the panorama page, where the viewer loads; the village page itself loads no panorama
 * code.
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { VILLAGE_PAGES_MESSAGES } from './pages-messages';
import { ResponsivePicture, type PictureImage } from './responsive-picture';
import { langAttribute, localText } from './village-text';

/** What a panorama card shows (the public document's `PublicPanorama` satisfies it). */
export interface VillagePanoramaData {
  id: string;
  titleZh: string;
  titleEn: string | null;
  image: PictureImage & { altZh: string; altEn: string | null };
  hotspots: readonly unknown[];
}

/** Props of {@link VillagePanoramas}. */
export interface VillagePanoramasProps {
  panoramas: readonly VillagePanoramaData[];
  /** The page of one panorama. */
  hrefOf: (panoramaId: string) => string;
  locale: Locale;
}

/** The cards (see module doc). */
export function VillagePanoramas({ panoramas, hrefOf, locale }: VillagePanoramasProps) {
  const t = createTranslator(VILLAGE_PAGES_MESSAGES, locale);
  return (
    <ul className="gt-village-panoramas">
      {panoramas.map((panorama) => {
        const title = localText(locale, panorama.titleZh, panorama.titleEn);
        const alt = localText(locale, panorama.image.altZh, panorama.image.altEn);
        return (
          <li key={panorama.id}>
            <a className="gt-village-panorama" href={hrefOf(panorama.id)} data-testid="village-panorama">
              <ResponsivePicture
                image={panorama.image}
                alt={alt.text}
                altLang={langAttribute(locale, alt)}
                sizes="(min-width: 1100px) 340px, (min-width: 700px) 45vw, 100vw"
                className="gt-village-panorama__image"
              />
              <span className="gt-village-panorama__body">
                <span className="gt-village-panorama__title" lang={langAttribute(locale, title)}>
                  {title.text}
                </span>
                <span className="gt-village-panorama__meta">
                  {panorama.hotspots.length > 0 && <span>{t('village.hotspots', { count: panorama.hotspots.length })}</span>}
                  <span className="gt-village-panorama__open" aria-hidden="true">
                    {t('village.openPanorama')} →
                  </span>
                </span>
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

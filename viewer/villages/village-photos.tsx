/**
 * A grid of published photos, each a `<figure>` with its caption, credit and, for generated images, a 生成图像
 * label. Used by the 影像 section and under each historic building.
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { VILLAGE_PAGES_MESSAGES } from './pages-messages';
import { ResponsivePicture, type PictureImage } from './responsive-picture';
import { langAttribute, localText } from './village-text';

/** What a photo needs (the public document's `PublicImage` satisfies it). */
export interface VillagePhoto extends PictureImage {
  id: string;
  altZh: string;
  altEn: string | null;
  captionZh: string;
  captionEn: string | null;
  credit: string;
  isGenerated: boolean;
}

/** Props of {@link VillagePhotos}. */
export interface VillagePhotosProps {
  photos: readonly VillagePhoto[];
  locale: Locale;
  /** `sizes` of one photo in the grid. */
  sizes?: string;
}

/** The grid (see module doc). */
export function VillagePhotos({ photos, locale, sizes = '(min-width: 1100px) 340px, (min-width: 700px) 45vw, 100vw' }: VillagePhotosProps) {
  const t = createTranslator(VILLAGE_PAGES_MESSAGES, locale);
  return (
    <ul className="gt-village-photos">
      {photos.map((photo) => {
        const alt = localText(locale, photo.altZh, photo.altEn);
        const caption = localText(locale, photo.captionZh, photo.captionEn);
        return (
          <li key={photo.id}>
            <figure className="gt-village-photo">
              <ResponsivePicture image={photo} alt={alt.text} altLang={langAttribute(locale, alt)} sizes={sizes} />
              {(caption.text || photo.credit || photo.isGenerated) && (
                <figcaption>
                  {caption.text && <span lang={langAttribute(locale, caption)}>{caption.text}</span>}
                  {photo.isGenerated && <span className="gt-village-badge gt-village-badge--demo">{t('village.generated')}</span>}
                  {photo.credit && <small>{t('village.credit', { credit: photo.credit })}</small>}
                </figcaption>
              )}
            </figure>
          </li>
        );
      })}
    </ul>
  );
}

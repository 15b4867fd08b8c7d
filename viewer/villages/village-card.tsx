/**
 * A village in the public list: cover picture, name, county and city, national batch, themes, and the 示例内容 /
 * 位置待核实 badges. The whole card is one link to the village page. No client JavaScript.
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { VILLAGE_PAGES_MESSAGES } from './pages-messages';
import { ResponsivePicture, type PictureImage } from './responsive-picture';
import { batchLabel, langAttribute, localText, themeLabel } from './village-text';

/** What a card shows (the list's `PublicVillageCard` satisfies it). */
export interface VillageCardData {
  code: string;
  nameZh: string;
  nameEn: string | null;
  town: string;
  county: string;
  city: string;
  isPositionVerified: boolean;
  nationalBatch: number | null;
  themes: string[];
  summaryZh: string;
  summaryEn: string | null;
  cover: (PictureImage & { altZh: string; altEn: string | null }) | null;
  isDemo: boolean;
}

/** Props of {@link VillageCard}. */
export interface VillageCardProps {
  village: VillageCardData;
  href: string;
  locale: Locale;
  /** Eager-load the cover (the first cards on screen). */
  isAboveFold?: boolean;
}

/** The card (see module doc). */
export function VillageCard({ village, href, locale, isAboveFold = false }: VillageCardProps) {
  const t = createTranslator(VILLAGE_PAGES_MESSAGES, locale);
  const name = localText(locale, village.nameZh, village.nameEn);
  const summary = localText(locale, village.summaryZh, village.summaryEn);
  const alt = village.cover ? localText(locale, village.cover.altZh, village.cover.altEn) : null;
  return (
    <article className="gt-village-card" data-testid="village-card" data-code={village.code}>
      <a className="gt-village-card__link" href={href}>
        <div className="gt-village-card__media">
          {village.cover && alt ? (
            <ResponsivePicture
              image={village.cover}
              alt={alt.text}
              altLang={langAttribute(locale, alt)}
              sizes="(min-width: 1100px) 340px, (min-width: 700px) 45vw, 100vw"
              loading={isAboveFold ? 'eager' : 'lazy'}
            />
          ) : (
            <span className="gt-village-card__placeholder">{t('card.noCover')}</span>
          )}
          <span className="gt-village-card__badges">
            {village.isDemo && <span className="gt-village-badge gt-village-badge--demo">{t('card.demo')}</span>}
            {!village.isPositionVerified && <span className="gt-village-badge gt-village-badge--unverified">{t('card.unverified')}</span>}
          </span>
        </div>
        <div className="gt-village-card__body">
          <h3 className="gt-village-card__name" lang={langAttribute(locale, name)}>
            {name.text}
          </h3>
          <p className="gt-village-card__place">
            <span lang={locale === 'zh-CN' ? undefined : 'zh-CN'}>
              {village.city} · {village.county}
            </span>
            {village.nationalBatch !== null && <span className="gt-village-card__batch">{batchLabel(locale, village.nationalBatch)}</span>}
          </p>
          {summary.text && (
            <p className="gt-village-card__summary" lang={langAttribute(locale, summary)}>
              {summary.text}
            </p>
          )}
          {village.themes.length > 0 && (
            <ul className="gt-village-tags" aria-label={t('list.theme')}>
              {village.themes.map((theme) => (
                <li key={theme}>{themeLabel(locale, theme)}</li>
              ))}
            </ul>
          )}
        </div>
      </a>
    </article>
  );
}

/**
 * The 传统建筑 section's list: each historic building is an `<article id="building-<id>">` (the anchor panorama
 * hotspots link to) with era, type, protection level, eave height, its description (pre-rendered safe HTML) and
 * its photos.
 */
import { createTranslator, formatNumber, type Locale } from '@viewer/core/i18n';
import { VILLAGE_PAGES_MESSAGES } from './pages-messages';
import { VillagePhotos, type VillagePhoto } from './village-photos';
import { VillageProse, type ProseHtml } from './village-prose';
import { buildingTypeLabel, langAttribute, localText, protectionLevelLabel } from './village-text';

/** What a building shows (the public document's `PublicBuilding` satisfies it). */
export interface VillageBuildingData {
  id: string;
  nameZh: string;
  nameEn: string | null;
  eraZh: string;
  eraEn: string | null;
  buildingType: string;
  protectionLevel: string;
  heightM: number | null;
}

/** The anchor of a building on its village page (`building-<id>`). */
export function buildingAnchor(buildingId: string): string {
  return `building-${buildingId}`;
}

/** Props of {@link VillageBuildings}. */
export interface VillageBuildingsProps {
  buildings: readonly VillageBuildingData[];
  /** Description HTML per building id (./public-prose-html.ts). */
  descriptions: Readonly<Record<string, ProseHtml>>;
  /** Photos per building id. */
  photos: Readonly<Record<string, readonly VillagePhoto[]>>;
  locale: Locale;
}

/** The list (see module doc). */
export function VillageBuildings({ buildings, descriptions, photos, locale }: VillageBuildingsProps) {
  const t = createTranslator(VILLAGE_PAGES_MESSAGES, locale);
  return (
    <div className="gt-village-buildings">
      {buildings.map((building) => {
        const name = localText(locale, building.nameZh, building.nameEn);
        const era = localText(locale, building.eraZh, building.eraEn);
        const description = descriptions[building.id];
        const ownPhotos = photos[building.id] ?? [];
        return (
          <article key={building.id} id={buildingAnchor(building.id)} className="gt-village-building" data-testid="village-building" tabIndex={-1}>
            <h3 lang={langAttribute(locale, name)}>{name.text}</h3>
            <dl className="gt-village-facts">
              {era.text && (
                <div>
                  <dt>{t('village.era')}</dt>
                  <dd lang={langAttribute(locale, era)}>{era.text}</dd>
                </div>
              )}
              <div>
                <dt>{t('village.type')}</dt>
                <dd>{buildingTypeLabel(locale, building.buildingType)}</dd>
              </div>
              <div>
                <dt>{t('village.protection')}</dt>
                <dd>
                  <span className={`gt-village-level gt-village-level--${building.protectionLevel}`}>{protectionLevelLabel(locale, building.protectionLevel)}</span>
                  {building.heightM !== null && <span className="gt-village-facts__extra">{t('village.height', { heightM: formatNumber(building.heightM, locale, 1) })}</span>}
                </dd>
              </div>
            </dl>
            {description && description.html && <VillageProse prose={description} locale={locale} />}
            {ownPhotos.length > 0 && <VillagePhotos photos={ownPhotos} locale={locale} sizes="(min-width: 1100px) 300px, (min-width: 700px) 45vw, 100vw" />}
          </article>
        );
      })}
    </div>
  );
}

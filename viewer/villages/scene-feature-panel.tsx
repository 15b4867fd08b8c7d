/**
 * Side panel of a picked feature of a village scene: a historic building (a block of the `villages-buildings`
 * tiles: name, village, era, type, protection level, eave height) or a point of interest (name, kind, village,
 * description). Renders only (app/villages/ fetches); every value is a text node.
 */
import { BUILDING_TYPES, PROTECTION_LEVEL_LABELS } from '@data/villages/building-types';
import { POI_KINDS } from '@data/villages/poi-kinds';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { VILLAGES_SCENE_MESSAGES, type VillagesSceneMessageKey } from './scene-messages';
import type { VillageBuildingData } from './village-buildings';

/** The building fields the panel shows (the router's `scene.building` output satisfies it). */
export interface PanelBuilding extends VillageBuildingData {
  descriptionZh: string;
  descriptionEn: string | null;
  villageNameZh: string;
  villageNameEn: string | null;
}

/** The POI fields the panel shows (the `villages-pois` feature properties). */
export interface PanelPoi {
  kind: string;
  name: string;
  nameEn: string | null;
  description: string;
  descriptionEn: string | null;
  villageName: string;
}

/** Props of {@link SceneFeaturePanel}. */
export interface SceneFeaturePanelProps {
  locale: Locale;
  feature: { kind: 'building'; building: PanelBuilding | null } | { kind: 'poi'; poi: PanelPoi | null };
  loading: boolean;
  error: string | null;
  onClose: () => void;
}

/** A label of a keyed table, or the key itself for an unknown one. */
function labelOf(table: Record<string, { zh: string; en: string }>, key: string, locale: Locale): string {
  const entry = Object.hasOwn(table, key) ? table[key] : null;
  return entry ? (locale === 'en' ? entry.en : entry.zh) : key;
}

/** The panel (see module doc). */
export function SceneFeaturePanel({ locale, feature, loading, error, onClose }: SceneFeaturePanelProps) {
  const t = createTranslator(VILLAGES_SCENE_MESSAGES, locale);
  const pick = (zh: string, en: string | null) => (locale === 'en' && en ? en : zh);
  const titleKey: VillagesSceneMessageKey = feature.kind === 'building' ? 'building.title' : 'poi.title';
  let name: string | null = null;
  let rows: [string, string][] = [];
  let description = '';
  if (feature.kind === 'building' && feature.building) {
    const b = feature.building;
    name = pick(b.nameZh, b.nameEn);
    rows = [
      [t('building.village'), pick(b.villageNameZh, b.villageNameEn)],
      [t('building.era'), pick(b.eraZh, b.eraEn) || '—'],
      [t('building.type'), labelOf(BUILDING_TYPES, b.buildingType, locale)],
      [t('building.protection'), labelOf(PROTECTION_LEVEL_LABELS, b.protectionLevel, locale)],
      [t('building.height'), b.heightM === null ? '—' : t('building.heightValue', { value: b.heightM })],
    ];
    description = pick(b.descriptionZh, b.descriptionEn);
  } else if (feature.kind === 'poi' && feature.poi) {
    const p = feature.poi;
    name = pick(p.name, p.nameEn);
    rows = [
      [t('poi.kind'), labelOf(POI_KINDS, p.kind, locale)],
      [t('poi.village'), p.villageName],
    ];
    description = pick(p.description, p.descriptionEn);
  }
  return (
    <section className="gt-panel gt-village-feature-panel" aria-label={t(titleKey)} data-testid={`village-${feature.kind}-panel`}>
      <header className="gt-panel__header">
        <h2 className="gt-panel__title">{name ?? t(titleKey)}</h2>
        <button type="button" className="gt-icon-button" onClick={onClose} aria-label={t('panel.close')} title={t('panel.close')}>
          ×
        </button>
      </header>
      <div className="gt-panel__body">
        {error ? <p className="gt-panel__message gt-panel__message--error" role="alert">{error}</p> : null}
        {!error && loading && name === null ? <p className="gt-panel__message">{t('panel.loading')}</p> : null}
        {name !== null ? (
          <>
            <p className="gt-panel__subtitle">{t(titleKey)}</p>
            <dl className="gt-identity">
              {rows.map(([label, value]) => (
                <div className="gt-identity__row" key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            {description ? <p className="gt-village-feature-panel__description">{description}</p> : null}
          </>
        ) : null}
      </div>
    </section>
  );
}

/**
 * Layer tree grouped by plate (in the app's plate order, titled by the plate manifests) and CIM level, with a
 * visibility toggle per layer, its kind and provenance.
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { groupLayersByPlate, layerTitle, outlineStyle, type LayerDescriptor } from '@viewer/core/layer-descriptor';
import { UI_MESSAGES } from './messages';

/** Swatch colour of a layer without a catalogue stroke that is not drawn as an outline (model tilesets). */
export const PLAIN_LAYER_SWATCH_COLOUR = '#e8eef5';

/** The swatch colour of a layer: for GeoJSON the stroke the map really draws with, else its catalogue stroke. */
function swatchColour(layer: LayerDescriptor): string {
  return layer.kind === 'geojson' ? outlineStyle(layer).stroke : (layer.style?.stroke ?? PLAIN_LAYER_SWATCH_COLOUR);
}

/** Props of {@link LayerPanel}. */
export interface LayerPanelProps {
  layers: readonly LayerDescriptor[];
  /** Visibility per layer id (see `resolveLayerVisibility`). */
  visibility: Readonly<Record<string, boolean>>;
  onToggle: (layerId: string, isVisible: boolean) => void;
  locale: Locale;
  loading?: boolean;
  /** Layer ids still fetching their data (shown with a busy marker). */
  busyLayerIds?: ReadonlySet<string>;
  /** Plate slugs in display order (the app's plate list). */
  plateOrder?: readonly string[];
  /** A plate's group title in `locale` (default: the slug). */
  plateTitle?: (plate: string) => string;
  className?: string;
}

/** The layer panel (see module doc). */
export function LayerPanel({ layers, visibility, onToggle, locale, loading, busyLayerIds, plateOrder, plateTitle, className }: LayerPanelProps) {
  const t = createTranslator(UI_MESSAGES, locale);
  const groups = groupLayersByPlate(layers, plateOrder);
  return (
    <section className={`gt-panel gt-layer-panel ${className ?? ''}`} aria-label={t('layer.title')} data-testid="layer-panel">
      <header className="gt-panel__header">
        <h2 className="gt-panel__title">{t('layer.title')}</h2>
      </header>
      <div className="gt-panel__body">
        {loading ? <p className="gt-panel__message">{t('layer.loading')}</p> : null}
        {!loading && layers.length === 0 ? <p className="gt-panel__message">{t('layer.empty')}</p> : null}
        {groups.map((group) => (
          <fieldset className="gt-layer-group" key={group.plate} data-plate={group.plate}>
            <legend className="gt-layer-group__title">{plateTitle ? plateTitle(group.plate) : group.plate}</legend>
            {group.levels.map((level) => (
              <ul className="gt-layer-list" key={level.cimLevel ?? 'none'} data-cim-level={level.cimLevel ?? ''}>
                {group.levels.length > 1 ? (
                  <li className="gt-layer-level" aria-hidden="true">
                    {level.cimLevel !== null ? t('layer.cimLevel', { level: level.cimLevel }) : t('layer.cimUnclassified')}
                  </li>
                ) : null}
                {level.layers.map((layer) => {
                  const isVisible = visibility[layer.id] ?? layer.defaultVisible;
                  return (
                    <li className="gt-layer" key={layer.id} data-layer-id={layer.id}>
                      <label className="gt-layer__label" title={t('layer.source', { source: layer.source })}>
                        <input
                          type="checkbox"
                          checked={isVisible}
                          onChange={(event) => onToggle(layer.id, event.currentTarget.checked)}
                        />
                        <span
                          className="gt-layer__swatch"
                          style={{ background: swatchColour(layer) }}
                          aria-hidden="true"
                        />
                        <span className="gt-layer__title">{layerTitle(layer, locale)}</span>
                        {busyLayerIds?.has(layer.id) ? <span className="gt-spinner" aria-hidden="true" /> : null}
                      </label>
                      <span className="gt-layer__meta">
                        <span className="gt-badge">{t(`layer.kind.${layer.kind}`)}</span>
                        {layer.cimLevel !== null ? (
                          <span className="gt-badge gt-badge--cim">{t('layer.cimLevel', { level: layer.cimLevel })}</span>
                        ) : null}
                      </span>
                    </li>
                  );
                })}
              </ul>
            ))}
          </fieldset>
        ))}
      </div>
    </section>
  );
}

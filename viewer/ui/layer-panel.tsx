/**
 * Layer tree grouped by plate (in the app's plate order, titled by the plate manifests) and CIM level, with a
 * visibility toggle per layer, its kind, a legend line (symbol, what it shows, attribution) and provenance. With
 * `controls`, imagery rows get an opacity slider and up/down buttons (drawing order), and terrain layers leave the
 * tree for a terrain switch (ellipsoid ↔ each terrain layer) at the top. Every title wraps; the body scrolls.
 */
import type { CSSProperties } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { groupLayersByPlate, layerTitle, outlineStyle, type LayerDescriptor } from '@viewer/core/layer-descriptor';
import { LAYER_PANEL_MESSAGES } from './layer-panel-messages';
import { UI_MESSAGES } from './messages';

/** Swatch colour of a layer without a catalogue stroke that is not drawn as an outline (model tilesets). */
export const PLAIN_LAYER_SWATCH_COLOUR = '#e8eef5';

/** The swatch colour of a layer: for GeoJSON the stroke the map really draws with, else its catalogue stroke. */
function swatchColour(layer: LayerDescriptor): string {
  return layer.kind === 'geojson' ? outlineStyle(layer).stroke : (layer.style?.stroke ?? PLAIN_LAYER_SWATCH_COLOUR);
}

/** A layer as the legend reads it (catalogue layers also carry attribution and visibility). */
type LegendLayer = LayerDescriptor & { attribution?: string | null };

/** The layer panel's optional controls (state kept by the app, see app/shell/use-layer-settings.ts). */
export interface LayerPanelControls {
  /** Imagery layer ids from bottom to top. */
  imageryOrder: readonly string[];
  /** The opacity drawn for an imagery layer, [0, 1]. */
  opacityOf(layerId: string): number;
  onOpacity(layerId: string, opacity: number): void;
  /** Moves an imagery layer up (+1, drawn above) or down (−1). */
  onMove(layerId: string, direction: 1 | -1): void;
  /** The terrain layer in use, or `null` (ellipsoid). */
  terrainId: string | null;
  onTerrain(layerId: string | null): void;
}

/** Props of {@link LayerPanel}. */
export interface LayerPanelProps {
  /** Opacity, order and terrain controls; without them the panel shows toggles only. */
  controls?: LayerPanelControls;
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

/** The legend symbol of a layer: a line, an area, a dot, a pipe, a block, a tile grid or a relief. */
function legendSymbolStyle(layer: LayerDescriptor): CSSProperties {
  const colour = swatchColour(layer);
  switch (layer.kind) {
    case 'geojson':
      return layer.style?.fill ? { background: layer.style.fill, border: `2px solid ${colour}` } : { background: colour, height: 3, marginTop: 5 };
    case 'points':
      return { background: colour, borderRadius: '50%', width: 9, height: 9 };
    case 'tubes':
      return { background: colour, height: 5, borderRadius: 3, marginTop: 4 };
    case 'volumes':
      return { background: layer.style?.fill ?? colour, border: `1px solid ${colour}`, opacity: 0.8 };
    case 'imagery':
      return { background: 'repeating-conic-gradient(#5b7a99 0 25%, #2b4157 0 50%) 0 0 / 7px 7px' };
    case 'terrain':
      return { background: 'linear-gradient(160deg, #6b8f4e, #b89b6a 60%, #e8e2d0)' };
    default:
      return { background: colour, borderRadius: 2 };
  }
}

/** The layer panel (see module doc). */
export function LayerPanel({ layers, visibility, onToggle, locale, loading, busyLayerIds, plateOrder, plateTitle, className, controls }: LayerPanelProps) {
  const t = createTranslator(UI_MESSAGES, locale);
  const tc = createTranslator(LAYER_PANEL_MESSAGES, locale);
  const terrains = layers.filter((layer) => layer.kind === 'terrain');
  const groups = groupLayersByPlate(controls ? layers.filter((layer) => layer.kind !== 'terrain') : layers, plateOrder);
  return (
    <section className={`gt-panel gt-layer-panel ${className ?? ''}`} aria-label={t('layer.title')} data-testid="layer-panel">
      <header className="gt-panel__header">
        <h2 className="gt-panel__title">{t('layer.title')}</h2>
      </header>
      <div className="gt-panel__body">
        {loading ? <p className="gt-panel__message">{t('layer.loading')}</p> : null}
        {!loading && layers.length === 0 ? <p className="gt-panel__message">{t('layer.empty')}</p> : null}
        {controls && terrains.length > 0 ? (
          <fieldset className="gt-layer-group gt-terrain-switch" data-testid="terrain-switch">
            <legend className="gt-layer-group__title">{tc('terrain.title')}</legend>
            <label className="gt-terrain-switch__option" title={tc('terrain.noneHint')}>
              <input type="radio" name="gt-terrain" checked={controls.terrainId === null} onChange={() => controls.onTerrain(null)} />
              <span>{tc('terrain.none')}</span>
            </label>
            {terrains.map((layer) => (
              <label className="gt-terrain-switch__option" key={layer.id} data-layer-id={layer.id} title={`${tc('terrain.hint')} · ${t('layer.source', { source: layer.source })}`}>
                <input type="radio" name="gt-terrain" checked={controls.terrainId === layer.id} onChange={() => controls.onTerrain(layer.id)} />
                <span>{layerTitle(layer, locale)}</span>
                {busyLayerIds?.has(layer.id) ? <span className="gt-spinner" aria-hidden="true" /> : null}
              </label>
            ))}
          </fieldset>
        ) : null}
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
                  const title = layerTitle(layer, locale);
                  const attribution = (layer as LegendLayer).attribution;
                  const stackIndex = controls && layer.kind === 'imagery' ? controls.imageryOrder.indexOf(layer.id) : -1;
                  const stackCount = controls?.imageryOrder.length ?? 0;
                  return (
                    <li className="gt-layer" key={layer.id} data-layer-id={layer.id}>
                      <div className="gt-layer__row">
                        <label className="gt-layer__label" title={`${title}\n${t('layer.source', { source: layer.source })}`}>
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
                          <span className="gt-layer__title">{title}</span>
                          {busyLayerIds?.has(layer.id) ? <span className="gt-spinner" aria-hidden="true" /> : null}
                        </label>
                        <span className="gt-layer__meta">
                          <span className="gt-badge">{t(`layer.kind.${layer.kind}`)}</span>
                          {layer.cimLevel !== null ? (
                            <span className="gt-badge gt-badge--cim">{t('layer.cimLevel', { level: layer.cimLevel })}</span>
                          ) : null}
                        </span>
                      </div>
                      <div className="gt-layer__legend" data-testid="layer-legend">
                        <span className="gt-layer__symbol" style={legendSymbolStyle(layer)} aria-hidden="true" />
                        <span>
                          {tc(`legend.${layer.kind}`)}
                          {attribution ? <span className="gt-layer__attribution"> · {tc('legend.attribution', { attribution })}</span> : null}
                        </span>
                      </div>
                      {stackIndex >= 0 && controls ? (
                        <div className="gt-layer__controls">
                          <input
                            type="range"
                            min={0}
                            max={100}
                            step={5}
                            value={Math.round(controls.opacityOf(layer.id) * 100)}
                            aria-label={tc('control.opacity', { title })}
                            onChange={(event) => controls.onOpacity(layer.id, Number(event.currentTarget.value) / 100)}
                          />
                          <span className="gt-layer__opacity">{Math.round(controls.opacityOf(layer.id) * 100)}%</span>
                          <span className="gt-badge" title={tc('control.stackPosition', { position: stackCount - stackIndex, count: stackCount })}>
                            {stackCount - stackIndex}/{stackCount}
                          </span>
                          <button type="button" className="gt-layer__move" aria-label={tc('control.raise', { title })} disabled={stackIndex === stackCount - 1} onClick={() => controls.onMove(layer.id, 1)}>
                            ↑
                          </button>
                          <button type="button" className="gt-layer__move" aria-label={tc('control.lower', { title })} disabled={stackIndex === 0} onClick={() => controls.onMove(layer.id, -1)}>
                            ↓
                          </button>
                        </div>
                      ) : null}
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

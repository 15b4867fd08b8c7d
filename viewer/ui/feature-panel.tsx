/**
 * Side panel for a selected map feature that its plate shows no panel of its own for: the layer's title, the
 * feature id and its GeoJSON properties (scalars as text; nested values as compact JSON). Every value is rendered
 * as a text node (React escapes it), never as HTML.
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { UI_MESSAGES } from './messages';
import { formatPropertyValue } from './property-value';

/** Props of {@link FeaturePanel}. */
export interface FeaturePanelProps {
  /** Title of the layer the feature belongs to (in the UI locale), or `null` when unknown. */
  layerTitle: string | null;
  featureId: string;
  /** The feature's properties, or `null` while the layer's data is not loaded. */
  properties: Record<string, unknown> | null;
  locale: Locale;
  onClose: () => void;
  className?: string;
}

/** Display text of one GeoJSON property value. */
function valueText(value: unknown, locale: Locale): string {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return formatPropertyValue(value, locale);
  }
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 200 ? `${json.slice(0, 200)}…` : json;
}

/** The feature panel (see module doc). */
export function FeaturePanel({ layerTitle, featureId, properties, locale, onClose, className }: FeaturePanelProps) {
  const t = createTranslator(UI_MESSAGES, locale);
  return (
    <section className={`gt-panel gt-feature-panel ${className ?? ''}`} aria-label={t('feature.title')} data-testid="feature-panel">
      <header className="gt-panel__header">
        <h2 className="gt-panel__title">{layerTitle ?? t('feature.title')}</h2>
        <button type="button" className="gt-icon-button" onClick={onClose} aria-label={t('property.close')} title={t('property.close')}>
          ×
        </button>
      </header>
      <div className="gt-panel__body">
        <dl className="gt-identity" data-feature-id={featureId}>
          <div className="gt-identity__row">
            <dt>{t('feature.id')}</dt>
            <dd className="gt-mono">{featureId}</dd>
          </div>
          {Object.entries(properties ?? {}).map(([name, value]) => (
            <div className="gt-identity__row" key={name}>
              <dt>{name}</dt>
              <dd>{valueText(value, locale)}</dd>
            </div>
          ))}
        </dl>
        {properties === null ? <p className="gt-panel__message">{t('feature.notLoaded')}</p> : null}
      </div>
    </section>
  );
}

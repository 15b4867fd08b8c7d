/**
 * Side panel with one IFC element's identity (class, name, GlobalId, storey, model, type, material) and all of
 * its property sets. Every value is rendered as a text node (React escapes it); never as HTML.
 * Shared by the city twin and the BIM inspection page.
 */
import type { ReactNode } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { UI_MESSAGES } from './messages';
import { formatPropertyValue, sortPropertySetNames, type PropertyValue } from './property-value';

/** The element fields the panel shows; `twin.elements.byGlobalId` output satisfies it structurally. */
export interface PropertyPanelElement {
  globalId: string;
  ifcClass: string;
  name: string | null;
  storey: string | null;
  expressId?: number;
  modelName?: string;
  typeName?: string | null;
  material?: string | null;
  /** Property sets by name, each property name → value. */
  propertySets: Record<string, Record<string, PropertyValue>>;
}

/** Props of {@link PropertyPanel}. */
export interface PropertyPanelProps {
  /** The element to show, or `null` (shows a hint, or the loading text while `loading`). */
  element: PropertyPanelElement | null;
  loading?: boolean;
  /** An error text to show instead of the element (e.g. "not found"). */
  error?: string | null;
  locale: Locale;
  /** Shows a close button when given. */
  onClose?: () => void;
  /** Extra content under the identity table (e.g. a link to the BIM inspection page). */
  actions?: ReactNode;
  className?: string;
}

/** The property panel (see module doc). */
export function PropertyPanel({ element, loading, error, locale, onClose, actions, className }: PropertyPanelProps) {
  const t = createTranslator(UI_MESSAGES, locale);
  const identity: [string, string | number | null | undefined][] = element
    ? [
        [t('property.ifcClass'), element.ifcClass],
        [t('property.name'), element.name],
        [t('property.globalId'), element.globalId],
        [t('property.storey'), element.storey],
        [t('property.model'), element.modelName],
        [t('property.typeName'), element.typeName],
        [t('property.material'), element.material],
        [t('property.expressId'), element.expressId === undefined ? undefined : `#${element.expressId}`],
      ]
    : [];
  const psetNames = element ? sortPropertySetNames(Object.keys(element.propertySets)) : [];

  return (
    <section className={`gt-panel gt-property-panel ${className ?? ''}`} aria-label={t('property.title')} data-testid="property-panel">
      <header className="gt-panel__header">
        <h2 className="gt-panel__title">{t('property.title')}</h2>
        {onClose ? (
          <button type="button" className="gt-icon-button" onClick={onClose} aria-label={t('property.close')} title={t('property.close')}>
            ×
          </button>
        ) : null}
      </header>
      <div className="gt-panel__body">
        {error ? <p className="gt-panel__message gt-panel__message--error" role="alert">{error}</p> : null}
        {/* With an error, `actions` (e.g. "clear selection") stand under it. */}
        {error && actions ? <div className="gt-panel__actions">{actions}</div> : null}
        {!error && loading ? <p className="gt-panel__message">{t('property.loading')}</p> : null}
        {!error && !loading && !element ? <p className="gt-panel__message">{t('property.empty')}</p> : null}
        {!error && element ? (
          <>
            <dl className="gt-identity" data-global-id={element.globalId}>
              {identity
                .filter(([, value]) => value !== null && value !== undefined && value !== '')
                .map(([label, value]) => (
                  <div className="gt-identity__row" key={label}>
                    <dt>{label}</dt>
                    <dd className={label === t('property.globalId') ? 'gt-mono' : undefined}>{String(value)}</dd>
                  </div>
                ))}
            </dl>
            {actions ? <div className="gt-panel__actions">{actions}</div> : null}
            <h3 className="gt-panel__subtitle">{t('property.propertySets')}</h3>
            {psetNames.length === 0 ? <p className="gt-panel__message">{t('property.noPropertySets')}</p> : null}
            {psetNames.map((psetName) => (
              <details className="gt-pset" key={psetName} open>
                <summary className="gt-pset__name">{psetName}</summary>
                <table className="gt-pset__table">
                  <tbody>
                    {Object.entries(element.propertySets[psetName]).map(([propertyName, value]) => (
                      <tr key={propertyName}>
                        <th scope="row">{propertyName}</th>
                        <td>{formatPropertyValue(value, locale)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            ))}
          </>
        ) : null}
      </div>
    </section>
  );
}

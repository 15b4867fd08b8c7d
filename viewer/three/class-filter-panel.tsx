/**
 * IFC class visibility panel for BIM inspection: one checkbox per class with its element count, an
 * "isolate" button (show only that class) and "show all". Stateless; the caller owns the filter.
 */
import { createTranslator, formatNumber, type Locale } from '@viewer/core/i18n';
import { INSPECT_MESSAGES } from './messages';

/** One class facet; `twin.elements.facets` `classes` items satisfy it. */
export interface ClassFacet {
  ifcClass: string;
  /** Number of elements of this class in the model. */
  count: number;
}

/** Props of {@link ClassFilterPanel}. */
export interface ClassFilterPanelProps {
  classes: readonly ClassFacet[];
  hiddenClasses: ReadonlySet<string>;
  isolatedClass: string | null;
  locale: Locale;
  onToggleClass: (ifcClass: string, isVisible: boolean) => void;
  /** Isolate `ifcClass`, or end isolation with null. */
  onIsolate: (ifcClass: string | null) => void;
  onShowAll: () => void;
}

/** The class filter panel (see module doc). */
export function ClassFilterPanel(props: ClassFilterPanelProps) {
  const { classes, hiddenClasses, isolatedClass, locale } = props;
  const t = createTranslator(INSPECT_MESSAGES, locale);
  const isShown = (ifcClass: string) =>
    isolatedClass !== null ? ifcClass === isolatedClass : !hiddenClasses.has(ifcClass);
  const total = classes.reduce((sum, facet) => sum + facet.count, 0);
  const visible = classes.reduce((sum, facet) => sum + (isShown(facet.ifcClass) ? facet.count : 0), 0);

  return (
    <section className="gt-panel" aria-label={t('classes.title')} data-testid="class-filter">
      <header className="gt-panel__header">
        <h2 className="gt-panel__title">{t('classes.title')}</h2>
        <span className="gt-panel__count">
          {t('classes.visibleCount', { visible: formatNumber(visible, locale), total: formatNumber(total, locale) })}
        </span>
      </header>
      <div className="gt-panel__body">
        {classes.length === 0 ? <p className="gt-panel__message">{t('classes.empty')}</p> : null}
        <ul className="gt-layer-list">
          {classes.map((facet) => (
            <li key={facet.ifcClass} className="gt-layer" data-ifc-class={facet.ifcClass}>
              <label className="gt-layer__label">
                <input
                  type="checkbox"
                  checked={isShown(facet.ifcClass)}
                  disabled={isolatedClass !== null}
                  onChange={(event) => props.onToggleClass(facet.ifcClass, event.target.checked)}
                />
                <span className="gt-layer__title">{facet.ifcClass}</span>
              </label>
              <span className="gt-layer__meta">
                <span className="gt-panel__count">{formatNumber(facet.count, locale)}</span>
                <button
                  type="button"
                  className="gt-button gt-button--small"
                  aria-pressed={isolatedClass === facet.ifcClass}
                  onClick={() => props.onIsolate(isolatedClass === facet.ifcClass ? null : facet.ifcClass)}
                >
                  {isolatedClass === facet.ifcClass ? t('classes.isolated') : t('classes.isolate')}
                </button>
              </span>
            </li>
          ))}
        </ul>
        <div className="gt-panel__actions">
          <button type="button" className="gt-button gt-button--small" onClick={props.onShowAll}>
            {t('classes.showAll')}
          </button>
        </div>
      </div>
    </section>
  );
}

/**
 * List of converted models with status, element count, "fly to" and a link to the BIM inspection page.
 */
import { createTranslator, formatNumber, type Locale } from '@viewer/core/i18n';
import { TWIN_MESSAGES } from './messages';
import { isInJiangxi } from '@viewer/ui/quick-places';

/** The model fields the list shows; `twin.models.list` items satisfy it structurally. */
export interface ModelListItem {
  id: string;
  /** Display name, zh-CN. */
  name: string;
  /** Display name in English (the list shows it when `locale` is `en`). */
  nameEn: string;
  fileName: string;
  schema: string;
  status: 'ready' | 'failed' | 'converting';
  elementCount: number;
  anchor: { lonDeg: number; latDeg: number; heightM: number } | null;
}

/** Props of {@link ModelList}. */
export interface ModelListProps {
  models: readonly ModelListItem[];
  locale: Locale;
  loading?: boolean;
  /** Id of the model holding the current selection (highlighted), or `null`. */
  activeModelId?: string | null;
  onFlyTo: (modelId: string) => void;
  /** URL of a model's BIM inspection page (e.g. `/models/<id>`). */
  inspectHref: (modelId: string) => string;
  className?: string;
}

/** The model list (see module doc). */
export function ModelList({ models, locale, loading, activeModelId, onFlyTo, inspectHref, className }: ModelListProps) {
  const t = createTranslator(TWIN_MESSAGES, locale);
  return (
    <section className={`gt-panel gt-model-list ${className ?? ''}`} aria-label={t('models.title')} data-testid="model-list">
      <header className="gt-panel__header">
        <h2 className="gt-panel__title">{t('models.title')}</h2>
        <span className="gt-panel__count">{models.length}</span>
      </header>
      <div className="gt-panel__body">
        {loading ? <p className="gt-panel__message">{t('models.loading')}</p> : null}
        {!loading && models.length === 0 ? <p className="gt-panel__message">{t('models.empty')}</p> : null}
        <ul className="gt-models">
          {models.map((model) => (
            <li
              key={model.id}
              className={`gt-model ${model.id === activeModelId ? 'gt-model--active' : ''}`}
              data-model-id={model.id}
              data-file-name={model.fileName}
            >
              <div className="gt-model__head">
                <span className="gt-model__name" title={model.fileName} lang={locale === 'en' ? 'en' : 'zh-CN'}>
                  {locale === 'en' ? model.nameEn : model.name}
                </span>
                <span className={`gt-status gt-status--${model.status}`}>{t(`models.status.${model.status}`)}</span>
              </div>
              <div className="gt-model__meta">
                <span>{model.schema}</span>
                <span>{t('models.elements', { count: formatNumber(model.elementCount, locale, 0) })}</span>
                {model.anchor && !isInJiangxi(model.anchor.lonDeg, model.anchor.latDeg) ? (
                  <span className="gt-badge">{t('models.outsideJiangxi')}</span>
                ) : null}
              </div>
              <div className="gt-model__actions">
                <button
                  type="button"
                  className="gt-button gt-button--small"
                  disabled={model.status !== 'ready'}
                  onClick={() => onFlyTo(model.id)}
                >
                  {t('models.flyTo')}
                </button>
                {model.status === 'ready' ? (
                  <a className="gt-link" href={inspectHref(model.id)}>
                    {t('models.inspect')} →
                  </a>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

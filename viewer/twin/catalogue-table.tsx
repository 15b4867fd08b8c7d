/**
 * The resource catalogue's table: the registered and uploaded layers of the admin's region, with their kind, origin,
 * region, visibility and URL, and actions to switch visibility or remove. On narrow screens each row becomes a card
 * (app/twin/catalogue.css). Renders and emits only.
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { CATALOGUE_MESSAGES } from './catalogue-messages';

/** One row (the fields of `twin.catalogue.list` it shows). */
export interface CatalogueRow {
  id: string;
  kind: string;
  origin: 'seed' | 'registered' | 'uploaded';
  title: string;
  titleEn: string;
  regionCode: string | null;
  visibility: 'public' | 'internal';
  url: string;
  attribution: string | null;
}

/** Props of {@link CatalogueTable}. */
export interface CatalogueTableProps {
  locale: Locale;
  rows: readonly CatalogueRow[];
  loading: boolean;
  /** Region names by code, for display. */
  regionName(code: string | null): string;
  /** Id of the row whose action is running. */
  busyId: string | null;
  onSetVisibility(id: string, visibility: 'public' | 'internal'): void;
  onRemove(id: string): void;
}

const KIND_KEY = { imagery: 'kind.imagery', terrain: 'kind.terrain', 'external-tileset': 'kind.external-tileset', geojson: 'kind.geojson', points: 'kind.points' } as const;

/** The table (see module doc). */
export function CatalogueTable({ locale, rows, loading, regionName, busyId, onSetVisibility, onRemove }: CatalogueTableProps) {
  const t = createTranslator(CATALOGUE_MESSAGES, locale);
  const kindLabel = (kind: string) => (kind in KIND_KEY ? t(KIND_KEY[kind as keyof typeof KIND_KEY]) : kind);
  return (
    <section className="gt-panel" style={{ padding: 12 }} aria-label={t('table.title')}>
      <h2 className="gt-panel__title" style={{ margin: '0 0 8px' }}>
        {t('table.title')}
      </h2>
      {loading ? <p className="gt-panel__message">{t('table.loading')}</p> : null}
      {!loading && rows.length === 0 ? <p className="gt-panel__message">{t('table.empty')}</p> : null}
      {rows.length > 0 ? (
        <table className="gt-catalogue-table" data-testid="catalogue-table">
          <thead>
            <tr>
              <th>{t('table.layer')}</th>
              <th>{t('table.kind')}</th>
              <th>{t('table.region')}</th>
              <th>{t('table.visibility')}</th>
              <th>{t('table.url')}</th>
              <th>{t('table.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const title = locale === 'en' ? row.titleEn : row.title;
              return (
                <tr key={row.id} data-layer-id={row.id}>
                  <td data-label={t('table.layer')}>
                    <strong>{title}</strong>
                    {row.attribution ? <div className="gt-catalogue-form__hint">{row.attribution}</div> : null}
                  </td>
                  <td data-label={t('table.kind')}>
                    {kindLabel(row.kind)} · {row.origin === 'uploaded' ? t('origin.uploaded') : t('origin.registered')}
                  </td>
                  <td data-label={t('table.region')}>{regionName(row.regionCode)}</td>
                  <td data-label={t('table.visibility')}>{t(row.visibility === 'public' ? 'field.visibility.public' : 'field.visibility.internal')}</td>
                  <td data-label={t('table.url')} className="gt-catalogue-table__url">
                    {row.url}
                  </td>
                  <td data-label={t('table.actions')}>
                    <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
                      <button
                        type="button"
                        className="gt-button gt-button--small"
                        disabled={busyId === row.id}
                        onClick={() => onSetVisibility(row.id, row.visibility === 'public' ? 'internal' : 'public')}
                      >
                        {t(row.visibility === 'public' ? 'action.makeInternal' : 'action.makePublic')}
                      </button>
                      <button
                        type="button"
                        className="gt-button gt-button--small"
                        disabled={busyId === row.id}
                        onClick={() => {
                          if (window.confirm(t('action.confirmRemove', { title }))) onRemove(row.id);
                        }}
                      >
                        {t('action.remove')}
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/**
 * A curator's villages (drafts included): code, name, county and town, curation status, last change, and a link to
 * the editor (`editorHref(code)`).
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { CURATE_MESSAGES } from './curate-messages';
import type { CurationStatus } from './editor-shapes';
import { CurationStatusBadge } from './status-badge';

/** One row (the shape of `villages.curate.villages.list`). */
export interface CurateVillageRow {
  code: string;
  nameZh: string;
  county: string;
  town: string;
  status: CurationStatus;
  updatedAt: Date;
  updatedByName: string | null;
}

/** Props of {@link VillageListTable}. */
export interface VillageListTableProps {
  locale: Locale;
  villages: readonly CurateVillageRow[];
  editorHref: (code: string) => string;
  formatTime: (at: Date) => string;
}

/** The table (see module doc). */
export function VillageListTable({ locale, villages, editorHref, formatTime }: VillageListTableProps) {
  const t = createTranslator(CURATE_MESSAGES, locale);
  return (
    <div className="gt-table-wrap">
      <table className="gt-table" data-testid="curate-village-table">
        <thead>
          <tr>
            <th>{t('list.name')}</th>
            <th>{t('list.code')}</th>
            <th>{t('list.county')}</th>
            <th>{t('list.status')}</th>
            <th>{t('list.updated')}</th>
            <th className="gt-table__actions" />
          </tr>
        </thead>
        <tbody>
          {villages.map((village) => (
            <tr key={village.code} data-testid="curate-village-row" data-code={village.code}>
              <td className="gt-table__primary">{village.nameZh}</td>
              <td className="gt-mono gt-table__nowrap">{village.code}</td>
              <td>{village.county} · {village.town}</td>
              <td><CurationStatusBadge locale={locale} status={village.status} /></td>
              <td className="gt-table__nowrap">
                {formatTime(village.updatedAt)}
                {village.updatedByName ? <div className="gt-table__muted">{village.updatedByName}</div> : null}
              </td>
              <td className="gt-table__actions">
                <a className="gt-button gt-button--small" href={editorHref(village.code)}>{t('list.edit')}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

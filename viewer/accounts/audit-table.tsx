/**
 * The audit trail table: time (UTC+8), actor, action, table, record, each changed field as before → after
 * (JSON text), and the client address; with a pager. Every value is a text node, never HTML (names and
 * values come from users and IFC files).
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import type { AuditActionName } from './account-role';
import { auditFieldChanges, formatAuditTime } from './audit-format';
import { ACCOUNTS_MESSAGES } from './messages';

/** An audit row (`accounts.audit.list` items satisfy it). */
export interface AuditTableRow {
  id: number;
  at: Date;
  actorLabel: string;
  action: AuditActionName;
  tableName: string;
  recordId: string;
  recordRegionCode: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ipAddress: string | null;
}

/** Props of {@link AuditTable}. */
export interface AuditTableProps {
  locale: Locale;
  rows: readonly AuditTableRow[];
  total: number;
  /** Index of the first row shown, ≥ 0. */
  offset: number;
  /** Rows per page, ≥ 1. */
  limit: number;
  onPage: (offset: number) => void;
}

/** The table (see module doc). */
export function AuditTable({ locale, rows, total, offset, limit, onPage }: AuditTableProps) {
  const t = createTranslator(ACCOUNTS_MESSAGES, locale);
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  return (
    <>
      <table className="gt-table gt-table--audit" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{t('audit.col.at')}</th>
            <th scope="col">{t('audit.col.actor')}</th>
            <th scope="col">{t('audit.col.action')}</th>
            <th scope="col">{t('audit.col.table')}</th>
            <th scope="col">{t('audit.col.record')}</th>
            <th scope="col">{t('audit.col.change')}</th>
            <th scope="col">{t('audit.col.ip')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-action={row.action} data-record-id={row.recordId}>
              <td className="gt-table__nowrap gt-mono">{formatAuditTime(row.at)}</td>
              <td className="gt-table__wrap">{row.actorLabel}</td>
              <td className="gt-table__nowrap"><span className={`gt-action gt-action--${row.action}`}>{t(`audit.action.${row.action}`)}</span></td>
              <td className="gt-mono">{row.tableName}</td>
              <td className="gt-mono gt-table__id" title={row.recordId}>{row.recordId}</td>
              <td>
                <ul className="gt-changes" data-testid="audit-changes">
                  {auditFieldChanges(row.before, row.after).map((change) => (
                    <li key={change.field} className="gt-changes__item">
                      <span className="gt-changes__field">{change.field}:</span>{' '}
                      <span className="gt-changes__before">{change.before ?? t('audit.none')}</span>{' '}
                      <span className="gt-changes__arrow">→</span>{' '}
                      <span className="gt-changes__after">{change.after ?? t('audit.none')}</span>
                    </li>
                  ))}
                </ul>
              </td>
              <td className="gt-mono gt-table__nowrap">{row.ipAddress ?? t('audit.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="gt-pager">
        <span>{t('audit.total', { total })}</span>
        <span>{t('audit.page', { page, pages })}</span>
        <button type="button" className="gt-button gt-button--small" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - limit))}>
          {t('audit.previous')}
        </button>
        <button type="button" className="gt-button gt-button--small" disabled={offset + limit >= total} onClick={() => onPage(offset + limit)}>
          {t('audit.next')}
        </button>
      </div>
    </>
  );
}

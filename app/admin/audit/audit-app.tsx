'use client';
/**
 * The audit page's client part: the filter form and the paged table, wired to `accounts.audit.list`.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AuditFilterForm, EMPTY_AUDIT_FILTER, type AuditFilterDraft } from '@viewer/accounts/audit-filter-form';
import { AUDIT_TIME_ZONE, parseShanghaiDateTime } from '@viewer/accounts/audit-format';
import { AuditTable } from '@viewer/accounts/audit-table';
import { ACCOUNTS_MESSAGES } from '@viewer/accounts/messages';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { useTRPC } from '../../providers';

/** Rows per page (the router allows up to 200). */
const PAGE_SIZE = 25;

/** Tables the audit trail records today, offered as suggestions in the filter. */
const AUDITED_TABLES = ['accounts_users', 'models'] as const;

/** The `accounts.audit.list` input of a typed filter (blank fields and unreadable times are left out). */
function auditQueryInput(filter: AuditFilterDraft, offset: number) {
  const from = parseShanghaiDateTime(filter.from);
  const to = parseShanghaiDateTime(filter.to);
  return {
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.tableName.trim() ? { tableName: filter.tableName.trim() } : {}),
    ...(filter.recordId.trim() ? { recordId: filter.recordId.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    limit: PAGE_SIZE,
    offset,
  };
}

/** The audit page (see module doc). */
export function AuditApp({ locale }: { locale: Locale }) {
  const t = createTranslator(ACCOUNTS_MESSAGES, locale);
  const trpc = useTRPC();
  const [filter, setFilter] = useState<AuditFilterDraft>(EMPTY_AUDIT_FILTER);
  const [offset, setOffset] = useState(0);
  const auditQuery = useQuery({
    ...trpc.accounts.audit.list.queryOptions(auditQueryInput(filter, offset), { staleTime: 0 }),
    placeholderData: keepPreviousData,
  });

  return (
    <div className="gt-admin__page">
      <div className="gt-admin__heading">
        <h1 className="gt-admin__title">{t('audit.pageTitle')}</h1>
        <span className="gt-admin__scope" title={AUDIT_TIME_ZONE}>{t('audit.timeZone')}</span>
      </div>
      <AuditFilterForm
        locale={locale} initial={filter} tableSuggestions={AUDITED_TABLES}
        onApply={(next) => { setFilter(next); setOffset(0); }}
      />
      <section className="gt-card" aria-label={t('audit.pageTitle')}>
        {auditQuery.error ? <p className="gt-form__error" role="alert">{t('audit.loadError', { message: auditQuery.error.message })}</p> : null}
        {auditQuery.isPending ? <p className="gt-panel__message">{t('audit.loading')}</p> : null}
        {auditQuery.data && auditQuery.data.total === 0 ? <p className="gt-panel__message">{t('audit.empty')}</p> : null}
        {auditQuery.data && auditQuery.data.total > 0 ? (
          <div className="gt-table-wrap">
            <AuditTable
              locale={locale} rows={auditQuery.data.items} total={auditQuery.data.total} offset={offset} limit={PAGE_SIZE} onPage={setOffset}
            />
          </div>
        ) : null}
      </section>
    </div>
  );
}

/**
 * The audit trail's filter: action, table, record id and a time range (wall-clock UTC+8, see audit-format.ts).
 * Holds the typed text; `onApply` receives it when the user presses 查询 (or Enter), `onReset` clears it.
 */
import { useState, type FormEvent } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { AUDIT_ACTIONS, type AuditActionName } from './account-role';
import { ACCOUNTS_MESSAGES } from './messages';

/** The filter as typed (`from`/`to` are `datetime-local` text in UTC+8, '' when unset). */
export interface AuditFilterDraft {
  action: AuditActionName | '';
  tableName: string;
  recordId: string;
  from: string;
  to: string;
}

/** An empty filter. */
export const EMPTY_AUDIT_FILTER: AuditFilterDraft = { action: '', tableName: '', recordId: '', from: '', to: '' };

/** Props of {@link AuditFilterForm}. */
export interface AuditFilterFormProps {
  locale: Locale;
  initial: AuditFilterDraft;
  /** Table names to suggest (e.g. accounts_users, models). */
  tableSuggestions: readonly string[];
  onApply: (filter: AuditFilterDraft) => void;
}

/** The filter form (see module doc). */
export function AuditFilterForm({ locale, initial, tableSuggestions, onApply }: AuditFilterFormProps) {
  const t = createTranslator(ACCOUNTS_MESSAGES, locale);
  const [draft, setDraft] = useState<AuditFilterDraft>(initial);
  const set = <K extends keyof AuditFilterDraft>(key: K, value: AuditFilterDraft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form className="gt-card gt-filter" onSubmit={submit} data-testid="audit-filter">
      <label className="gt-field">
        <span className="gt-field__label">{t('audit.filter.action')}</span>
        <select className="gt-input" name="action" value={draft.action} onChange={(event) => set('action', event.target.value as AuditActionName | '')}>
          <option value="">{t('audit.filter.anyAction')}</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>{t(`audit.action.${action}`)}</option>
          ))}
        </select>
      </label>
      <label className="gt-field">
        <span className="gt-field__label">{t('audit.filter.table')}</span>
        <input className="gt-input" name="tableName" list="gt-audit-tables" maxLength={64} value={draft.tableName} onChange={(event) => set('tableName', event.target.value)} />
        <datalist id="gt-audit-tables">
          {tableSuggestions.map((name) => <option key={name} value={name} />)}
        </datalist>
      </label>
      <label className="gt-field gt-filter__wide">
        <span className="gt-field__label">{t('audit.filter.recordId')}</span>
        <input className="gt-input" name="recordId" maxLength={128} value={draft.recordId} onChange={(event) => set('recordId', event.target.value)} />
      </label>
      <label className="gt-field">
        <span className="gt-field__label">{t('audit.filter.from')}</span>
        <input className="gt-input" type="datetime-local" name="from" value={draft.from} onChange={(event) => set('from', event.target.value)} />
      </label>
      <label className="gt-field">
        <span className="gt-field__label">{t('audit.filter.to')}</span>
        <input className="gt-input" type="datetime-local" name="to" value={draft.to} onChange={(event) => set('to', event.target.value)} />
      </label>
      <div className="gt-filter__buttons">
        <button type="submit" className="gt-button gt-button--primary">{t('audit.filter.apply')}</button>
        <button type="button" className="gt-button" onClick={() => { setDraft(EMPTY_AUDIT_FILTER); onApply(EMPTY_AUDIT_FILTER); }}>
          {t('audit.filter.reset')}
        </button>
      </div>
    </form>
  );
}

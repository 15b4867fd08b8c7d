/**
 * The submissions list: project, version, parcel (with the demo badge), status (with the conversion's stage and
 * percentage while it runs), the automatic checks' verdict counts, who submitted and when, and a link to the
 * review workspace. On narrow screens each row becomes a card (app/review/review.css). Renders only.
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { percentOf } from './format';
import { REVIEW_MESSAGES, type ReviewMessageKey } from './messages';

/** One row (the fields of `review.submissions.list` it shows). */
export interface SubmissionRow {
  id: string;
  projectName: string;
  parcelCode: string;
  parcelName: string;
  version: number;
  status: string;
  progress: { stage: string; fraction: number } | null;
  verdicts: { pass: number; fail: number; undetermined: number } | null;
  submittedByName: string;
  errorMessage: string | null;
  createdAt: string | Date;
}

/** Props of {@link SubmissionsTable}. */
export interface SubmissionsTableProps {
  locale: Locale;
  rows: readonly SubmissionRow[];
  /** Link of a row's workspace. */
  hrefOf(id: string): string;
}

/** The status label of a stored status (the key when unknown). */
export function statusLabel(locale: Locale, status: string): string {
  const key = `status.${status}` as ReviewMessageKey;
  return key in REVIEW_MESSAGES[locale] ? REVIEW_MESSAGES[locale][key] : status;
}

/** The label of a conversion stage (`parse`, `build`, …; the name itself when unknown). */
export function stageLabel(locale: Locale, stage: string): string {
  const key = `stage.${stage}` as ReviewMessageKey;
  return key in REVIEW_MESSAGES[locale] ? REVIEW_MESSAGES[locale][key] : stage;
}

/** The table (see module doc). */
export function SubmissionsTable({ locale, rows, hrefOf }: SubmissionsTableProps) {
  const t = createTranslator(REVIEW_MESSAGES, locale);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <table className="gt-review-table" data-testid="review-submissions">
      <thead>
        <tr>
          <th>{t('col.project')}</th>
          <th>{t('col.version')}</th>
          <th>{t('col.parcel')}</th>
          <th>{t('col.status')}</th>
          <th>{t('col.checks')}</th>
          <th>{t('col.submittedBy')}</th>
          <th>{t('col.submittedAt')}</th>
          <th aria-label={t('col.open')} />
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-submission-id={row.id} data-status={row.status}>
            <td data-label={t('col.project')}>{row.projectName}</td>
            <td data-label={t('col.version')}>V{row.version}</td>
            <td data-label={t('col.parcel')}>
              {row.parcelCode} {row.parcelName}
            </td>
            <td data-label={t('col.status')}>
              <span className={`gt-review-status gt-review-status--${row.status}`}>{statusLabel(locale, row.status)}</span>
              {row.progress ? <span className="gt-review-table__progress"> {t('progress.stage', { stage: stageLabel(locale, row.progress.stage), percent: percentOf(row.progress.fraction) })}</span> : null}
              {row.errorMessage ? <div className="gt-review-table__error">{row.errorMessage}</div> : null}
            </td>
            <td data-label={t('col.checks')}>{row.verdicts ? t('checks.summary', row.verdicts) : '—'}</td>
            <td data-label={t('col.submittedBy')}>{row.submittedByName}</td>
            <td data-label={t('col.submittedAt')}>{dateFormat.format(new Date(row.createdAt))}</td>
            <td>
              <a className="gt-button gt-button--small" href={hrefOf(row.id)}>
                {t('col.open')}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

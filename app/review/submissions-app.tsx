'use client';
/**
 * The submissions page's client part: `review.submissions.list` (polled every 2 s while a submission is being
 * processed, so the conversion's stage and percentage move live), the state filter for reviewers, and for applicants
 * the upload form wired to the tus upload (./use-tus-upload.ts) and `review.parcels.list`.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { REVIEW_MESSAGES } from '@viewer/review/messages';
import { statusLabel, SubmissionsTable } from '@viewer/review/submissions-table';
import { UploadForm } from '@viewer/review/upload-form';
import { useTRPC } from '../providers';
import { REVIEW_PATHS } from './review-paths';
import { useTusUpload } from './use-tus-upload';
import './review.css';

/** States a reviewer filters by. */
const STATUSES = ['submitted', 'converting', 'checking', 'pending-review', 'approved', 'returned', 'failed'] as const;
/** States during which the list polls. */
const IN_FLIGHT = new Set(['submitted', 'converting', 'checking']);

/** Props of {@link SubmissionsApp}. */
export interface SubmissionsAppProps {
  locale: Locale;
  isApplicant: boolean;
  maxUploadBytes: number;
  /** Project and parcel to prefill (`?project=&parcel=`, from a returned submission's 提交新版本). */
  initialProjectName?: string;
  initialParcelId?: string;
}

/** The page (see module doc). */
export function SubmissionsApp({ locale, isApplicant, maxUploadBytes, initialProjectName, initialParcelId }: SubmissionsAppProps) {
  const t = createTranslator(REVIEW_MESSAGES, locale);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<(typeof STATUSES)[number] | ''>('');
  const listQuery = useQuery({
    ...trpc.review.submissions.list.queryOptions(status ? { status } : undefined),
    refetchInterval: (query) => ((query.state.data ?? []).some((row) => IN_FLIGHT.has(row.status)) ? 2000 : false),
  });
  const parcelsQuery = useQuery({ ...trpc.review.parcels.list.queryOptions(), enabled: isApplicant });
  const upload = useTusUpload();
  const rows = listQuery.data ?? [];
  const projectNames = useMemo(() => [...new Set(rows.map((row) => row.projectName))], [rows]);

  // A finished upload is a new row: fetch the list again.
  useEffect(() => {
    if (upload.state.phase === 'done') void queryClient.invalidateQueries({ queryKey: trpc.review.submissions.list.queryKey() });
  }, [upload.state.phase, queryClient, trpc]);

  return (
    <div className={isApplicant ? 'gt-review-page gt-review-page--applicant' : 'gt-review-page'}>
      <section className="gt-review-page__list">
        <h1>{t(isApplicant ? 'list.title.applicant' : 'list.title.reviewer')}</h1>
        <p className="gt-review-page__subtitle">{t(isApplicant ? 'list.subtitle.applicant' : 'list.subtitle.reviewer')}</p>
        {isApplicant ? null : (
          <select className="gt-review-page__filter" value={status} onChange={(event) => setStatus(event.target.value as typeof status)} aria-label={t('col.status')}>
            <option value="">{t('list.filter.all')}</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {statusLabel(locale, value)}
              </option>
            ))}
          </select>
        )}
        {listQuery.isPending ? <p>{t('list.loading')}</p> : null}
        {listQuery.error ? <p className="gt-review-form__error">{t('list.error', { message: listQuery.error.message })}</p> : null}
        {listQuery.data && rows.length === 0 ? <p>{t('list.empty')}</p> : null}
        {rows.length > 0 ? <SubmissionsTable locale={locale} rows={rows} hrefOf={REVIEW_PATHS.submission} /> : null}
      </section>
      {isApplicant ? (
        <aside className="gt-review-page__upload">
          <UploadForm
            locale={locale}
            parcels={(parcelsQuery.data ?? []).map((parcel) => ({ ...parcel, name: locale === 'en' && parcel.nameEn ? parcel.nameEn : parcel.name }))}
            initialProjectName={initialProjectName}
            initialParcelId={initialParcelId}
            projectNames={projectNames}
            maxBytes={maxUploadBytes}
            upload={upload.state}
            submissionHref={REVIEW_PATHS.submission}
            onSubmit={(file, fields) => void upload.start(file, fields)}
            onPause={upload.pause}
            onResume={upload.resume}
          />
        </aside>
      ) : null}
    </div>
  );
}

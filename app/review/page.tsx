/**
 * `/review` — BIM submissions (报建). Applicants see their own submissions and the upload form; planners and admins
 * the submissions of their region, filterable by state. A server component: the gate (./gated-review-page.tsx), then
 * the client part.
 */
import type { Metadata } from 'next';
import { translate } from '@viewer/core/i18n';
import { REVIEW_MESSAGES } from '@viewer/review/messages';
import { reviewEnv } from '@server/review/review-env';
import { getRequestLocale } from '../locale';
import { GatedReviewPage } from './gated-review-page';
import { REVIEW_PATHS } from './review-paths';
import { SubmissionsApp } from './submissions-app';

/** Always per request: the answer depends on the session cookie. */
export const dynamic = 'force-dynamic';

/** Page title in the request locale. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await getRequestLocale();
  return { title: `${translate(REVIEW_MESSAGES, locale, 'plate.title')} · GanTwin` };
}

/** The submissions page. */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const text = (value: string | string[] | undefined) => (typeof value === 'string' ? value.slice(0, 100) : undefined);
  return (
    <GatedReviewPage
      path={REVIEW_PATHS.submissions}
      active="submissions"
      render={({ locale, actor }) => (
        <SubmissionsApp
          locale={locale}
          isApplicant={actor.role === 'applicant'}
          maxUploadBytes={reviewEnv().REVIEW_UPLOAD_MAX_BYTES}
          initialProjectName={text(params.project)}
          initialParcelId={text(params.parcel)}
        />
      )}
    />
  );
}

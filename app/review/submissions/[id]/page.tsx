/**
 * `/review/submissions/<id>` — the review workspace (三维审查) of one submission: the model standing on its parcel
 * in the twin with the parcel boundary, setback line and height-limit plane; the indicators and checks; the
 * versions; for planners the decision. A server component: the gate, then the client part.
 */
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { translate } from '@viewer/core/i18n';
import { REVIEW_MESSAGES } from '@viewer/review/messages';
import { getRequestLocale } from '../../../locale';
import { GatedReviewPage } from '../../gated-review-page';
import { REVIEW_PATHS } from '../../review-paths';
import { WorkspaceApp } from './workspace-app';

/** Always per request: the answer depends on the session cookie. */
export const dynamic = 'force-dynamic';

/** Page title in the request locale. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await getRequestLocale();
  return { title: `${translate(REVIEW_MESSAGES, locale, 'ws.checks')} · ${translate(REVIEW_MESSAGES, locale, 'plate.title')} · GanTwin` };
}

/** The workspace page. */
export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) notFound();
  return (
    <GatedReviewPage
      path={REVIEW_PATHS.submission(id)}
      active="submissions"
      render={({ locale, actor }) => <WorkspaceApp locale={locale} submissionId={id} isReviewer={actor.role !== 'applicant'} />}
    />
  );
}

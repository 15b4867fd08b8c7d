/**
 * `/review/parcels` — parcels and their planning conditions (地块与规划条件). A server component: the review gate
 * (applicants, planners, admins), then the client part; planners and admins edit, applicants read.
 */
import type { Metadata } from 'next';
import { translate } from '@viewer/core/i18n';
import { PARCEL_MESSAGES } from '@viewer/review/parcel-messages';
import { getRequestLocale } from '../../locale';
import { GatedReviewPage } from '../gated-review-page';
import { REVIEW_PATHS } from '../review-paths';
import { ParcelsApp } from './parcels-app';

/** Always per request: the answer depends on the session cookie. */
export const dynamic = 'force-dynamic';

/** Page title in the request locale. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await getRequestLocale();
  return { title: `${translate(PARCEL_MESSAGES, locale, 'page.title')} · GanTwin` };
}

/** The parcels page. */
export default function ParcelsPage() {
  return <GatedReviewPage path={REVIEW_PATHS.parcels} active="parcels" render={({ locale, actor }) => <ParcelsApp locale={locale} role={actor.role} regionCode={actor.regionCode} />} />;
}

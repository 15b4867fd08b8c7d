/**
 * The body every review page shares: the plate page gate (../gated-plate-page.tsx) for applicants, planners and
 * admins, inside the review frame.
 */
import 'server-only';
import type { ReactNode } from 'react';
import { GatedPlatePage, type PlatePageContext } from '../gated-plate-page';
import { ReviewPageFrame, type ReviewSection } from './review-page-frame';
import { REVIEW_PAGE_ROLES } from './review-paths';

/** What a review page's client part is rendered with. */
export type ReviewPageContext = PlatePageContext;

/**
 * Renders a review page: the gate, then `render` inside the frame with `active` highlighted.
 * @param path the page's path (the return address after signing in)
 */
export function GatedReviewPage({ path, active, render }: { path: string; active: ReviewSection; render: (context: ReviewPageContext) => ReactNode }) {
  return <GatedPlatePage path={path} roles={REVIEW_PAGE_ROLES} Frame={ReviewPageFrame} active={active} render={render} />;
}

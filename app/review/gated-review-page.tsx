/**
 * The body every review page shares, as a server component: the page gate (applicants, planners, admins; anonymous
 * visitors to sign-in, pending one-time passwords to the password page), the 403 notice for other roles, and the
 * review frame around the page's client part.
 */
import 'server-only';
import type { ReactNode } from 'react';
import type { Actor } from '@server/api/actor';
import { ForbiddenNotice } from '@viewer/accounts/forbidden-notice';
import type { Locale } from '@viewer/core/i18n';
import { getRequestLocale } from '../locale';
import { pageGate } from '../page-gate';
import { ReviewPageFrame, type ReviewSection } from './review-page-frame';
import { REVIEW_PAGE_ROLES } from './review-paths';

/** What a review page's client part is rendered with. */
export interface ReviewPageContext {
  locale: Locale;
  actor: Actor;
}

/**
 * Renders a review page: the gate, then `render` inside the frame with `active` highlighted.
 * @param path the page's path (the return address after signing in)
 */
export async function GatedReviewPage({ path, active, render }: { path: string; active: ReviewSection; render: (context: ReviewPageContext) => ReactNode }) {
  const [locale, access] = await Promise.all([getRequestLocale(), pageGate(path, REVIEW_PAGE_ROLES)]);
  if (!access.allowed) {
    return (
      <ReviewPageFrame locale={locale} active={null}>
        <ForbiddenNotice locale={locale} role={access.actor.role} />
      </ReviewPageFrame>
    );
  }
  return (
    <ReviewPageFrame locale={locale} active={active}>
      {render({ locale, actor: access.actor })}
    </ReviewPageFrame>
  );
}

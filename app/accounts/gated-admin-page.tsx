/**
 * The body every admin page (`/admin/*`) shares, as a server component: the admin-only page gate (anonymous visitors
 * to sign-in, pending one-time passwords to the password page), the 403 notice for other roles, and the admin frame
 * around the page's client part.
 */
import 'server-only';
import type { ReactNode } from 'react';
import type { Actor } from '@server/api/actor';
import { getServerCaller } from '@server/api/server-caller';
import { ForbiddenNotice } from '@viewer/accounts/forbidden-notice';
import type { AdminSection } from '@viewer/accounts/admin-frame';
import type { Locale } from '@viewer/core/i18n';
import { getRequestLocale } from '../locale';
import { pageGate } from '../page-gate';
import { AdminPageFrame } from './admin-page-frame';

/** What an admin page's client part is rendered with. */
export interface AdminPageContext {
  locale: Locale;
  actor: Actor;
  /** The name of the admin's region (its 6-digit code when the region table lacks it). */
  scopeRegionName: string;
}

/**
 * Renders an admin page: the gate, then `render` inside the frame with `active` highlighted.
 * @param path the page's path (the return address after signing in)
 * @param active the frame's navigation entry of this page
 * @param render the page's client part
 */
export async function GatedAdminPage({ path, active, render }: { path: string; active: AdminSection; render: (context: AdminPageContext) => ReactNode }) {
  const [locale, access] = await Promise.all([getRequestLocale(), pageGate(path, ['admin'])]);
  if (!access.allowed) {
    return (
      <AdminPageFrame locale={locale} active={null}>
        <ForbiddenNotice locale={locale} role={access.actor.role} />
      </AdminPageFrame>
    );
  }
  const me = await (await getServerCaller()).accounts.me();
  return (
    <AdminPageFrame locale={locale} active={active}>
      {render({ locale, actor: access.actor, scopeRegionName: me?.regionName || access.actor.regionCode })}
    </AdminPageFrame>
  );
}

/**
 * The body of every plate's role-restricted work page, as a server component: the page gate (./page-gate.ts:
 * anonymous visitors to sign-in, pending one-time passwords to the password page), the 403 notice for other roles,
 * and the plate's frame around the page's client part. A plate passes its frame (a client component with its
 * navigation tabs) and the roles; the review and sensors pages use it.
 */
import 'server-only';
import type { ComponentType, ReactNode } from 'react';
import type { Actor } from '@server/api/actor';
import { ForbiddenNotice } from '@viewer/accounts/forbidden-notice';
import type { Locale } from '@viewer/core/i18n';
import { getRequestLocale } from './locale';
import { pageGate } from './page-gate';

/** What a plate page's client part is rendered with. */
export interface PlatePageContext {
  locale: Locale;
  actor: Actor;
}

/** A plate's page frame: its tabs with `active` highlighted (null: no tabs, e.g. around the 403 notice). */
export type PlatePageFrame<Section extends string> = ComponentType<{ locale: Locale; active: Section | null; children: ReactNode }>;

/** Props of {@link GatedPlatePage}. */
export interface GatedPlatePageProps<Section extends string> {
  /** The page's path and query (the return address after signing in). */
  path: string;
  roles: readonly Actor['role'][];
  Frame: PlatePageFrame<Section>;
  active: Section;
  render: (context: PlatePageContext) => ReactNode;
}

/** Renders a plate page: the gate, then `render` inside the frame (see module doc). */
export async function GatedPlatePage<Section extends string>({ path, roles, Frame, active, render }: GatedPlatePageProps<Section>) {
  const [locale, access] = await Promise.all([getRequestLocale(), pageGate(path, roles)]);
  if (!access.allowed) {
    return (
      <Frame locale={locale} active={null}>
        <ForbiddenNotice locale={locale} role={access.actor.role} />
      </Frame>
    );
  }
  return (
    <Frame locale={locale} active={active}>
      {render({ locale, actor: access.actor })}
    </Frame>
  );
}

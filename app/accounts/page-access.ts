/**
 * Who may open an accounts page, decided in server components before anything renders (the procedures check
 * again): anonymous visitors go to sign-in and come back, an account with a pending one-time password goes to
 * the password page first, and a non-admin on an admin page gets the 403 notice.
 */
import 'server-only';
import { redirect } from 'next/navigation';
import type { Actor } from '@server/api/actor';
import { getServerActor } from '@server/api/server-caller';
import { signInHref } from '@viewer/accounts/safe-next-path';
import { ACCOUNT_PATHS } from './account-paths';

/** The outcome for a signed-in visitor of an admin page. */
export type AdminAccess = { allowed: true; actor: Actor } | { allowed: false; actor: Actor };

/**
 * The signed-in actor, or a redirect to `/sign-in?next=<path>` when anonymous.
 * @param path this page's path and query, to come back to (must start with `/`)
 */
export async function requireSignedIn(path: string): Promise<Actor> {
  const actor = await getServerActor();
  if (!actor) redirect(signInHref(path));
  return actor;
}

/**
 * Gate of the admin pages: redirects anonymous visitors to sign-in and accounts with a pending one-time password
 * to the password page; otherwise tells whether the actor is an admin.
 * @param path this page's path and query (the return address after signing in)
 */
export async function adminAccess(path: string): Promise<AdminAccess> {
  const actor = await requireSignedIn(path);
  if (actor.mustChangePassword) redirect(`${ACCOUNT_PATHS.changePassword}?${new URLSearchParams({ next: path })}`);
  return { allowed: actor.role === 'admin', actor };
}

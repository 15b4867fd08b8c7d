/**
 * The page gate of role-restricted pages (every plate's), decided in server components before anything renders;
 * the procedures check again. Anonymous visitors go to sign-in and come back; an account with a pending one-time
 * password goes to the password page first; a signed-in account of another role gets `allowed: false` (the page
 * shows its 403 notice).
 */
import 'server-only';
import { redirect } from 'next/navigation';
import type { Actor } from '@server/api/actor';
import { getServerActor } from '@server/api/server-caller';
import { signInHref } from '@viewer/accounts/safe-next-path';
import { ACCOUNT_PATHS } from './accounts/account-paths';

/** The outcome for a signed-in visitor of a gated page. */
export type PageAccess = { allowed: boolean; actor: Actor };

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
 * Gate of a page open to `roles`: redirects anonymous visitors to sign-in and accounts with a pending one-time
 * password to the password page; otherwise tells whether the actor's role may see the page.
 * @param path this page's path and query (the return address after signing in)
 * @param roles the roles that may open the page
 * @example const access = await pageGate('/review', ['planner', 'admin']);
 */
export async function pageGate(path: string, roles: readonly Actor['role'][]): Promise<PageAccess> {
  const actor = await requireSignedIn(path);
  if (actor.mustChangePassword) redirect(`${ACCOUNT_PATHS.changePassword}?${new URLSearchParams({ next: path })}`);
  return { allowed: roles.includes(actor.role), actor };
}

import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { actorFromHeaders } from '@server/accounts/session-actor';
import { getDb } from '@server/db/client';
import { createCaller } from './root';
import { createTrpcContext } from './trpc';

/**
 * The tRPC caller for React server components: same procedures and error mapping as HTTP, no network hop.
 * One caller per request (React `cache`), acting as the request's signed-in account (or anonymous).
 * @throws {InvariantError} (on first use) when `DATABASE_URL` is not set
 * @example
 * const models = await (await getServerCaller()).twin.models.list();
 */
export const getServerCaller = cache(async () => {
  const db = getDb();
  return createCaller(createTrpcContext(db, await actorFromHeaders(db, await headers())));
});

/** The request's signed-in actor (or null), for server components that render per role. */
export const getServerActor = cache(async () => actorFromHeaders(getDb(), await headers()));

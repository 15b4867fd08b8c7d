import 'server-only';
import { cache } from 'react';
import { getDb } from '@server/db/client';
import { createCaller } from './root';
import { createTrpcContext } from './trpc';

/**
 * The tRPC caller for React server components: same procedures and error mapping as HTTP, no network hop.
 * One caller per request (React `cache`). Anonymous until the accounts plate resolves the actor.
 * @throws {InvariantError} (on first use) when `DATABASE_URL` is not set
 * @example
 * const models = await (await getServerCaller()).twin.models.list();
 */
export const getServerCaller = cache(async () => createCaller(createTrpcContext(getDb(), null)));

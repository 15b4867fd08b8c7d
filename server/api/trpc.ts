import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import type { Db } from '@server/db/client';
import type { Actor } from './actor';
import { formatErrorShape, toTrpcError } from './error-map';

/**
 * tRPC v11 setup: context, superjson transformer, error formatter and the only procedure builders routers may
 * use (STYLE rule 18). GanTwin errors are mapped to tRPC codes by one middleware on every procedure
 * (see error-map.ts), so the mapping also holds for server-side callers, which bypass the formatter.
 * @see https://trpc.io/docs/server/procedures
 */

/** What every procedure receives as `ctx`. */
export interface TrpcContext {
  db: Db;
  /** The signed-in actor; `null` = anonymous (no sign-in exists yet). */
  actor: Actor | null;
}

/**
 * Builds the request context.
 * @param db the database handle (`getDb()` in the app, a test database in tests)
 * @param actor resolved from the session once the accounts plate exists
 */
export function createTrpcContext(db: Db, actor: Actor | null = null): TrpcContext {
  return { db, actor };
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter: ({ shape, error }) => formatErrorShape(shape, error),
});

/** Creates a router; `root.ts` mounts one per plate under its slug. */
export const router = t.router;
/** Creates a server-side caller factory for a router (server components, tests). */
export const createCallerFactory = t.createCallerFactory;

const mapGanTwinErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTrpcError(result.error);
  return result;
});

/** A procedure anyone may call (read-only public data). */
export const publicProcedure = t.procedure.use(mapGanTwinErrors);

/**
 * A procedure that needs a signed-in actor; `ctx.actor` is non-null inside. Until the accounts plate adds
 * sign-in, every call is UNAUTHORIZED.
 */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign-in required' });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

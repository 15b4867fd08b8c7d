import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import type { Db } from '@server/db/client';
import type { Role } from '@server/db/schema/accounts';
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
  /** The signed-in actor; `null` = anonymous (role `public`). */
  actor: Actor | null;
}

/**
 * Builds the request context.
 * @param db the database handle (`getDb()` in the app, a test database in tests)
 * @param actor resolved from the session cookie (server/accounts/session-actor.ts); `null` = anonymous
 */
export function createTrpcContext(db: Db, actor: Actor | null = null): TrpcContext {
  return { db, actor };
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter: ({ shape, error }) => formatErrorShape(shape, error),
  // Subscriptions stream as SSE (sensors.live.*): a ping every 20 s keeps proxies from closing an idle stream, and
  // the client reconnects when none arrived for 45 s.
  sse: { ping: { enabled: true, intervalMs: 20_000 }, client: { reconnectAfterInactivityMs: 45_000 } },
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
 * A procedure that needs a signed-in actor who has replaced the one-time password; `ctx.actor` is non-null
 * inside. Anonymous → UNAUTHORIZED (401); one-time password still pending → FORBIDDEN (403).
 */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign-in required' });
  if (ctx.actor.mustChangePassword) throw new TRPCError({ code: 'FORBIDDEN', message: 'Change the one-time password first' });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/**
 * A protected procedure open only to the listed roles (FORBIDDEN otherwise). Region scope is applied by the
 * service, which receives `ctx.actor` (STYLE rule 18).
 * @example scopedProcedure('admin').input(…).mutation(({ ctx, input }) => users.create(ctx.db, ctx.actor, input))
 */
export function scopedProcedure(...roles: [Role, ...Role[]]) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.actor.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `Role ${ctx.actor.role} may not do this (needs ${roles.join(' or ')})` });
    }
    return next({ ctx });
  });
}

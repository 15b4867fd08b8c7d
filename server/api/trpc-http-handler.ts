import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { actorFromHeaders } from '@server/accounts/session-actor';
import type { Db } from '@server/db/client';
import type { Logger } from '@kernel/logger';
import { TRPCError } from '@trpc/server';
import { MAX_BODY_BYTES, allowAnonymous, hasJsonBody, readLimitedBody, textResponse, withBody } from './request-limits';
import { toTrpcError } from './error-map';
import { appRouter } from './root';
import { isSameOrigin } from './same-origin';
import { createTrpcContext } from './trpc';
import { logInternalTrpcErrors } from './trpc-error-log';
import { TRPC_ENDPOINT, TRPC_MAX_BATCH_SIZE } from './trpc-http-config';
import { checkTrpcInput } from './trpc-input-check';

/** What the tRPC HTTP handler needs from the app. */
export interface TrpcHttpDeps {
  /** The database handle, asked for per request (it throws when `DATABASE_URL` is unset → 500, logged). */
  getDb: () => Db;
  /** Where INTERNAL_SERVER_ERROR answers are reported. */
  logger: Logger;
}

/**
 * Answers one `GET|POST /api/trpc/<procedure>[,<procedure>…]` request: superjson, the error formatter of
 * trpc.ts (no stacks, internal messages hidden), batches of at most {@link TRPC_MAX_BATCH_SIZE} calls, 500s
 * logged. Input that is not JSON, nests too deep or carries superjson metadata other than value types answers
 * 400 before anything is deserialised (trpc-input-check.ts). The actor comes from the session cookie (a
 * database failure there is a logged 500 like any other); anonymous callers are throttled per address, each
 * call of a batch counted (429, request-limits.ts). A POST (mutation) must come from our own origin (else 403)
 * and carry a JSON body (else 415) of at most {@link MAX_BODY_BYTES}.trpc bytes (else 413).
 * @param req the incoming fetch `Request`
 */
export async function trpcHttpResponse(req: Request, deps: TrpcHttpDeps): Promise<Response> {
  if (req.method === 'POST' && !isSameOrigin(req)) return textResponse(403, 'Cross-origin request refused');
  if (req.method === 'POST' && !hasJsonBody(req)) return textResponse(415, 'Send tRPC calls as JSON (Content-Type: application/json)');
  const body = await readLimitedBody(req, MAX_BODY_BYTES.trpc);
  if (body instanceof Response) return body;
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: withBody(req, body),
    router: appRouter,
    // tRPC builds the context before it reads any input: the place to refuse hostile input (trpc-input-check.ts).
    // Each call of a batch counts against the anonymous budget: a batch of 16 is 16 requests' work. Counting was
    // chosen over a smaller batch cap, which would still multiply the budget and split the client's batches.
    createContext: async ({ info }) => {
      const db = deps.getDb();
      const actor = await actorFromHeaders(db, req.headers);
      if (!actor && !(await allowAnonymous(req, info.calls.length))) {
        throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'Too many requests from this address; retry in a minute' });
      }
      try {
        checkTrpcInput(req, body);
      } catch (error) {
        throw toTrpcError(error);
      }
      return createTrpcContext(db, actor);
    },
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    // Answers depend on the session: never in a shared cache, and a signed-in answer in no cache at all.
    responseMeta: ({ ctx }) => ({ headers: new Headers({ 'cache-control': ctx?.actor ? 'private, no-store' : 'private, no-cache', vary: 'Cookie' }) }),
    onError: logInternalTrpcErrors(deps.logger),
  });
}

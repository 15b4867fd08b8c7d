/**
 * Settings shared by the tRPC HTTP handler (server) and the browser's batch link (app/providers.tsx). No
 * imports, so the client bundle takes only these constants.
 * @see https://trpc.io/docs/server/adapters/fetch
 */

/** Path of the tRPC HTTP handler (same origin). */
export const TRPC_ENDPOINT = '/api/trpc';

/**
 * Most procedure calls in one batched request. The server answers a larger batch with 400, so one request
 * cannot fan out into hundreds of queries; the client link splits its batches at the same size.
 * (The app's pages issue at most three tRPC queries at once.)
 */
export const TRPC_MAX_BATCH_SIZE = 16;

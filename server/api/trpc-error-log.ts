import type { TRPCError } from '@trpc/server';
import type { Logger } from '@kernel/logger';

/**
 * The tRPC fetch adapter's `onError` for the app: logs errors answered with INTERNAL_SERVER_ERROR (bugs,
 * database failures) with their real message and stack, which the error formatter hides from clients. Input,
 * not-found and scope errors are answers, not incidents, and are not logged.
 * @param logger where the lines go (`SERVER_LOGGER` in the app)
 * @returns the `onError` option of `fetchRequestHandler`
 * @see ./error-map.ts (what clients see instead)
 */
export function logInternalTrpcErrors(logger: Logger): (opts: { error: TRPCError; path: string | undefined }) => void {
  return ({ error, path }) => {
    if (error.code !== 'INTERNAL_SERVER_ERROR') return;
    const cause = error.cause instanceof Error ? error.cause : error;
    logger.error(`trpc: ${path ?? '(no procedure)'}: ${cause.message}`, { detail: cause.stack ?? cause.message });
  };
}

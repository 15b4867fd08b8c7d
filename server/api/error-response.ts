import type { Logger } from '@kernel/logger';
import { httpStatusForError, publicMessageForError } from './error-map';

/**
 * The HTTP answer of a plain route handler (`/tiles/…`, `/api/geo/…`) to an error: status and message from the
 * one error map (NOT_FOUND → 404, BAD_REQUEST → 400, bugs → 500 "Internal server error"), as `text/plain`,
 * never a stack. Errors answered with 5xx are logged with their real message, since the client never sees it.
 * @param route names the route in the log line, e.g. `tiles`
 * @param error what the handler caught
 * @param logger where 5xx errors are reported
 * @see ./error-map.ts
 */
export function errorResponse(route: string, error: unknown, logger: Logger): Response {
  const status = httpStatusForError(error);
  if (status >= 500) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    logger.error(`${route}: ${error instanceof Error ? error.message : String(error)}`, { status, detail });
  }
  return new Response(publicMessageForError(error), { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

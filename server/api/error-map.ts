import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ConflictError, GanTwinError, type GanTwinErrorCode } from '@kernel/errors';

/**
 * The one place where GanTwin errors become tRPC/HTTP errors (STYLE rule 13). Routers and services never
 * catch: a service throws e.g. `NotFoundError`, the procedure middleware in `trpc.ts` maps it here.
 */

/** GanTwinError code → tRPC error code (and so the HTTP status). */
export const TRPC_CODE_BY_GANTWIN_CODE: Record<GanTwinErrorCode, TRPC_ERROR_CODE_KEY> = {
  IFC_PARSE: 'BAD_REQUEST',
  UNSUPPORTED_SCHEMA: 'BAD_REQUEST',
  GEOREF: 'BAD_REQUEST',
  INPUT: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  SCOPE: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  INVARIANT: 'INTERNAL_SERVER_ERROR',
};

/** What clients see instead of the message of a bug or an unknown error. */
export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/**
 * What clients see instead of the text of a foreign exception behind a 4xx: tRPC answers an input it cannot read
 * (a JSON or superjson failure) with BAD_REQUEST and the exception's own message as its text.
 */
export const UNREADABLE_REQUEST_MESSAGE = 'Invalid input: the request could not be read';

/**
 * Unique indexes whose violation (PostgreSQL 23505) is the caller's conflict, not a bug: index name → message
 * naming the field. A service checks "already used?" first, but a concurrent write can commit between that check
 * and its own insert; the index then refuses the insert.
 */
export const CONFLICT_MESSAGE_BY_UNIQUE_INDEX: Readonly<Record<string, string>> = {
  accounts_users_email_key: 'email: this address already has an account',
  review_parcels_code_uq: 'code: a parcel with this code exists already',
  sensors_devices_code_uq: 'code: a sensor with this code exists already',
  sensors_gateways_code_uq: 'code: a gateway with this code exists already',
};

/** Causes followed from a thrown error to the driver's error (TRPCError → DrizzleQueryError → pg DatabaseError). */
const MAX_CAUSE_DEPTH = 4;

/**
 * A {@link ConflictError} for a unique violation of an index in {@link CONFLICT_MESSAGE_BY_UNIQUE_INDEX} found in
 * the cause chain of `error`, else null (other database errors stay 500s).
 * @see https://www.postgresql.org/docs/15/errcodes-appendix.html (23505 unique_violation)
 */
function conflictFromUniqueViolation(error: unknown): ConflictError | null {
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_CAUSE_DEPTH && current instanceof Error; depth++, current = current.cause) {
    if (!('code' in current) || current.code !== '23505') continue;
    const constraint = 'constraint' in current && typeof current.constraint === 'string' ? current.constraint : '';
    const message = CONFLICT_MESSAGE_BY_UNIQUE_INDEX[constraint];
    return message ? new ConflictError(message, { context: { constraint }, cause: current }) : null;
  }
  return null;
}

/**
 * Maps an error raised inside a procedure: a `GanTwinError` (directly or as `cause`) becomes a `TRPCError`
 * with the mapped code and its message (bugs get {@link INTERNAL_ERROR_MESSAGE}); a unique violation listed in
 * {@link CONFLICT_MESSAGE_BY_UNIQUE_INDEX} becomes CONFLICT; other errors pass through.
 */
export function toTrpcError(error: unknown): unknown {
  const ganTwinError =
    error instanceof GanTwinError ? error : error instanceof TRPCError && error.cause instanceof GanTwinError ? error.cause : conflictFromUniqueViolation(error);
  if (!ganTwinError) return error;
  const code = TRPC_CODE_BY_GANTWIN_CODE[ganTwinError.code];
  const message = code === 'INTERNAL_SERVER_ERROR' ? INTERNAL_ERROR_MESSAGE : ganTwinError.message;
  return new TRPCError({ code, message, cause: ganTwinError });
}

/** Shape fields our error formatter may change. */
export interface ErrorShapeLike {
  message: string;
  data: { code: string; stack?: string; [key: string]: unknown };
}

/**
 * tRPC `errorFormatter`: hides internals of INTERNAL_SERVER_ERROR responses, replaces the text of a foreign
 * exception behind any other error (a cause that is neither a GanTwinError nor a TRPCError, e.g. a `SyntaxError`
 * or superjson's `__proto__ is not allowed`) with {@link UNREADABLE_REQUEST_MESSAGE}, drops stacks, and adds
 * `data.ganTwinCode` so the UI can pick a message by error class.
 */
export function formatErrorShape<TShape extends ErrorShapeLike>(shape: TShape, error: TRPCError): TShape {
  const cause = error.cause instanceof GanTwinError ? error.cause : null;
  const isInternal = error.code === 'INTERNAL_SERVER_ERROR';
  const isForeign = error.cause instanceof Error && !cause && !(error.cause instanceof TRPCError);
  const { stack: _stack, ...data } = shape.data;
  return {
    ...shape,
    message: isInternal ? INTERNAL_ERROR_MESSAGE : isForeign ? UNREADABLE_REQUEST_MESSAGE : shape.message,
    data: { ...data, ganTwinCode: cause?.code ?? null },
  };
}

/**
 * HTTP status for an error thrown by a service called from a plain route handler (`/tiles`, `/api/geo`),
 * using the same mapping as tRPC (NOT_FOUND → 404, BAD_REQUEST → 400, bugs → 500).
 */
export function httpStatusForError(error: unknown): number {
  const mapped = toTrpcError(error);
  return mapped instanceof TRPCError ? getHTTPStatusCodeFromError(mapped) : 500;
}

/** The message a route handler may show for an error (internal details hidden). */
export function publicMessageForError(error: unknown): string {
  const mapped = toTrpcError(error);
  return mapped instanceof TRPCError && mapped.code !== 'INTERNAL_SERVER_ERROR' ? mapped.message : INTERNAL_ERROR_MESSAGE;
}

/**
 * Typed errors of GanTwin, shared by every part (tiling, server, plates, scripts). Every error thrown by our code
 * extends {@link GanTwinError}: a stable `code`, a message naming the thing at fault (file, `#line` entity,
 * GlobalId, EPSG, record id), a `context` object and `cause`.
 *
 * Input errors are kept apart from programmer errors ({@link InvariantError}). The CLI prints `message` as its
 * one-line reason; the server maps `code` to a tRPC / HTTP status in one place (server/api/error-map.ts).
 * Errors of one part only (the tiler's `IfcParseError`, `GeorefError`, …) extend these in that part.
 */

/** Stable machine-readable codes; the server maps them to HTTP/tRPC codes (server/api/error-map.ts). */
export type GanTwinErrorCode =
  | 'IFC_PARSE'
  | 'UNSUPPORTED_SCHEMA'
  | 'GEOREF'
  | 'INPUT'
  | 'NOT_FOUND'
  | 'SCOPE'
  | 'CONFLICT'
  | 'TOO_LARGE'
  | 'INVARIANT';

/** What every {@link GanTwinError} carries besides its message. */
export interface GanTwinErrorOptions {
  /** Values that identify the failing thing (file, line, globalId, epsg …). */
  context?: Record<string, unknown>;
  cause?: unknown;
}

/** Base class of every error GanTwin throws. */
export class GanTwinError extends Error {
  readonly code: GanTwinErrorCode;
  readonly context: Record<string, unknown>;

  constructor(code: GanTwinErrorCode, message: string, options: GanTwinErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.context = options.context ?? {};
  }
}

/** A caller passed invalid options or arguments (CLI flags, job payload, API input, uploaded data). */
export class InputError extends GanTwinError {
  constructor(message: string, options?: GanTwinErrorOptions) {
    super('INPUT', message, options);
  }
}

/** A requested record does not exist (model id, GlobalId, layer id). Message names the thing and its id. */
export class NotFoundError extends GanTwinError {
  constructor(message: string, options?: GanTwinErrorOptions) {
    super('NOT_FOUND', message, options);
  }
}

/** The actor may not see or change a record outside its region scope or role. */
export class ScopeError extends GanTwinError {
  constructor(message: string, options?: GanTwinErrorOptions) {
    super('SCOPE', message, options);
  }
}

/** A write collides with stored data (an e-mail already in use, a change an account may not make to itself). */
export class ConflictError extends GanTwinError {
  constructor(message: string, options?: GanTwinErrorOptions) {
    super('CONFLICT', message, options);
  }
}

/** A programmer error: a condition that must hold did not. */
export class InvariantError extends GanTwinError {
  constructor(message: string, options?: GanTwinErrorOptions) {
    super('INVARIANT', message, options);
  }
}

/**
 * Asserts a condition that only a bug can break.
 * @param condition the condition that must hold
 * @param message names the parameter and its actual value, e.g. `` `tileDepth must be ≥ 0, got ${d}` ``
 * @throws {InvariantError} when `condition` is falsy
 */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantError(message);
}

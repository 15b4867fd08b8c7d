/**
 * Typed errors of GanTwin. Every error thrown by our code extends {@link GanTwinError}: a stable `code`,
 * a message naming the thing at fault (file, `#line` entity, GlobalId, EPSG), a `context` object and `cause`.
 *
 * Input errors (bad files, unsupported schemas, impossible georeferencing) are kept apart from programmer
 * errors ({@link InvariantError}). The CLI prints `message` as its one-line reason; the server maps `code`
 * to a tRPC code in one place (server/api/error-map.ts).
 *
 * `tiling/` imports nothing of ours, so the base class lives here and the server re-uses it.
 */

/** Stable machine-readable codes; the server maps them to HTTP/tRPC codes. */
export type GanTwinErrorCode =
  | 'IFC_PARSE'
  | 'UNSUPPORTED_SCHEMA'
  | 'GEOREF'
  | 'INPUT'
  | 'NOT_FOUND'
  | 'SCOPE'
  | 'CONFLICT'
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

/** The IFC file cannot be read: not STEP, truncated, broken entity. Message names the file and `#line`. */
export class IfcParseError extends GanTwinError {
  constructor(message: string, options?: GanTwinErrorOptions) {
    super('IFC_PARSE', message, options);
  }
}

/** The file declares an IFC schema we cannot convert (e.g. IFC2X2). Message names the schema. */
export class UnsupportedSchemaError extends GanTwinError {
  constructor(message: string, options?: GanTwinErrorOptions) {
    super('UNSUPPORTED_SCHEMA', message, options);
  }
}

/** Georeferencing is impossible or contradictory (unknown EPSG, zero axis vector, bad latitude). */
export class GeorefError extends GanTwinError {
  constructor(message: string, options?: GanTwinErrorOptions) {
    super('GEOREF', message, options);
  }
}

/** A caller passed invalid options or arguments (CLI flags, job input). */
export class InputError extends GanTwinError {
  constructor(message: string, options?: GanTwinErrorOptions) {
    super('INPUT', message, options);
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

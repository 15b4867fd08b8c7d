import { GanTwinError, type GanTwinErrorOptions } from '@kernel/errors';

/**
 * Errors only the tiler throws; they extend the kernel's {@link GanTwinError} (kernel/errors.ts), which also holds
 * `InputError`, `InvariantError` and `invariant`.
 */

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

/**
 * The input needs more memory than the conversion may use: the parse worker's JS heap limit
 * (`ConvertOptions.parseHeapLimitMb`) or web-ifc's 4 GiB wasm heap. The message names the limit that was hit and
 * the file; the process that asked for the conversion is unharmed and the next conversion runs normally.
 */
export class TooLargeError extends GanTwinError {
  constructor(message: string, options?: GanTwinErrorOptions) {
    super('TOO_LARGE', message, options);
  }
}

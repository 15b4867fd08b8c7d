import { GanTwinError, type GanTwinErrorOptions } from '@tiling/errors';

/**
 * Server-side input errors. They extend {@link GanTwinError} from `tiling/errors.ts` (the one base class) and are
 * mapped to tRPC codes in `server/api/error-map.ts`.
 */

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

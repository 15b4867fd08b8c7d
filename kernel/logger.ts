/**
 * The logger every stage and service receives through `ctx`. Messages start with the stage or service
 * name (`parse: 253 placed geometries`). Nothing outside `cli.ts` and scripts calls `console.*`.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A logger that drops everything (tests, library callers that want silence). */
export const SILENT_LOGGER: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

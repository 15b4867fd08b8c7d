import type { Logger } from '@kernel/logger';

/** A {@link Logger} that keeps its error lines (test support: asserting what a 500 logged). */
export interface RecordingLogger extends Logger {
  /** Messages passed to `error`, oldest first; clear with `errors.length = 0`. */
  readonly errors: string[];
}

/** Creates a logger that drops debug/info/warn and records error messages in `errors`. */
export function createRecordingLogger(): RecordingLogger {
  const errors: string[] = [];
  return { debug: () => {}, info: () => {}, warn: () => {}, error: (message) => void errors.push(message), errors };
}

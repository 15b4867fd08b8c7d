import type { Logger } from '@kernel/logger';

/**
 * The app server's log sink: one line per message on stderr, `<level> <message> <fields as JSON>`.
 * Route handlers in app/ (the process edge, as `cli.ts` is for the CLI) pass it to the response builders;
 * services and tests receive a {@link Logger} and never write themselves (STYLE rule 6).
 */

/** Writes one log line to stderr; fields that cannot be JSON (cycles) are written as their keys. */
function writeLine(level: string, message: string, fields?: Record<string, unknown>): void {
  let suffix = '';
  if (fields && Object.keys(fields).length > 0) {
    try {
      suffix = ` ${JSON.stringify(fields)}`;
    } catch {
      suffix = ` {${Object.keys(fields).join(',')}}`;
    }
  }
  process.stderr.write(`${level} ${message}${suffix}\n`);
}

/** The stderr logger of the Next.js server process (debug lines dropped). */
export const SERVER_LOGGER: Logger = {
  debug: () => {},
  info: (message, fields) => writeLine('info', message, fields),
  warn: (message, fields) => writeLine('warn', message, fields),
  error: (message, fields) => writeLine('error', message, fields),
};

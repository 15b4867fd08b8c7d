import type { z } from 'zod';
import { InputError } from '@kernel/errors';

/** The prefix of zod's built-in messages (`Invalid input: expected string …`), dropped since ours says it once. */
const ZOD_PREFIX = /^Invalid input: /;

/**
 * zod issues as one sentence in our words: `path: message` per issue, joined by `; ` (`input: …` for the whole
 * value), zod's own `Invalid input: ` prefix dropped. Holds no input value unless a schema's message quotes one.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message.replace(ZOD_PREFIX, '')}`).join('; ');
}

/**
 * A tRPC input parser built from a zod schema. It keeps zod's input/output types (`_input`/`_output`, the
 * shape tRPC infers client types from) but throws a sentence instead of zod's JSON dump.
 */
export interface ReadableZodParser<TIn, TOut> {
  readonly _input: TIn;
  readonly _output: TOut;
  parse(raw: unknown): TOut;
}

/**
 * Wraps a zod schema as a tRPC input parser whose failure message reads as a sentence
 * (`Invalid input: globalId: must be a 22-character IFC GlobalId …, got "abc"`).
 * tRPC turns the thrown {@link InputError} into BAD_REQUEST (see error-map.ts).
 * @param schema the input schema
 * @throws {InputError} listing each invalid field as `path: message` (from `parse`; `input: …` when the whole
 *   input is wrong, e.g. missing)
 */
export function zodInput<TSchema extends z.ZodType>(schema: TSchema): ReadableZodParser<z.input<TSchema>, z.output<TSchema>> {
  return {
    _input: undefined as z.input<TSchema>,
    _output: undefined as z.output<TSchema>,
    parse(raw: unknown): z.output<TSchema> {
      const result = schema.safeParse(raw);
      if (result.success) return result.data;
      throw new InputError(`Invalid input: ${describeIssues(result.error.issues)}`, { context: { issues: result.error.issues } });
    },
  };
}

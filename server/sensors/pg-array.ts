import { invariant } from '@kernel/errors';

/**
 * A PostgreSQL array literal (`{a,b,c}`) of already validated scalars, passed as ONE query parameter and cast in
 * SQL (`$1::uuid[]`): 5 000 readings are three parameters instead of 15 000, and `unnest` turns them into rows.
 * Elements must not need quoting: UUIDs, ISO 8601 instants, region codes, finite numbers.
 * @throws {InvariantError} when an element contains a character that would need quoting, or a number is not finite
 */
export function pgArrayLiteral(values: readonly (string | number)[]): string {
  for (const value of values) {
    if (typeof value === 'number') invariant(Number.isFinite(value), `pgArrayLiteral: numbers must be finite, got ${value}`);
    else invariant(/^[0-9A-Za-z:.+\-_]+$/.test(value), `pgArrayLiteral: ${JSON.stringify(value.slice(0, 40))} would need quoting`);
  }
  return `{${values.join(',')}}`;
}

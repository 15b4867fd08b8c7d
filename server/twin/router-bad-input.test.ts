import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '@server/api/root';
import { MAX_ECHOED_INPUT_CHARS } from '@kernel/zod-fields';
import { PROVINCE_READER } from '@server/accounts/test-fixtures';
import { createTrpcContext } from '@server/api/trpc';
import { models } from '@server/db/schema/twin';
import { connectTestDb } from '@server/db/test-database';

/**
 * Bad input fed on purpose to every twin procedure: each must answer BAD_REQUEST with a message naming the
 * field (never INTERNAL_SERVER_ERROR), through the same caller and error mapping as HTTP.
 */

const connection = connectTestDb();
const caller = createCaller(createTrpcContext(connection.db, PROVINCE_READER));
/** The procedures' runtime input is `unknown`: bad shapes are passed through this view on purpose. */
type Untyped = (input: unknown) => Promise<unknown>;
let modelId = '';

beforeAll(async () => {
  const [model] = await connection.db
    .insert(models)
    .values({ name: 'bad-input', fileName: 'bad-input.ifc', sourceSha256: `bad-input-${Date.now()}`, status: 'ready', tilesetDir: 'bad-input' })
    .returning({ id: models.id });
  modelId = model.id;
});

afterAll(async () => {
  await connection.db.delete(models).where(eq(models.id, modelId));
  await connection.pool.end();
});

/** The error a call rejects with (fails the test when it resolves). */
async function errorOf(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error: unknown = await call.then(
    () => expect.fail('expected the call to be rejected'),
    (e: unknown) => e,
  );
  return error as { code: string; message: string };
}

describe('twin router: bad input is BAD_REQUEST naming the field', () => {
  it.each<[string, () => Promise<unknown>, string]>([
    ['models.byId without input', () => (caller.twin.models.byId as Untyped)(undefined), 'Invalid input: input: expected object, received undefined'],
    ['models.byId without id', () => (caller.twin.models.byId as Untyped)({}), 'Invalid input: id: must be a UUID, got nothing'],
    ['models.byId with a number', () => (caller.twin.models.byId as Untyped)({ id: 5 }), 'Invalid input: id: must be a UUID, got 5'],
    ['elements.facets bad id', () => caller.twin.elements.facets({ modelId: '../../etc' }), 'Invalid input: modelId: must be a UUID, got "../../etc"'],
    ['elements.list limit 0', () => caller.twin.elements.list({ modelId, limit: 0 }), 'Invalid input: limit: must be an integer 1..500, got 0'],
    ['elements.list limit 1.5', () => caller.twin.elements.list({ modelId, limit: 1.5 }), 'Invalid input: limit: must be an integer 1..500, got 1.5'],
    ['elements.list limit NaN', () => caller.twin.elements.list({ modelId, limit: Number.NaN }), 'Invalid input: limit: must be an integer 1..500, got NaN'],
    ['elements.list limit "10"', () => (caller.twin.elements.list as Untyped)({ modelId, limit: '10' }), 'Invalid input: limit: must be an integer 1..500, got "10"'],
    ['elements.list offset -1', () => caller.twin.elements.list({ modelId, offset: -1 }), 'Invalid input: offset: must be an integer 0..9007199254740991, got -1'],
    ['elements.list blank q', () => caller.twin.elements.list({ modelId, q: '   ' }), 'Invalid input: q: must not be empty'],
    ['elements.list long q', () => caller.twin.elements.list({ modelId, q: 'x'.repeat(201) }), 'Invalid input: q: must be at most 200 characters, got 201'],
    ['elements.list NUL in q', () => caller.twin.elements.list({ modelId, q: 'a\u0000b' }), 'Invalid input: q: must not contain NUL (U+0000)'],
    ['elements.list NUL in ifcClass', () => caller.twin.elements.list({ modelId, ifcClass: 'IfcWall\u0000' }), 'Invalid input: ifcClass: must not contain NUL (U+0000)'],
    ['elements.list NUL in storey', () => caller.twin.elements.list({ modelId, storey: '\u0000' }), 'Invalid input: storey: must not contain NUL (U+0000)'],
    ['elements.list empty ifcClass', () => caller.twin.elements.list({ modelId, ifcClass: '' }), 'Invalid input: ifcClass: must not be empty'],
    ['elements.list ifcClass number', () => (caller.twin.elements.list as Untyped)({ modelId, ifcClass: 7 }), 'Invalid input: ifcClass: must be a string, got 7'],
    ['regions.list level', () => (caller.twin.regions.list as Untyped)({ level: 'town' }), 'Invalid input: level: must be province, city or county, got "town"'],
    ['regions.list parentCode', () => caller.twin.regions.list({ parentCode: '36' }), 'Invalid input: parentCode: must be a 6-digit admin code, got "36"'],
    ['regions.list null', () => (caller.twin.regions.list as Untyped)(null), 'Invalid input: input: expected object, received null'],
  ])('%s', async (_name, call, message) => {
    expect(await errorOf(call())).toMatchObject({ code: 'BAD_REQUEST', message });
  });

  it.each([
    ['21 characters', '0'.repeat(21)],
    ['23 characters', '0'.repeat(23)],
    ['a character outside the alphabet', `${'0'.repeat(21)}-`],
    ['a NUL', `${'0'.repeat(21)}\u0000`],
    ['first character above 3', `4${'0'.repeat(21)}`],
  ])('elements.byGlobalId refuses a GlobalId with %s', async (_name, globalId) => {
    const error = await errorOf(caller.twin.elements.byGlobalId({ globalId }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/^Invalid input: globalId: must be a 22-character IFC GlobalId/);
  });

  it('echoes at most 40 characters of a 100 kB value', async () => {
    const error = await errorOf(caller.twin.elements.byGlobalId({ globalId: 'x'.repeat(100_000) }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message.length).toBeLessThan(200);
    expect(error.message.endsWith(`got "${'x'.repeat(MAX_ECHOED_INPUT_CHARS - 1)}…`)).toBe(true);
  });

  it('accepts the edges: limit 1 and 500, a trimmed q, an upper-case UUID', async () => {
    expect(await caller.twin.elements.list({ modelId, limit: 1 })).toEqual({ items: [], total: 0 });
    expect(await caller.twin.elements.list({ modelId, limit: 500, q: '  wall  ' })).toEqual({ items: [], total: 0 });
    expect((await caller.twin.models.byId({ id: modelId.toUpperCase() })).id).toBe(modelId);
  });
});

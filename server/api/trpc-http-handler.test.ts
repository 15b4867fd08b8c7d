import { afterAll, describe, expect, it } from 'vitest';
import superjson from 'superjson';
import { connectTestDb } from '@server/db/test-database';
import { InvariantError } from '@kernel/errors';
import { INTERNAL_ERROR_MESSAGE } from './error-map';
import { ANONYMOUS_RATE_LIMIT } from './request-limits';
import { TRPC_MAX_BATCH_SIZE } from './trpc-http-config';
import { MAX_INPUT_DEPTH } from './trpc-input-check';
import { trpcHttpResponse, type TrpcHttpDeps } from './trpc-http-handler';
import { createRecordingLogger } from './recording-logger';

const connection = connectTestDb();
afterAll(() => connection.pool.end());
const logger = createRecordingLogger();
const errors = logger.errors;
const deps: TrpcHttpDeps = { getDb: () => connection.db, logger };

/** A GET of one procedure with a superjson-encoded input, as the browser's link sends it. */
function get(procedure: string, input?: unknown): Request {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  return new Request(`http://localhost/api/trpc/${procedure}${query}`);
}

/**
 * A superjson input whose `meta.referentialEqualities` make `levels` nested objects each hold its child twice:
 * about 2.7 KB of text for 24 levels, but 2^24 paths for anything that walks the deserialised value.
 */
function sharedInput(field: string, levels: number): { json: unknown; meta: unknown } {
  let nested: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) nested = { a: nested };
  const equalities: Record<string, string[]> = {};
  for (let k = 0; k < levels; k++) equalities[[field, ...Array<string>(k + 1).fill('a')].join('.')] = [[field, ...Array<string>(k).fill('a'), 'b'].join('.')];
  return { json: { [field]: nested }, meta: { referentialEqualities: equalities, v: 1 } };
}

/** A GET of one procedure with `input` sent as this exact JSON text. */
function getText(procedure: string, inputText: string): Request {
  return new Request(`http://localhost/api/trpc/${procedure}?input=${encodeURIComponent(inputText)}`);
}

/** A GET of one procedure with `input` sent as this exact (already superjson-shaped) JSON value. */
function getRaw(procedure: string, rawInput: unknown): Request {
  return getText(procedure, JSON.stringify(rawInput));
}

/** The JSON error envelope of a tRPC response. */
interface ErrorBody {
  error: { json: { message: string; data: { code: string; httpStatus: number; ganTwinCode: string | null; stack?: string } } };
}

describe('tRPC over HTTP (trpcHttpResponse)', () => {
  it('answers a query with superjson data (Dates survive)', async () => {
    const response = await trpcHttpResponse(get('twin.layers.list'), deps);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: unknown } };
    const layers = superjson.deserialize<{ updatedAt: Date }[]>(body.result.data as never);
    expect(Array.isArray(layers)).toBe(true);
  });

  it('answers bad input with 400, the field named, ganTwinCode INPUT and no stack', async () => {
    const response = await trpcHttpResponse(get('twin.models.byId', { id: '../../etc/passwd' }), deps);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.json.message).toBe('Invalid input: id: must be a UUID, got "../../etc/passwd"');
    expect(error.json.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, ganTwinCode: 'INPUT' });
    expect(error.json.data.stack).toBeUndefined();
  });

  it('answers malformed input JSON with 400 and a POST to a query with 405, no stack, nothing logged', async () => {
    errors.length = 0;
    const malformed = await trpcHttpResponse(new Request('http://localhost/api/trpc/twin.models.byId?input=%7B%22json%22%3A'), deps);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ErrorBody).error.json.data.stack).toBeUndefined();
    const post = await trpcHttpResponse(new Request('http://localhost/api/trpc/twin.models.list', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }), deps);
    expect(post.status).toBe(405);
    expect(errors).toEqual([]);
  });

  it('answers an unknown model with 404 and an unknown procedure with 404', async () => {
    const missing = await trpcHttpResponse(get('twin.models.byId', { id: '00000000-0000-4000-8000-000000000000' }), deps);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorBody).error.json.data.ganTwinCode).toBe('NOT_FOUND');
    expect((await trpcHttpResponse(get('twin.nothing.here'), deps)).status).toBe(404);
  });

  it('answers a database failure with 500 "Internal server error", no stack, and logs the real reason', async () => {
    errors.length = 0;
    const down: TrpcHttpDeps = {
      logger,
      getDb: () => {
        throw new InvariantError('env: DATABASE_URL is not set');
      },
    };
    const response = await trpcHttpResponse(get('twin.models.list'), down);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { json: { message: INTERNAL_ERROR_MESSAGE } } });
    expect(text).not.toContain('DATABASE_URL');
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^trpc: twin\.models\.list: /);
    expect(errors[0]).toContain('DATABASE_URL is not set');
  });

  it.each([
    ['twin.models.byId', 'id'],
    ['twin.regions.list', 'level'],
  ])('refuses a 24-level shared superjson input to %s with 400 naming referentialEqualities, without expanding it', async (procedure, field) => {
    const request = getRaw(procedure, sharedInput(field, 24));
    expect(request.url.length).toBeLessThan(4_000);
    const startMs = performance.now();
    const response = await trpcHttpResponse(request, deps);
    const elapsedMs = performance.now() - startMs;
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.json.message).toBe('Invalid input: superjson meta.referentialEqualities (shared objects) is not accepted; send each value in full');
    expect(error.json.data).toMatchObject({ code: 'BAD_REQUEST', ganTwinCode: 'INPUT' });
    // Expanded, the 24 levels are 2²⁴ copies: seconds and gigabytes. Refused, a few ms; 2 s leaves room for a loaded machine.
    expect(elapsedMs).toBeLessThan(2_000);
  });

  it('refuses shared superjson input in a mutation body and in a batch the same way', async () => {
    const post = await trpcHttpResponse(
      new Request('http://localhost/api/trpc/accounts.users.create', { method: 'POST', body: JSON.stringify(sharedInput('email', 24)), headers: { 'content-type': 'application/json' } }),
      deps,
    );
    expect(post.status).toBe(400);
    expect(((await post.json()) as ErrorBody).error.json.message).toContain('meta.referentialEqualities');
    const sharedBatch = new Request(
      `http://localhost/api/trpc/twin.layers.list,twin.models.byId?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: null }, 1: sharedInput('id', 3) }))}`,
    );
    const refused = await trpcHttpResponse(sharedBatch, deps);
    expect(refused.status).toBe(400);
    const bodies = (await refused.json()) as ErrorBody[];
    expect(bodies.map((b) => b.error.json.message)).toEqual(Array(2).fill('Invalid input: superjson meta.referentialEqualities (shared objects) is not accepted; send each value in full'));
  });

  it(`refuses input nested deeper than ${MAX_INPUT_DEPTH} levels, and superjson value types it does not need`, async () => {
    const levels = 10_000; // built as text: JSON.stringify itself recurses and overflows the stack here
    const tooDeep = await trpcHttpResponse(getText('twin.models.byId', `{"json":{"id":${'['.repeat(levels)}"x"${']'.repeat(levels)}}}`), deps);
    expect(tooDeep.status).toBe(400);
    expect(((await tooDeep.json()) as ErrorBody).error.json.message).toBe(`Invalid input: nested more than ${MAX_INPUT_DEPTH} levels deep`);
    for (const values of [{ id: ['class', 'Nope'] }, { id: [['class', 'Nope']] }, { id: ['set'] }, { id: 'Date' }]) {
      const response = await trpcHttpResponse(getRaw('twin.models.byId', { json: { id: 'x' }, meta: { values } }), deps);
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).error.json.message).toBe('Invalid input: superjson meta.values may only mark Date, undefined and number values');
    }
  });

  it('refuses a POST whose body is not JSON with 415 in our words (no echo of the header)', async () => {
    for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/x-www-form-urlencoded']) {
      const response = await trpcHttpResponse(new Request('http://localhost/api/trpc/accounts.users.create', { method: 'POST', body: 'a=b', headers: { 'content-type': type } }), deps);
      expect(response.status).toBe(415);
      expect(await response.text()).toBe('Send tRPC calls as JSON (Content-Type: application/json)');
    }
  });

  it('answers input superjson itself cannot apply with 400 in our words, not superjson\'s exception text', async () => {
    const response = await trpcHttpResponse(getRaw('twin.models.byId', { json: {}, meta: { values: { '__proto__.x': ['Date'] } } }), deps);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.json.message).toBe('Invalid input: the request could not be read');
  });

  it('still accepts the superjson the client sends: Dates, undefined and non-finite numbers', async () => {
    const response = await trpcHttpResponse(get('twin.regions.list', { level: undefined, parentCode: undefined }), deps);
    expect(response.status).toBe(200);
    const byId = await trpcHttpResponse(get('twin.models.byId', { id: new Date(0) }), deps);
    expect(((await byId.json()) as ErrorBody).error.json.message).toMatch(/^Invalid input: id: must be a UUID, got /);
    const elements = await trpcHttpResponse(get('twin.elements.list', { modelId: '00000000-0000-4000-8000-000000000000', limit: Number.NaN }), deps);
    expect(((await elements.json()) as ErrorBody).error.json.message).toMatch(/^Invalid input: limit: must be an integer 1\.\.\d+, got NaN$/);
  });

  it(`counts every call of a batch against the anonymous limit of ${ANONYMOUS_RATE_LIMIT.points} per ${ANONYMOUS_RATE_LIMIT.durationS} s`, async () => {
    const batch = () =>
      new Request(`http://localhost/api/trpc/${Array<string>(TRPC_MAX_BATCH_SIZE).fill('accounts.me').join(',')}?batch=1&input=%7B%7D`, {
        headers: { 'x-forwarded-for': '192.0.2.77' },
      });
    const fullBatches = Math.floor(ANONYMOUS_RATE_LIMIT.points / TRPC_MAX_BATCH_SIZE);
    const statuses: number[] = [];
    for (let i = 0; i <= fullBatches; i++) statuses.push((await trpcHttpResponse(batch(), deps)).status);
    expect(statuses).toEqual([...Array<number>(fullBatches).fill(200), 429]);
  });

  it(`refuses a batch of more than ${TRPC_MAX_BATCH_SIZE} calls with 400`, async () => {
    const batch = (n: number) => {
      const paths = Array.from({ length: n }, () => 'twin.layers.list').join(',');
      const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, {}]));
      return new Request(`http://localhost/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
    };
    expect((await trpcHttpResponse(batch(TRPC_MAX_BATCH_SIZE), deps)).status).toBe(200);
    expect((await trpcHttpResponse(batch(TRPC_MAX_BATCH_SIZE + 1), deps)).status).toBe(400);
  });
});

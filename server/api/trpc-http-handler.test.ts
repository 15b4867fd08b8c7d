import { afterAll, describe, expect, it } from 'vitest';
import superjson from 'superjson';
import { connectTestDb } from '@server/db/test-database';
import { InvariantError } from '@kernel/errors';
import { INTERNAL_ERROR_MESSAGE } from './error-map';
import { TRPC_MAX_BATCH_SIZE } from './trpc-http-config';
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

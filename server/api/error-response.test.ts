import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '@kernel/errors';
import { InputError, InvariantError } from '@kernel/errors';
import { INTERNAL_ERROR_MESSAGE } from './error-map';
import { errorResponse } from './error-response';
import { createRecordingLogger } from './recording-logger';
import { logInternalTrpcErrors } from './trpc-error-log';


describe('errorResponse', () => {
  it('answers input and not-found errors as 400/404 text with their message, without logging', async () => {
    const logger = createRecordingLogger();
    const bad = errorResponse('tiles', new InputError('tiles: model id must be a UUID, got "x"'), logger);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
    expect(await bad.text()).toBe('tiles: model id must be a UUID, got "x"');
    const missing = errorResponse('geo', new NotFoundError('geo: no GeoJSON layer x'), logger);
    expect([missing.status, await missing.text()]).toEqual([404, 'geo: no GeoJSON layer x']);
    expect(logger.errors).toEqual([]);
  });

  it('answers bugs and foreign errors as 500 with the message hidden, and logs the real one', async () => {
    const logger = createRecordingLogger();
    const bug = errorResponse('tiles', new InvariantError('env: DATABASE_URL is not set'), logger);
    expect([bug.status, await bug.text()]).toEqual([500, INTERNAL_ERROR_MESSAGE]);
    const foreign = errorResponse('geo', new Error('connect ECONNREFUSED 127.0.0.1:5432'), logger);
    expect([foreign.status, await foreign.text()]).toEqual([500, INTERNAL_ERROR_MESSAGE]);
    expect(logger.errors).toEqual(['tiles: env: DATABASE_URL is not set', 'geo: connect ECONNREFUSED 127.0.0.1:5432']);
  });
});

describe('logInternalTrpcErrors', () => {
  it('logs INTERNAL_SERVER_ERROR with the cause message and skips client errors', () => {
    const logger = createRecordingLogger();
    const onError = logInternalTrpcErrors(logger);
    onError({ error: new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new Error('relation "models" does not exist') }), path: 'twin.models.list' });
    onError({ error: new TRPCError({ code: 'BAD_REQUEST', message: 'Invalid input: id: must be a UUID' }), path: 'twin.models.byId' });
    onError({ error: new TRPCError({ code: 'NOT_FOUND', message: 'model x does not exist' }), path: undefined });
    expect(logger.errors).toEqual(['trpc: twin.models.list: relation "models" does not exist']);
  });
});

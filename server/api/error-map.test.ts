import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { NotFoundError, ScopeError } from '@kernel/errors';
import { InputError, InvariantError } from '@kernel/errors';
import { GeorefError } from '@tiling/index';
import { INTERNAL_ERROR_MESSAGE, formatErrorShape, httpStatusForError, publicMessageForError, toTrpcError } from './error-map';

describe('error map', () => {
  it('maps GanTwin error classes to tRPC codes and HTTP statuses', () => {
    expect(toTrpcError(new NotFoundError('model x does not exist'))).toMatchObject({ code: 'NOT_FOUND', message: 'model x does not exist' });
    expect(toTrpcError(new ScopeError('city 360100 only'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(toTrpcError(new GeorefError('EPSG:9999 unknown'))).toMatchObject({ code: 'BAD_REQUEST', message: 'EPSG:9999 unknown' });
    expect([new NotFoundError('a'), new InputError('b'), new ScopeError('c'), new InvariantError('d'), new Error('e')].map(httpStatusForError)).toEqual([
      404, 400, 403, 500, 500,
    ]);
  });

  it('unwraps a GanTwinError cause and hides the message of bugs', () => {
    const wrapped = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new InvariantError('tileDepth must be ≥ 0, got -1') });
    const mapped = toTrpcError(wrapped);
    expect(mapped).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: INTERNAL_ERROR_MESSAGE });
    expect(publicMessageForError(new InvariantError('secret detail'))).toBe(INTERNAL_ERROR_MESSAGE);
    const plain = new Error('x');
    expect(toTrpcError(plain)).toBe(plain);
  });

  it('formatErrorShape drops stacks, hides internal messages and adds ganTwinCode', () => {
    const shape = { message: 'db password wrong', code: -32603, data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, stack: 'at …' } };
    const error = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new Error('db password wrong') });
    expect(formatErrorShape(shape, error)).toEqual({
      message: INTERNAL_ERROR_MESSAGE,
      code: -32603,
      data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, ganTwinCode: null },
    });
    const notFound = new TRPCError({ code: 'NOT_FOUND', message: 'm', cause: new NotFoundError('m') });
    expect(formatErrorShape({ message: 'm', data: { code: 'NOT_FOUND' } }, notFound).data).toEqual({ code: 'NOT_FOUND', ganTwinCode: 'NOT_FOUND' });
  });

  it('formatErrorShape never passes on the text of a foreign exception behind a 4xx (JSON.parse, superjson …)', () => {
    for (const cause of [new SyntaxError('Unexpected end of JSON input'), new Error('__proto__ is not allowed as a property'), new RangeError('Maximum call stack size exceeded')]) {
      const error = new TRPCError({ code: 'BAD_REQUEST', cause });
      expect(error.message).toBe(cause.message); // what tRPC itself would send
      expect(formatErrorShape({ message: error.message, data: { code: 'BAD_REQUEST', httpStatus: 400 } }, error).message).toBe('Invalid input: the request could not be read');
    }
    const ours = new TRPCError({ code: 'BAD_REQUEST', message: 'Invalid input: id: must be a UUID, got "x"', cause: new InputError('Invalid input: id: must be a UUID, got "x"') });
    expect(formatErrorShape({ message: ours.message, data: { code: 'BAD_REQUEST' } }, ours).message).toBe('Invalid input: id: must be a UUID, got "x"');
    const tRpcOwn = new TRPCError({ code: 'BAD_REQUEST', message: 'Batch call exceeds maximum size' });
    expect(formatErrorShape({ message: tRpcOwn.message, data: { code: 'BAD_REQUEST' } }, tRpcOwn).message).toBe('Batch call exceeds maximum size');
  });

  it('maps a unique violation (PostgreSQL 23505) of a listed index to CONFLICT; other database errors stay 500', () => {
    const violation = (constraint: string) => Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505', constraint });
    const thrown = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new Error('Failed query: insert into …', { cause: violation('accounts_users_email_key') }) });
    expect(toTrpcError(thrown)).toMatchObject({ code: 'CONFLICT', message: 'email: this address already has an account' });
    expect(httpStatusForError(violation('accounts_users_email_key'))).toBe(409);
    expect(httpStatusForError(violation('accounts_sessions_token_key'))).toBe(500);
    expect(httpStatusForError(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(500);
  });
});

import { describe, expect, it } from 'vitest';
import { adminFailure } from './admin-error';

describe('adminFailure', () => {
  it('tells an e-mail conflict on create from a refused update', () => {
    const error = { code: 'CONFLICT', ganTwinCode: 'CONFLICT', message: 'email: a@b.cn already has an account' };
    expect(adminFailure('create', error)).toEqual({ key: 'accounts.error.emailTaken', params: { message: error.message } });
    expect(adminFailure('update', { ...error, message: 'You cannot change your own role or region' }).key).toBe('accounts.error.conflict');
    expect(adminFailure('disable', { ...error, message: 'You cannot disable your own account' }).key).toBe('accounts.error.conflict');
  });
  it('names scope, missing accounts, bad input and anything else', () => {
    expect(adminFailure('create', { code: 'FORBIDDEN', ganTwinCode: 'SCOPE', message: 'regionCode: 360400 lies outside your region 360100' }).key).toBe('accounts.error.outOfScope');
    expect(adminFailure('resetPassword', { code: 'NOT_FOUND', ganTwinCode: 'NOT_FOUND', message: 'account x does not exist' })).toEqual({ key: 'accounts.error.notFound' });
    expect(adminFailure('create', { code: 'BAD_REQUEST', ganTwinCode: 'INPUT', message: 'email: must be an e-mail address' }).key).toBe('accounts.error.invalid');
    expect(adminFailure('enable', { code: null, ganTwinCode: null, message: 'Failed to fetch' })).toEqual({ key: 'accounts.error.other', params: { message: 'Failed to fetch' } });
  });
});

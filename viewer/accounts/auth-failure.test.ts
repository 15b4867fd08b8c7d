import { describe, expect, it } from 'vitest';
import { passwordChangeFailure, retryAfterSeconds, signInFailure, type AuthResponseSummary } from './auth-failure';

const base: AuthResponseSummary = { status: 0, code: null, message: '', retryAfter: null };
const NOW_MS = Date.parse('2026-11-30T08:00:00Z');

describe('retryAfterSeconds', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(retryAfterSeconds('42')).toBe(42);
    expect(retryAfterSeconds(' 0 ')).toBe(1);
    expect(retryAfterSeconds('Mon, 30 Nov 2026 08:01:30 GMT', NOW_MS)).toBe(90);
    expect(retryAfterSeconds('999999999')).toBe(24 * 3600);
  });
  it('gives null for absent or unreadable values', () => {
    expect(retryAfterSeconds(null)).toBeNull();
    expect(retryAfterSeconds('soon')).toBeNull();
  });
});

describe('signInFailure', () => {
  it('maps each status of the sign-in contract', () => {
    expect(signInFailure(base).key).toBe('signIn.error.network');
    expect(signInFailure({ ...base, status: 401, code: 'INVALID_EMAIL_OR_PASSWORD' }).key).toBe('signIn.error.wrongPassword');
    expect(signInFailure({ ...base, status: 403, code: 'ACCOUNT_DISABLED' }).key).toBe('signIn.error.disabled');
    expect(signInFailure({ ...base, status: 403, message: 'Cross-origin request refused' }).key).toBe('signIn.error.forbidden');
    expect(signInFailure({ ...base, status: 429, retryAfter: '37' })).toEqual({ key: 'signIn.error.throttled', params: { seconds: 37 } });
    expect(signInFailure({ ...base, status: 429 }).key).toBe('signIn.error.throttledNoTime');
    expect(signInFailure({ ...base, status: 500, message: 'boom' })).toEqual({ key: 'signIn.error.other', params: { status: 500, message: 'boom' } });
  });
});

describe('passwordChangeFailure', () => {
  it('maps wrong current password, lost session, throttling and network errors', () => {
    expect(passwordChangeFailure({ ...base, status: 400, code: 'INVALID_PASSWORD' }).key).toBe('password.error.wrongCurrent');
    expect(passwordChangeFailure({ ...base, status: 401 }).key).toBe('password.error.signedOut');
    expect(passwordChangeFailure({ ...base, status: 429, retryAfter: '5' })).toEqual({ key: 'password.error.throttled', params: { seconds: 5 } });
    expect(passwordChangeFailure(base).key).toBe('password.error.network');
    expect(passwordChangeFailure({ ...base, status: 400, code: 'PASSWORD_TOO_SHORT', message: 'Password too short' }).params).toEqual({ status: 400, message: 'Password too short' });
  });
});

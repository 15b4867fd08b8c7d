import { describe, expect, it } from 'vitest';
import { passwordDraftProblem, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS } from './password-rules';

const ok = { currentPassword: 'one-time-pw', newPassword: 'a-new-secret-1', confirmPassword: 'a-new-secret-1' };

describe('passwordDraftProblem', () => {
  it('accepts a valid draft', () => {
    expect(passwordDraftProblem(ok)).toBeNull();
    const min = 'x'.repeat(PASSWORD_MIN_CHARS);
    expect(passwordDraftProblem({ ...ok, newPassword: min, confirmPassword: min })).toBeNull();
    const max = 'y'.repeat(PASSWORD_MAX_CHARS);
    expect(passwordDraftProblem({ ...ok, newPassword: max, confirmPassword: max })).toBeNull();
  });

  it('names the first problem', () => {
    expect(passwordDraftProblem({ ...ok, currentPassword: '' })?.key).toBe('password.error.currentMissing');
    const short = 'x'.repeat(PASSWORD_MIN_CHARS - 1);
    expect(passwordDraftProblem({ ...ok, newPassword: short, confirmPassword: short })).toEqual({ key: 'password.error.tooShort', params: { min: 10 } });
    const long = 'y'.repeat(PASSWORD_MAX_CHARS + 1);
    expect(passwordDraftProblem({ ...ok, newPassword: long, confirmPassword: long })).toEqual({ key: 'password.error.tooLong', params: { max: 128 } });
    expect(passwordDraftProblem({ ...ok, confirmPassword: 'a-new-secret-2' })?.key).toBe('password.error.mismatch');
    expect(passwordDraftProblem({ currentPassword: 'same-secret-1', newPassword: 'same-secret-1', confirmPassword: 'same-secret-1' })?.key).toBe('password.error.same');
  });
});

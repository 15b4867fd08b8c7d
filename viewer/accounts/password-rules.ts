/**
 * The new-password rule the form checks before sending (the server checks it again): length
 * {@link PASSWORD_MIN_CHARS}..{@link PASSWORD_MAX_CHARS}, typed twice alike, different from the current one.
 * The limits mirror `MIN_PASSWORD_LENGTH`/`MAX_PASSWORD_LENGTH` of server/accounts/password.ts.
 */
import type { FailureMessage } from './auth-failure';

/** Shortest accepted password, characters (UTF-16 code units, as the server counts). */
export const PASSWORD_MIN_CHARS = 10;
/** Longest accepted password, characters. */
export const PASSWORD_MAX_CHARS = 128;

/** What the password form holds. */
export interface PasswordChangeDraft {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** The first problem of a draft, or `null` when it may be sent. */
export function passwordDraftProblem(draft: PasswordChangeDraft): FailureMessage | null {
  if (draft.currentPassword.length === 0) return { key: 'password.error.currentMissing' };
  if (draft.newPassword.length < PASSWORD_MIN_CHARS) return { key: 'password.error.tooShort', params: { min: PASSWORD_MIN_CHARS } };
  if (draft.newPassword.length > PASSWORD_MAX_CHARS) return { key: 'password.error.tooLong', params: { max: PASSWORD_MAX_CHARS } };
  if (draft.newPassword !== draft.confirmPassword) return { key: 'password.error.mismatch' };
  if (draft.newPassword === draft.currentPassword) return { key: 'password.error.same' };
  return null;
}

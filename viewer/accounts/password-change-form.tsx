/**
 * The password change form: current password and the new one twice. Checks the rule of password-rules.ts
 * before calling `onSubmit`; the page sends the request and passes back `busy`, `error` and `done`.
 */
import { useState, type FormEvent } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { ACCOUNTS_MESSAGES } from './messages';
import { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS, passwordDraftProblem } from './password-rules';

/** Props of {@link PasswordChangeForm}. */
export interface PasswordChangeFormProps {
  locale: Locale;
  busy: boolean;
  /** The server's refusal, already translated. */
  error: string | null;
  /** True once the change succeeded (the form shows the redirect note). */
  done: boolean;
  onSubmit: (change: { currentPassword: string; newPassword: string }) => void;
}

/** The password form (see module doc). */
export function PasswordChangeForm({ locale, busy, error, done, onSubmit }: PasswordChangeFormProps) {
  const t = createTranslator(ACCOUNTS_MESSAGES, locale);
  const [draft, setDraft] = useState({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || done) return;
    const found = passwordDraftProblem(draft);
    setProblem(found ? t(found.key, found.params) : null);
    if (!found) onSubmit({ currentPassword: draft.currentPassword, newPassword: draft.newPassword });
  };
  const field = (name: keyof typeof draft, label: string, autoComplete: string) => (
    <label className="gt-field">
      <span className="gt-field__label">{label}</span>
      <input
        className="gt-input" type="password" name={name} autoComplete={autoComplete} required maxLength={PASSWORD_MAX_CHARS + 1}
        value={draft[name]} onChange={(event) => setDraft((previous) => ({ ...previous, [name]: event.target.value }))}
      />
    </label>
  );
  const shown = problem ?? error;
  return (
    <form className="gt-form" onSubmit={submit} noValidate data-testid="password-form">
      {field('currentPassword', t('password.current'), 'current-password')}
      {field('newPassword', t('password.new'), 'new-password')}
      {field('confirmPassword', t('password.confirm'), 'new-password')}
      <p className="gt-form__hint">{t('password.hint', { min: PASSWORD_MIN_CHARS, max: PASSWORD_MAX_CHARS })}</p>
      {shown ? <p className="gt-form__error" role="alert" data-testid="password-error">{shown}</p> : null}
      {done ? <p className="gt-form__ok" role="status">{t('password.done')}</p> : null}
      <button type="submit" className="gt-button gt-button--primary gt-button--block" disabled={busy || done}>
        {busy ? t('password.busy') : t('password.submit')}
      </button>
    </form>
  );
}

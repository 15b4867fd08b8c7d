/**
 * The e-mail + password sign-in form. Stateless about the network: the page sends the credentials and passes
 * back `busy` and the error text. Native `required`/`type=email` checks apply before `onSubmit`.
 */
import { useState, type FormEvent } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { ACCOUNTS_MESSAGES } from './messages';

/** Props of {@link SignInForm}. */
export interface SignInFormProps {
  locale: Locale;
  busy: boolean;
  /** The last failure, already translated. */
  error: string | null;
  onSubmit: (credentials: { email: string; password: string }) => void;
}

/** Longest e-mail accepted by the server, characters (RFC 5321). */
const EMAIL_MAX_CHARS = 254;

/** The sign-in form (see module doc). */
export function SignInForm({ locale, busy, error, onSubmit }: SignInFormProps) {
  const t = createTranslator(ACCOUNTS_MESSAGES, locale);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit({ email: email.trim(), password });
  };
  return (
    <form className="gt-form" onSubmit={submit} noValidate={false} data-testid="sign-in-form">
      <label className="gt-field">
        <span className="gt-field__label">{t('field.email')}</span>
        <input
          className="gt-input" type="email" name="email" autoComplete="username" required maxLength={EMAIL_MAX_CHARS}
          value={email} onChange={(event) => setEmail(event.target.value)} autoFocus
        />
      </label>
      <label className="gt-field">
        <span className="gt-field__label">{t('field.password')}</span>
        <input
          className="gt-input" type="password" name="password" autoComplete="current-password" required maxLength={128}
          value={password} onChange={(event) => setPassword(event.target.value)}
        />
      </label>
      {error ? <p className="gt-form__error" role="alert" data-testid="sign-in-error">{error}</p> : null}
      <button type="submit" className="gt-button gt-button--primary gt-button--block" disabled={busy}>
        {busy ? t('signIn.busy') : t('signIn.submit')}
      </button>
    </form>
  );
}

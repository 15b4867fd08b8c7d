'use client';
/**
 * The password page's client part: posts the change (other sessions are revoked), translates failures, and
 * on success goes on to `next` with a full page load.
 */
import { useState } from 'react';
import { AuthCard } from '@viewer/accounts/auth-card';
import { passwordChangeFailure } from '@viewer/accounts/auth-failure';
import { ACCOUNTS_MESSAGES } from '@viewer/accounts/messages';
import { PasswordChangeForm } from '@viewer/accounts/password-change-form';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { ACCOUNT_PATHS } from '../../accounts/account-paths';
import { changePassword } from '../../accounts/auth-requests';
import { LocaleControl } from '../../accounts/locale-control';

/** Props of {@link PasswordApp}. */
export interface PasswordAppProps {
  locale: Locale;
  /** Where to go afterwards, already checked by `safeNextPath`. */
  next: string;
  /** True while a one-time password is pending (the page explains why it is shown). */
  mustChange: boolean;
}

/** Pause on the success note before leaving, ms. */
const DONE_PAUSE_MS = 600;

/** The password page (see module doc). */
export function PasswordApp({ locale, next, mustChange }: PasswordAppProps) {
  const t = createTranslator(ACCOUNTS_MESSAGES, locale);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async ({ currentPassword, newPassword }: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    setError(null);
    const result = await changePassword(currentPassword, newPassword);
    setBusy(false);
    if (!result.ok) {
      const failure = passwordChangeFailure(result);
      setError(t(failure.key, failure.params));
      return;
    }
    setDone(true);
    window.setTimeout(() => window.location.assign(next), DONE_PAUSE_MS);
  };

  return (
    <AuthCard
      productName={t('auth.productName')}
      title={t('password.title')}
      lead={
        mustChange ? <p className="gt-auth__notice" data-testid="must-change-password">{t('password.mustChange')}</p> : t('password.subtitle')
      }
      footer={
        <>
          {mustChange ? <span /> : <a className="gt-link" href={ACCOUNT_PATHS.twin}>← {t('auth.backToTwin')}</a>}
          <LocaleControl locale={locale} />
        </>
      }
    >
      <PasswordChangeForm locale={locale} busy={busy} error={error} done={done} onSubmit={onSubmit} />
    </AuthCard>
  );
}

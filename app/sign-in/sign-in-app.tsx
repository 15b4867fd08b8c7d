'use client';
/**
 * The sign-in page's client part: posts the credentials, translates failures (wrong password, disabled,
 * throttled, network), then asks `accounts.me` whether the one-time password must be changed first and goes
 * on with a full page load (so every server component sees the new session cookie).
 */
import { useState } from 'react';
import { AuthCard } from '@viewer/accounts/auth-card';
import { signInFailure } from '@viewer/accounts/auth-failure';
import { ACCOUNTS_MESSAGES } from '@viewer/accounts/messages';
import { NEXT_QUERY_PARAM } from '@viewer/accounts/safe-next-path';
import { SignInForm } from '@viewer/accounts/sign-in-form';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { ACCOUNT_PATHS } from '../accounts/account-paths';
import { signInWithEmail } from '../accounts/auth-requests';
import { LocaleControl } from '../accounts/locale-control';
import { useTRPCClient } from '../providers';

/** Props of {@link SignInApp}. */
export interface SignInAppProps {
  locale: Locale;
  /** Where to go after signing in, already checked by `safeNextPath`. */
  next: string;
}

/** The sign-in page (see module doc). */
export function SignInApp({ locale, next }: SignInAppProps) {
  const t = createTranslator(ACCOUNTS_MESSAGES, locale);
  const trpcClient = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async ({ email, password }: { email: string; password: string }) => {
    setBusy(true);
    setError(null);
    const result = await signInWithEmail(email, password);
    if (!result.ok) {
      const failure = signInFailure(result);
      setError(t(failure.key, failure.params));
      setBusy(false);
      return;
    }
    try {
      const me = await trpcClient.accounts.me.query();
      window.location.assign(
        me?.mustChangePassword ? `${ACCOUNT_PATHS.changePassword}?${new URLSearchParams({ [NEXT_QUERY_PARAM]: next })}` : next,
      );
    } catch {
      // Signed in, but the check failed: the password page (or the procedures) will redirect if needed.
      window.location.assign(next);
    }
  };

  return (
    <AuthCard
      productName={t('auth.productName')}
      title={t('signIn.title')}
      lead={t('signIn.subtitle')}
      footer={
        <>
          <a className="gt-link" href={ACCOUNT_PATHS.twin}>← {t('auth.backToTwin')}</a>
          <LocaleControl locale={locale} />
        </>
      }
    >
      <SignInForm locale={locale} busy={busy} error={error} onSubmit={onSubmit} />
    </AuthCard>
  );
}

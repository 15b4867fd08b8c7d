/**
 * Shows a one-time password once (viewer/ui/shown-once-dialog.tsx) with the accounts' wording: a new account or a
 * reset, the account's e-mail, and that it must be changed at first sign-in.
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { ShownOnceDialog } from '@viewer/ui/shown-once-dialog';
import { ACCOUNTS_MESSAGES } from './messages';

/** Props of {@link OneTimePasswordDialog}. */
export interface OneTimePasswordDialogProps {
  locale: Locale;
  /** Why it was issued: a new account or a reset. */
  reason: 'created' | 'reset';
  email: string;
  oneTimePassword: string;
  onClose: () => void;
}

/** The dialog (see module doc). */
export function OneTimePasswordDialog({ locale, reason, email, oneTimePassword, onClose }: OneTimePasswordDialogProps) {
  const t = createTranslator(ACCOUNTS_MESSAGES, locale);
  const text = {
    title: reason === 'created' ? t('otp.titleCreated') : t('otp.titleReset'),
    subject: t('otp.forAccount', { email }),
    label: t('otp.label'),
    warning: t('otp.warning'),
    copy: t('otp.copy'),
    copied: t('otp.copied'),
    copyFailed: t('otp.copyFailed'),
    close: t('otp.close'),
  };
  return <ShownOnceDialog text={text} value={oneTimePassword} onClose={onClose} testIdPrefix="otp" />;
}

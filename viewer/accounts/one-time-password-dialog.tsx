/**
 * Shows a one-time password once: a modal `<dialog>` with the password, a copy button and the warning that it
 * cannot be shown again. The caller forgets the password when `onClose` runs.
 */
import { useEffect, useRef, useState } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
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

type CopyState = 'idle' | 'copied' | 'failed';

/** The dialog (see module doc). */
export function OneTimePasswordDialog({ locale, reason, email, oneTimePassword, onClose }: OneTimePasswordDialogProps) {
  const t = createTranslator(ACCOUNTS_MESSAGES, locale);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const passwordRef = useRef<HTMLElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(oneTimePassword);
      setCopy('copied');
    } catch {
      // No clipboard permission (or an insecure context): select the text so that Ctrl+C works.
      const node = passwordRef.current;
      if (node) window.getSelection()?.selectAllChildren(node);
      setCopy('failed');
    }
  };
  return (
    <dialog ref={dialogRef} className="gt-dialog" aria-labelledby="gt-otp-title" onCancel={(event) => { event.preventDefault(); }} data-testid="otp-dialog">
      <h2 className="gt-dialog__title" id="gt-otp-title">{reason === 'created' ? t('otp.titleCreated') : t('otp.titleReset')}</h2>
      <p className="gt-dialog__text">{t('otp.forAccount', { email })}</p>
      <div className="gt-otp">
        <span className="gt-otp__label">{t('otp.label')}</span>
        <code className="gt-otp__value" ref={passwordRef} data-testid="otp-value">{oneTimePassword}</code>
        <button type="button" className="gt-button gt-button--small" onClick={onCopy}>
          {copy === 'copied' ? t('otp.copied') : t('otp.copy')}
        </button>
      </div>
      {copy === 'failed' ? <p className="gt-form__error">{t('otp.copyFailed')}</p> : null}
      <p className="gt-dialog__warning" role="note">{t('otp.warning')}</p>
      <div className="gt-dialog__actions">
        <button type="button" className="gt-button gt-button--primary" onClick={onClose} data-testid="otp-close">
          {t('otp.close')}
        </button>
      </div>
    </dialog>
  );
}

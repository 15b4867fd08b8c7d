/**
 * Shows a secret once (a one-time password, a device's ingest token): a modal `<dialog>` with the value, a copy
 * button and the warning that it cannot be shown again. Escape does not close it: only the close button, after
 * which the caller forgets the value. Text comes from the caller (its plate's messages).
 */
import { useEffect, useRef, useState } from 'react';

/** The dialog's text, in the page's locale. */
export interface ShownOnceText {
  title: string;
  /** One line under the title (whose secret it is). */
  subject: string;
  label: string;
  warning: string;
  copy: string;
  copied: string;
  copyFailed: string;
  close: string;
}

/** Props of {@link ShownOnceDialog}. */
export interface ShownOnceDialogProps {
  text: ShownOnceText;
  value: string;
  onClose: () => void;
  /** Prefix of the `data-testid`s: `<prefix>-dialog`, `<prefix>-value`, `<prefix>-close`. */
  testIdPrefix: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

/** The dialog (see module doc). */
export function ShownOnceDialog({ text, value, onClose, testIdPrefix }: ShownOnceDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const valueRef = useRef<HTMLElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      // No clipboard permission (or an insecure context): select the text so that Ctrl+C works.
      const node = valueRef.current;
      if (node) window.getSelection()?.selectAllChildren(node);
      setCopy('failed');
    }
  };
  const titleId = `gt-${testIdPrefix}-title`;
  return (
    <dialog ref={dialogRef} className="gt-dialog" aria-labelledby={titleId} onCancel={(event) => { event.preventDefault(); }} data-testid={`${testIdPrefix}-dialog`}>
      <h2 className="gt-dialog__title" id={titleId}>{text.title}</h2>
      <p className="gt-dialog__text">{text.subject}</p>
      <div className="gt-otp">
        <span className="gt-otp__label">{text.label}</span>
        <code className="gt-otp__value" ref={valueRef} data-testid={`${testIdPrefix}-value`}>{value}</code>
        <button type="button" className="gt-button gt-button--small" onClick={onCopy}>
          {copy === 'copied' ? text.copied : text.copy}
        </button>
      </div>
      {copy === 'failed' ? <p className="gt-form__error">{text.copyFailed}</p> : null}
      <p className="gt-dialog__warning" role="note">{text.warning}</p>
      <div className="gt-dialog__actions">
        <button type="button" className="gt-button gt-button--primary" onClick={onClose} data-testid={`${testIdPrefix}-close`}>
          {text.close}
        </button>
      </div>
    </dialog>
  );
}

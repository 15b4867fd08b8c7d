/**
 * The "new account" form: e-mail, name, role and region. The page creates the account and shows its one-time
 * password; after a success it bumps `resetKey` so the form clears.
 */
import { useState, type FormEvent } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { ACCOUNT_ROLES, type AccountRole } from './account-role';
import { ACCOUNTS_MESSAGES } from './messages';
import type { RegionOption } from '@viewer/ui/region-options';
import { RegionSelect } from '@viewer/ui/region-select';

/** What the form submits (the shape of `accounts.users.create`'s input). */
export interface NewAccount {
  email: string;
  name: string;
  role: AccountRole;
  regionCode: string;
}

/** Props of {@link UserCreateForm}. */
export interface UserCreateFormProps {
  locale: Locale;
  regions: readonly RegionOption[];
  busy: boolean;
  error: string | null;
  onCreate: (account: NewAccount) => void;
}

/** Longest name and e-mail the server accepts, characters (server/accounts/inputs.ts). */
const NAME_MAX_CHARS = 64;
const EMAIL_MAX_CHARS = 254;

/** The form (see module doc). Remount it (React `key`) to clear it. */
export function UserCreateForm({ locale, regions, busy, error, onCreate }: UserCreateFormProps) {
  const t = createTranslator(ACCOUNTS_MESSAGES, locale);
  const [draft, setDraft] = useState<NewAccount>({ email: '', name: '', role: 'planner', regionCode: '' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onCreate({ ...draft, email: draft.email.trim(), name: draft.name.trim() });
  };
  return (
    <form className="gt-card gt-create" onSubmit={submit} data-testid="create-account-form" aria-labelledby="gt-create-title">
      <h2 className="gt-card__title" id="gt-create-title">{t('accounts.create.title')}</h2>
      <div className="gt-create__fields">
        <label className="gt-field">
          <span className="gt-field__label">{t('field.email')}</span>
          <input
            className="gt-input" type="email" name="email" required maxLength={EMAIL_MAX_CHARS} autoComplete="off"
            value={draft.email} onChange={(event) => setDraft({ ...draft, email: event.target.value })}
          />
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('field.name')}</span>
          <input
            className="gt-input" name="name" required maxLength={NAME_MAX_CHARS} autoComplete="off"
            value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })}
          />
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('field.role')}</span>
          <select className="gt-input" name="role" value={draft.role} onChange={(event) => setDraft({ ...draft, role: event.target.value as AccountRole })}>
            {ACCOUNT_ROLES.map((role) => (
              <option key={role} value={role}>{t(`role.${role}`)}</option>
            ))}
          </select>
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('field.region')}</span>
          <RegionSelect
            options={regions} value={draft.regionCode} onChange={(regionCode) => setDraft({ ...draft, regionCode })}
            placeholder={t('accounts.create.regionPlaceholder')} label={t('field.region')} name="regionCode" required
          />
        </label>
        <button type="submit" className="gt-button gt-button--primary gt-create__submit" disabled={busy}>
          {busy ? t('accounts.create.busy') : t('accounts.create.submit')}
        </button>
      </div>
      {error ? <p className="gt-form__error" role="alert" data-testid="create-error">{error}</p> : null}
    </form>
  );
}

'use client';
/**
 * The accounts page's client part: search, the accounts table, the "new account" form and the one-time
 * password dialog, wired to `accounts.users.*` and `twin.regions.list`.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';
import { adminFailure, type AdminCall } from '@viewer/accounts/admin-error';
import { ACCOUNTS_MESSAGES } from '@viewer/accounts/messages';
import { OneTimePasswordDialog } from '@viewer/accounts/one-time-password-dialog';
import { regionOptions } from '@viewer/ui/region-options';
import { UserCreateForm, type NewAccount } from '@viewer/accounts/user-create-form';
import { UsersTable, type UserRow } from '@viewer/accounts/users-table';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import type { AccountRole } from '@viewer/accounts/account-role';
import { adminCallError } from '../../accounts/trpc-failure';
import { useTRPC } from '../../providers';

/** Props of {@link AccountsAdminApp}. */
export interface AccountsAdminAppProps {
  locale: Locale;
  currentUserId: string;
  /** The admin's region (the scope it manages). */
  scopeRegionCode: string;
  scopeRegionName: string;
}

/** A one-time password waiting to be shown (kept only until the dialog closes). */
interface IssuedPassword {
  reason: 'created' | 'reset';
  email: string;
  oneTimePassword: string;
}

/** The accounts page (see module doc). */
export function AccountsAdminApp({ locale, currentUserId, scopeRegionCode, scopeRegionName }: AccountsAdminAppProps) {
  const t = createTranslator(ACCOUNTS_MESSAGES, locale);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const usersQuery = useQuery({
    ...trpc.accounts.users.list.queryOptions(q ? { q } : {}, { staleTime: 0 }),
    placeholderData: keepPreviousData,
  });
  const regionsQuery = useQuery(trpc.twin.regions.list.queryOptions({}));
  const regions = useMemo(() => regionOptions(regionsQuery.data ?? [], scopeRegionCode), [regionsQuery.data, scopeRegionCode]);

  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const [createError, setCreateError] = useState<string | null>(null);
  const [createFormKey, setCreateFormKey] = useState(0);
  const [rowNote, setRowNote] = useState<{ text: string; isError: boolean } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const refreshUsers = () => queryClient.invalidateQueries({ queryKey: trpc.accounts.users.list.pathKey() });
  const describe = (call: AdminCall, error: unknown) => {
    const failure = adminFailure(call, adminCallError(error));
    return t(failure.key, failure.params);
  };

  const createMutation = useMutation(trpc.accounts.users.create.mutationOptions());
  const updateMutation = useMutation(trpc.accounts.users.update.mutationOptions());
  const disableMutation = useMutation(trpc.accounts.users.disable.mutationOptions());
  const enableMutation = useMutation(trpc.accounts.users.enable.mutationOptions());
  const resetMutation = useMutation(trpc.accounts.users.resetPassword.mutationOptions());

  const onCreate = async (account: NewAccount) => {
    setCreateError(null);
    try {
      const result = await createMutation.mutateAsync(account);
      setIssued({ reason: 'created', email: result.user.email, oneTimePassword: result.oneTimePassword });
      setCreateFormKey((key) => key + 1);
      await refreshUsers();
    } catch (error) {
      setCreateError(describe('create', error));
    }
  };

  /** Runs one row action with its busy state and outcome note. */
  const runRowAction = async (user: UserRow, call: AdminCall, action: () => Promise<unknown>) => {
    setBusyId(user.id);
    setRowNote(null);
    try {
      await action();
      if (call !== 'resetPassword') setRowNote({ text: t('accounts.saved', { email: user.email }), isError: false });
      await refreshUsers();
    } catch (error) {
      setRowNote({ text: describe(call, error), isError: true });
    } finally {
      setBusyId(null);
    }
  };

  const onUpdate = (id: string, change: { role?: AccountRole; regionCode?: string }) => {
    const user = usersQuery.data?.find((candidate) => candidate.id === id);
    if (user) void runRowAction(user, 'update', () => updateMutation.mutateAsync({ id, ...change }));
  };
  const onSetDisabled = (user: UserRow, disabled: boolean) => {
    if (disabled && !window.confirm(t('accounts.confirmDisable', { email: user.email }))) return;
    void runRowAction(user, disabled ? 'disable' : 'enable', () =>
      disabled ? disableMutation.mutateAsync({ id: user.id }) : enableMutation.mutateAsync({ id: user.id }),
    );
  };
  const onResetPassword = (user: UserRow) => {
    if (!window.confirm(t('accounts.confirmReset', { email: user.email }))) return;
    void runRowAction(user, 'resetPassword', async () => {
      const result = await resetMutation.mutateAsync({ id: user.id });
      setIssued({ reason: 'reset', email: result.user.email, oneTimePassword: result.oneTimePassword });
    });
  };

  const users = usersQuery.data ?? [];
  return (
    <div className="gt-admin__page">
      <div className="gt-admin__heading">
        <h1 className="gt-admin__title">{t('accounts.pageTitle')}</h1>
        <span className="gt-admin__scope">{t('accounts.scope', { region: scopeRegionName })}</span>
      </div>
      <UserCreateForm
        key={createFormKey} locale={locale} regions={regions} busy={createMutation.isPending} error={createError} onCreate={onCreate}
      />
      {regionsQuery.error ? <p className="gt-form__error" role="alert">{t('accounts.regionsError', { message: regionsQuery.error.message })}</p> : null}
      <section className="gt-card" aria-label={t('accounts.pageTitle')}>
        <div className="gt-toolbar">
          <input
            className="gt-input gt-toolbar__search" type="search" placeholder={t('accounts.search')} aria-label={t('accounts.searchLabel')}
            value={search} maxLength={100} onChange={(event) => setSearch(event.target.value)} data-testid="accounts-search"
          />
          <span className="gt-toolbar__count">{usersQuery.data ? t('accounts.count', { count: users.length }) : ''}</span>
          {rowNote ? (
            <span className={rowNote.isError ? 'gt-form__error gt-toolbar__note' : 'gt-form__ok gt-toolbar__note'} role={rowNote.isError ? 'alert' : 'status'} data-testid="row-note">
              {rowNote.text}
            </span>
          ) : null}
        </div>
        {usersQuery.error ? <p className="gt-form__error" role="alert">{t('accounts.loadError', { message: usersQuery.error.message })}</p> : null}
        {usersQuery.isPending ? <p className="gt-panel__message">{t('accounts.loading')}</p> : null}
        {usersQuery.data && users.length === 0 ? <p className="gt-panel__message">{t('accounts.empty')}</p> : null}
        {users.length > 0 ? (
          <div className="gt-table-wrap">
            <UsersTable
              locale={locale} users={users} regions={regions} currentUserId={currentUserId} currentRegionCode={scopeRegionCode} busyId={busyId}
              onUpdate={onUpdate} onSetDisabled={onSetDisabled} onResetPassword={onResetPassword}
            />
          </div>
        ) : null}
      </section>
      {issued ? (
        <OneTimePasswordDialog
          locale={locale} reason={issued.reason} email={issued.email} oneTimePassword={issued.oneTimePassword} onClose={() => setIssued(null)}
        />
      ) : null}
    </div>
  );
}

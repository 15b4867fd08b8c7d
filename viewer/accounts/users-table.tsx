/**
 * The accounts table of the admin page: one row per account in scope with its role and region as pickers
 * (保存 appears once either changed), its status, and 停用/启用 and 重置密码. Stateless about the network:
 * the page runs the mutations and passes `busyId`.
 */
import { useState } from 'react';
import { createTranslator, type Locale, type Translator } from '@viewer/core/i18n';
import { ACCOUNT_ROLES, type AccountRole } from './account-role';
import { ACCOUNTS_MESSAGES, type AccountsMessageKey } from './messages';
import type { RegionOption } from '@viewer/ui/region-options';
import { RegionSelect } from '@viewer/ui/region-select';

/** An account row (`accounts.users.list` items satisfy it). */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: AccountRole;
  regionCode: string;
  regionName: string;
  disabled: boolean;
  mustChangePassword: boolean;
}

/** Props of {@link UsersTable}. */
export interface UsersTableProps {
  locale: Locale;
  users: readonly UserRow[];
  regions: readonly RegionOption[];
  /** The signed-in admin (its own role and region cannot be changed, nor itself disabled). */
  currentUserId: string;
  /** The signed-in admin's region: admins of that same region are managed from a wider region, so locked here. */
  currentRegionCode: string;
  /** The account a mutation is running for (its buttons are disabled). */
  busyId: string | null;
  onUpdate: (id: string, change: { role?: AccountRole; regionCode?: string }) => void;
  onSetDisabled: (user: UserRow, disabled: boolean) => void;
  onResetPassword: (user: UserRow) => void;
}

/** The table (see module doc). */
export function UsersTable({ locale, users, regions, currentUserId, currentRegionCode, busyId, onUpdate, onSetDisabled, onResetPassword }: UsersTableProps) {
  const t = createTranslator(ACCOUNTS_MESSAGES, locale);
  return (
    <table className="gt-table" data-testid="accounts-table">
      <thead>
        <tr>
          <th scope="col">{t('accounts.col.account')}</th>
          <th scope="col">{t('accounts.col.role')}</th>
          <th scope="col">{t('accounts.col.region')}</th>
          <th scope="col">{t('accounts.col.status')}</th>
          <th scope="col" className="gt-table__actions">{t('accounts.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <UserTableRow
            key={`${user.id}:${user.role}:${user.regionCode}`}
            t={t} user={user} regions={regions} isSelf={user.id === currentUserId} isBusy={busyId === user.id}
            isPeerAdmin={isPeerAdmin(user, currentUserId, currentRegionCode)}
            onUpdate={onUpdate} onSetDisabled={onSetDisabled} onResetPassword={onResetPassword}
          />
        ))}
      </tbody>
    </table>
  );
}

/**
 * True for another admin of the signed-in admin's own region below the province: the server refuses to manage it
 * (server/accounts/users-service.ts `assertMayManage`), so its controls are locked.
 */
export function isPeerAdmin(user: Pick<UserRow, 'id' | 'role' | 'regionCode'>, currentUserId: string, currentRegionCode: string): boolean {
  return user.id !== currentUserId && user.role === 'admin' && user.regionCode === currentRegionCode && currentRegionCode !== '360000';
}

interface UserTableRowProps extends Pick<UsersTableProps, 'regions' | 'onUpdate' | 'onSetDisabled' | 'onResetPassword'> {
  t: Translator<AccountsMessageKey>;
  user: UserRow;
  isSelf: boolean;
  isBusy: boolean;
  isPeerAdmin: boolean;
}

/** One row; keeps the unsaved role/region picks (the row remounts when the saved values change). */
function UserTableRow({ t, user, regions, isSelf, isBusy, isPeerAdmin: isPeer, onUpdate, onSetDisabled, onResetPassword }: UserTableRowProps) {
  const isLocked = isSelf || isPeer;
  const [role, setRole] = useState<AccountRole>(user.role);
  const [regionCode, setRegionCode] = useState(user.regionCode);
  const isDirty = role !== user.role || regionCode !== user.regionCode;
  const save = () =>
    onUpdate(user.id, { ...(role !== user.role ? { role } : {}), ...(regionCode !== user.regionCode ? { regionCode } : {}) });
  const status = user.disabled
    ? { className: 'gt-status gt-status--failed', label: t('accounts.status.disabled') }
    : user.mustChangePassword
      ? { className: 'gt-status gt-status--converting', label: t('accounts.status.pendingPassword') }
      : { className: 'gt-status gt-status--ready', label: t('accounts.status.active') };
  return (
    <tr data-email={user.email} aria-disabled={user.disabled || undefined} className={user.disabled ? 'gt-table__row--muted' : undefined}>
      <td>
        <div className="gt-table__primary">
          {user.name}
          {isSelf ? <span className="gt-table__muted">{t('accounts.you')}</span> : null}
          {isPeer ? <span className="gt-table__muted">{t('accounts.peerAdmin')}</span> : null}
        </div>
        <div className="gt-table__secondary">{user.email}</div>
      </td>
      <td>
        <select
          className="gt-input gt-input--compact" aria-label={`${t('field.role')} ${user.email}`} value={role} disabled={isLocked || isBusy}
          onChange={(event) => setRole(event.target.value as AccountRole)}
        >
          {ACCOUNT_ROLES.map((option) => (
            <option key={option} value={option}>{t(`role.${option}`)}</option>
          ))}
        </select>
      </td>
      <td>
        <RegionSelect
          className="gt-input gt-input--compact" options={regions} value={regionCode} onChange={setRegionCode}
          label={`${t('field.region')} ${user.email}`} disabled={isLocked || isBusy}
        />
      </td>
      <td><span className={status.className} data-testid="account-status">{status.label}</span></td>
      <td className="gt-table__actions">
        {isDirty ? (
          <button type="button" className="gt-button gt-button--small gt-button--primary" onClick={save} disabled={isBusy}>
            {t('accounts.save')}
          </button>
        ) : null}
        {user.disabled ? (
          <button type="button" className="gt-button gt-button--small" onClick={() => onSetDisabled(user, false)} disabled={isBusy || isPeer}>
            {t('accounts.enable')}
          </button>
        ) : (
          <button type="button" className="gt-button gt-button--small gt-button--danger" onClick={() => onSetDisabled(user, true)} disabled={isBusy || isLocked}>
            {t('accounts.disable')}
          </button>
        )}
        <button type="button" className="gt-button gt-button--small" onClick={() => onResetPassword(user)} disabled={isBusy || isPeer}>
          {t('accounts.resetPassword')}
        </button>
      </td>
    </tr>
  );
}

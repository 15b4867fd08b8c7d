/**
 * The header's account menu: the signed-in account's name and role; opened, its region, e-mail and links
 * (修改密码; 账号管理 and 审计日志 for admins; 退出登录). Anonymous visitors see a 登录 link instead.
 * A native `<details>` drop-down: keyboard and screen-reader support without script.
 */
import { useEffect, useRef } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import type { AccountRole } from './account-role';
import { ACCOUNTS_MESSAGES } from './messages';

/** The account as the menu needs it (`accounts.me` satisfies it). */
export interface AccountMenuAccount {
  name: string;
  email: string;
  role: AccountRole;
  regionName: string;
  mustChangePassword: boolean;
}

/** Where the menu's links go. */
export interface AccountMenuHrefs {
  signIn: string;
  changePassword: string;
  adminAccounts: string;
  adminAudit: string;
  adminCatalogue: string;
}

/** Props of {@link AccountMenu}. */
export interface AccountMenuProps {
  locale: Locale;
  /** The signed-in account, or null for an anonymous visitor. */
  account: AccountMenuAccount | null;
  /** True while it is not yet known whether someone is signed in (renders a placeholder). */
  loading?: boolean;
  hrefs: AccountMenuHrefs;
  onSignOut: () => void;
  /** True while signing out (the button is disabled). */
  isSigningOut?: boolean;
  /** A sign-out problem to show inside the menu. */
  error?: string | null;
  /** Work pages of the plates open to this account (e.g. BIM 报建审查), listed above the admin pages. */
  plateLinks?: readonly { slug: string; href: string; label: string }[];
}

/** The account menu (see module doc). */
export function AccountMenu({ locale, account, loading, hrefs, onSignOut, isSigningOut, error, plateLinks = [] }: AccountMenuProps) {
  const t = createTranslator(ACCOUNTS_MESSAGES, locale);
  const detailsRef = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    // Close on a click elsewhere or Escape, like any drop-down.
    const close = (event: Event) => {
      const details = detailsRef.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);

  if (loading) return <span className="gt-account gt-account--loading" aria-hidden="true" />;
  if (!account) {
    return (
      <a className="gt-button gt-account__sign-in" href={hrefs.signIn} data-testid="sign-in-link">
        {t('menu.signIn')}
      </a>
    );
  }
  const roleLabel = t(`role.${account.role}`);
  return (
    <details className="gt-account" ref={detailsRef} data-testid="account-menu">
      <summary className="gt-account__summary" aria-label={`${t('menu.label')}: ${account.name}`}>
        <span className="gt-account__avatar" aria-hidden="true">{Array.from(account.name)[0] ?? '?'}</span>
        <span className="gt-account__name" data-testid="account-name">{account.name}</span>
        <span className="gt-badge gt-account__role">{roleLabel}</span>
        {account.mustChangePassword ? <span className="gt-account__dot" aria-hidden="true" /> : null}
      </summary>
      <div className="gt-account__popover" role="menu">
        <dl className="gt-account__facts">
          <dt>{t('field.role')}</dt>
          <dd>{roleLabel}</dd>
          <dt>{t('menu.region')}</dt>
          <dd>{account.regionName || '—'}</dd>
          <dt>{t('menu.email')}</dt>
          <dd className="gt-account__email">{account.email}</dd>
        </dl>
        {account.mustChangePassword ? <p className="gt-account__warn">{t('menu.mustChangePassword')}</p> : null}
        <a role="menuitem" className="gt-account__item" href={hrefs.changePassword}>
          {t('menu.changePassword')}
        </a>
        {plateLinks.map((link) => (
          <a key={link.slug} role="menuitem" className="gt-account__item" href={link.href} data-testid={`menu-plate-${link.slug}`}>
            {link.label}
          </a>
        ))}
        {account.role === 'admin' ? (
          <>
            <a role="menuitem" className="gt-account__item" href={hrefs.adminAccounts} data-testid="menu-admin-accounts">
              {t('menu.adminAccounts')}
            </a>
            <a role="menuitem" className="gt-account__item" href={hrefs.adminAudit} data-testid="menu-admin-audit">
              {t('menu.adminAudit')}
            </a>
            <a role="menuitem" className="gt-account__item" href={hrefs.adminCatalogue} data-testid="menu-admin-catalogue">
              {t('menu.adminCatalogue')}
            </a>
          </>
        ) : null}
        <button type="button" role="menuitem" className="gt-account__item gt-account__item--danger" onClick={onSignOut} disabled={isSigningOut} data-testid="sign-out">
          {t('menu.signOut')}
        </button>
        {error ? <p className="gt-account__error" role="alert">{error}</p> : null}
      </div>
    </details>
  );
}

/** The accounts plate's page routes, in one place for links and redirects. */
export const ACCOUNT_PATHS = {
  changePassword: '/account/password',
  adminAccounts: '/admin/accounts',
  adminAudit: '/admin/audit',
  twin: '/',
} as const;

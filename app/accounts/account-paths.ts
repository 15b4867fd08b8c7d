/** The accounts plate's page routes, in one place for links and redirects. */
export const ACCOUNT_PATHS = {
  changePassword: '/account/password',
  adminAccounts: '/admin/accounts',
  adminAudit: '/admin/audit',
  /** The twin plate's resource catalogue (资源目录), linked with the other admin pages. */
  adminCatalogue: '/admin/catalogue',
  twin: '/',
} as const;

/** The lifelines plate's page routes and who opens them, in one place for links and gates. */
export const LIFELINES_PATHS = {
  /** The network import (管网数据导入): inspectors, officers and admins import into their region. */
  import: '/lifelines/import',
  twin: '/',
} as const;

/** Roles that open the lifelines pages (server/lifelines/import-service.ts `NETWORK_IMPORT_ROLES`; the route checks again). */
export const LIFELINES_PAGE_ROLES = ['inspector', 'officer', 'admin'] as const;

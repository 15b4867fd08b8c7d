import { definePlate } from '@server/host/server-plate';
import { accountsRouter } from './router';

/**
 * The `accounts` plate: users, roles, region scope and the audit trail. It has no map layers and no jobs; its first
 * admin is created by `npm run accounts:create-admin` (scripts/create-admin.ts), not by the seed step.
 */
export const ACCOUNTS_PLATE = definePlate({ slug: 'accounts', router: accountsRouter });

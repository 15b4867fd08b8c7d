import type { Role } from '@server/db/schema/accounts';

/**
 * Who is calling and from where: a signed-in, enabled account resolved from the session cookie by
 * `server/accounts/session-actor.ts`. Anonymous visitors (role `public`) are `null` everywhere.
 */
export interface Actor {
  userId: string;
  /** Sign-in e-mail (also the audit label). */
  email: string;
  name: string;
  role: Role;
  /** 6-digit GB/T 2260 code of the account's region (360000 = the whole province). */
  regionCode: string;
  /** True until the account replaces its one-time password; every protected procedure refuses until then. */
  mustChangePassword: boolean;
  /** Client address of this request (a valid IP, server/api/client-address.ts), null when unknown (command line). */
  ipAddress: string | null;
  userAgent: string | null;
}

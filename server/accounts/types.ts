import type { AuditAction, Role } from '@server/db/schema/accounts';

/** An account as admins see it (no credentials). */
export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  regionCode: string;
  /** Region name (江西省, 南昌市, 东湖区 …), '' when the code is unknown. */
  regionName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A new account or a reset: the one-time password is shown once, to the admin, and never stored in clear. */
export interface OneTimePasswordResult {
  user: UserSummary;
  oneTimePassword: string;
}

/** The signed-in caller as the UI needs it. */
export interface Me {
  userId: string;
  email: string;
  name: string;
  role: Role;
  regionCode: string;
  regionName: string;
  mustChangePassword: boolean;
}

/** One audit row. */
export interface AuditRow {
  id: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: AuditAction;
  tableName: string;
  recordId: string;
  recordRegionCode: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ipAddress: string | null;
  userAgent: string | null;
}

import { relations } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Tables of the `accounts` plate (STYLE rule 19, prefix `accounts_`): staff accounts, their sessions and password
 * credentials, better-auth's verification and rate-limit rows, and the append-only audit trail.
 *
 * The first five tables follow better-auth's core schema (models `user`, `session`, `account`, `verification`,
 * `rateLimit`; see https://www.better-auth.com/docs/concepts/database#core-schema) under our names; columns
 * `role`, `region_code`, `disabled` and `must_change_password` are GanTwin's additional user fields.
 */

/** Roles a signed-in account can hold (`public` is the anonymous visitor and is never stored). */
export const ROLES = ['applicant', 'planner', 'inspector', 'officer', 'admin'] as const;
/** One stored role. */
export type Role = (typeof ROLES)[number];

/** A staff account (better-auth model `user`). Accounts are never deleted, only disabled. */
export const accountsUsers = pgTable(
  'accounts_users',
  {
    id: text('id').primaryKey(),
    /** Display name (e.g. 张工). */
    name: text('name').notNull(),
    /** Sign-in identifier, stored lower-case. */
    email: text('email').notNull(),
    emailVerified: boolean('email_verified').notNull().default(false),
    image: text('image'),
    role: text('role').$type<Role>().notNull(),
    /** 6-digit admin code of the account's region (`regions.code`; 360000 = the whole province). */
    regionCode: text('region_code').notNull(),
    /** A disabled account cannot sign in and its sessions are deleted. */
    disabled: boolean('disabled').notNull().default(false),
    /** Set when an admin issued a one-time password; cleared by the user's own password change. */
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('accounts_users_email_key').on(t.email), index('accounts_users_region_idx').on(t.regionCode)],
);

/** A signed-in browser session (better-auth model `session`); the cookie holds the signed token. */
export const accountsSessions = pgTable(
  'accounts_sessions',
  {
    id: text('id').primaryKey(),
    token: text('token').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => accountsUsers.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('accounts_sessions_token_key').on(t.token), index('accounts_sessions_user_idx').on(t.userId)],
);

/** Sign-in credentials of an account (better-auth model `account`; provider `credential` holds the argon2id hash). */
export const accountsCredentials = pgTable(
  'accounts_credentials',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => accountsUsers.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
    scope: text('scope'),
    /** PHC string `$argon2id$v=19$m=…` (RFC 9106), never the password. */
    password: text('password'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('accounts_credentials_user_idx').on(t.userId)],
);

/** better-auth model `verification` (one-time tokens; unused while e-mail flows are off, kept for the library). */
export const accountsVerifications = pgTable('accounts_verifications', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** better-auth model `rateLimit`: one counter per client address and path (sign-in throttling survives restarts). */
export const accountsRateLimits = pgTable(
  'accounts_rate_limits',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull(),
    count: integer('count').notNull(),
    /** Epoch milliseconds of the window's last request. */
    lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('accounts_rate_limits_key_key').on(t.key)],
);

/** What an audit row records. `before`/`after` are null for creation/deletion respectively. */
export type AuditAction =
  | 'create'
  | 'update'
  | 'disable'
  | 'enable'
  | 'reset-password'
  | 'change-password'
  | 'delete'
  | 'sign-in'
  | 'sign-out'
  | 'publish'
  | 'unpublish';

/**
 * The audit trail: one row per write, never updated or deleted (a trigger in migration `accounts-audit-append-only`
 * rejects UPDATE, DELETE and TRUNCATE).
 */
export const accountsAuditLog = pgTable(
  'accounts_audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Who wrote: `accounts_users.id`, or null for the command line (`actorLabel` says which command). */
    actorId: text('actor_id'),
    /** E-mail of the actor at the time, or `cli:<command>`. */
    actorLabel: text('actor_label').notNull(),
    /** Region of the actor at the time (for filtering by region). */
    actorRegionCode: text('actor_region_code'),
    action: text('action').$type<AuditAction>().notNull(),
    /** Table written (`accounts_users`, `models`, …). */
    tableName: text('table_name').notNull(),
    /** Primary key of the written row. */
    recordId: text('record_id').notNull(),
    /** Region of the written record (scope of who may read this row). */
    recordRegionCode: text('record_region_code'),
    /** Changed fields before the write (secrets never included). */
    before: jsonb('before').$type<Record<string, unknown>>(),
    /** Changed fields after the write (secrets never included). */
    after: jsonb('after').$type<Record<string, unknown>>(),
    /** Client address of the request (`x-forwarded-for` as set by the server), null from the command line. */
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
  },
  (t) => [
    index('accounts_audit_log_at_idx').on(t.at),
    index('accounts_audit_log_actor_idx').on(t.actorId),
    index('accounts_audit_log_record_idx').on(t.tableName, t.recordId),
  ],
);

/** A user's sessions and credentials. */
export const accountsUsersRelations = relations(accountsUsers, ({ many }) => ({
  sessions: many(accountsSessions),
  credentials: many(accountsCredentials),
}));
/** The user a session belongs to. */
export const accountsSessionsRelations = relations(accountsSessions, ({ one }) => ({
  user: one(accountsUsers, { fields: [accountsSessions.userId], references: [accountsUsers.id] }),
}));
/** The user a credential belongs to. */
export const accountsCredentialsRelations = relations(accountsCredentials, ({ one }) => ({
  user: one(accountsUsers, { fields: [accountsCredentials.userId], references: [accountsUsers.id] }),
}));

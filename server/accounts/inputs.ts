import { z } from 'zod';
import { dateIn, hasNoNul, regionCodeSchema } from '@kernel/zod-fields';
import { ROLES } from '@server/db/schema/accounts';

/**
 * Zod input schemas of the accounts router (trust boundary). Exported for the admin forms and tests.
 */

/** Longest display name, characters. */
export const NAME_MAX_CHARS = 64;
/** Longest e-mail (RFC 5321 path limit), characters. */
export const EMAIL_MAX_CHARS = 254;

const noNul = hasNoNul;
const regionCode = regionCodeSchema;
/** Short identifier text: no NUL (PostgreSQL `text` cannot hold it; the query would fail with a 500). */
const idText = (max: number) => z.string().max(max).refine(noNul, 'must not contain NUL');
const userId = idText(64).pipe(z.string().min(1, { error: 'must not be empty' }));

/** `accounts.users.create`. */
export const createUserInput = z.object({
  email: z
    .email({ error: 'must be an e-mail address' })
    .max(EMAIL_MAX_CHARS)
    .transform((e) => e.trim().toLowerCase()),
  name: z.string().trim().min(1, { error: 'must not be empty' }).max(NAME_MAX_CHARS).refine(noNul, 'must not contain NUL'),
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
  regionCode,
});

/** `accounts.users.update`: any of role, region, name. */
export const updateUserInput = z.object({
  id: userId,
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }).optional(),
  regionCode: regionCode.optional(),
  name: z.string().trim().min(1).max(NAME_MAX_CHARS).refine(noNul, 'must not contain NUL').optional(),
});

/** `accounts.users.disable` / `enable` / `resetPassword`. */
export const userIdInput = z.object({ id: userId });

/** `accounts.users.list`. */
export const usersListInput = z.object({
  q: z.string().max(100).refine(noNul, 'must not contain NUL').optional(),
});

/** Times the audit filters accept (UTC): from the Unix epoch to the last instant with a 4-digit year. */
export const AUDIT_FILTER_RANGE = { min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z') } as const;

/** `accounts.audit.list`: newest first, filtered. */
export const auditListInput = z.object({
  actorId: idText(64).optional(),
  tableName: idText(64).optional(),
  recordId: idText(128).optional(),
  action: idText(32).optional(),
  /** Inclusive lower bound of `at`. */
  from: dateIn(AUDIT_FILTER_RANGE.min, AUDIT_FILTER_RANGE.max).optional(),
  /** Exclusive upper bound of `at`. */
  to: dateIn(AUDIT_FILTER_RANGE.min, AUDIT_FILTER_RANGE.max).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});

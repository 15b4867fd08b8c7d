import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * The display name of the account whose id is in `userIdColumn`, as a correlated subquery (null when the column is
 * null or names no account) — how other plates show who submitted or decided something without reading the
 * accounts table themselves.
 * @param userIdColumn a column holding `accounts_users.id` values
 */
export function accountNameSql(userIdColumn: SQLWrapper): SQL<string | null> {
  return sql<string | null>`(SELECT u.name FROM accounts_users u WHERE u.id = ${userIdColumn})`;
}

import { defineConfig } from 'drizzle-kit';

/**
 * drizzle-kit: `npx drizzle-kit generate --name <slug>-<change>` writes SQL migrations to server/db/migrations.
 * Never `push` to a shared database (STYLE rule 21). Generation needs no database connection.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema/index.ts',
  out: './server/db/migrations',
  casing: 'snake_case',
});

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@server/env';

/** Where a generated secret is kept when `AUTH_SECRET` is not given (project-local, git-ignored, mode 0600). */
export const AUTH_SECRET_FILE = path.resolve('.gantwin/auth-secret');

/**
 * The secret that signs session cookies: `AUTH_SECRET` when set, otherwise the content of
 * {@link AUTH_SECRET_FILE}, created on first use with 32 random bytes (base64url). No secret is ever in code.
 */
export function authSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (!existsSync(AUTH_SECRET_FILE)) {
    mkdirSync(path.dirname(AUTH_SECRET_FILE), { recursive: true });
    try {
      writeFileSync(AUTH_SECRET_FILE, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process wrote it first
    }
  }
  chmodSync(AUTH_SECRET_FILE, 0o600);
  return readFileSync(AUTH_SECRET_FILE, 'utf8').trim();
}

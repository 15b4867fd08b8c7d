import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Password hashing for every account: argon2id (RFC 9106) with the OWASP Password Storage Cheat Sheet minimum
 * (m = 19 MiB, t = 2, p = 1). Stored as a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), so the
 * parameters travel with each hash and can be raised later without breaking old ones.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id
 */

const ARGON2ID = { algorithm: 2 /* Algorithm.Argon2id (an ambient const enum, not importable under isolatedModules) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Shortest password accepted (characters); one-time passwords are longer. */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest password accepted (characters; bounds the hashing work per request). */
export const MAX_PASSWORD_LENGTH = 128;

/** Hashes a password with argon2id and a fresh random salt; resolves to the PHC string (≈ 40 ms on this machine). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

/** True when `password` matches the PHC string `hashed`; false for a wrong password or a malformed hash. */
export async function verifyPassword({ hash: hashed, password }: { hash: string; password: string }): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** Characters of one-time passwords: no 0/O, 1/l/I, so they can be read aloud or copied by hand. */
const OTP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * A one-time password for a new account or a reset: 16 characters from a 57-symbol alphabet (≈ 93 bits, from
 * `crypto.randomInt`), grouped `xxxx-xxxx-xxxx-xxxx`. The account must change it at its first sign-in.
 */
export function generateOneTimePassword(): string {
  const chars = Array.from({ length: 16 }, () => OTP_ALPHABET[randomInt(OTP_ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

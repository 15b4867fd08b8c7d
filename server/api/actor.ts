/**
 * Who is calling. Sign-in arrives with the `accounts` plate; until then every request has `actor: null`
 * (anonymous) and services treat `null` as "public read-only".
 */
export interface Actor {
  userId: string;
  /** 6-digit admin code of the region the account belongs to (360000 = the whole province). */
  regionCode: string;
  roles: string[];
}

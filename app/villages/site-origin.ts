/**
 * The absolute origin of the public site for metadata (Open Graph, canonical, sitemap): `GANTWIN_PUBLIC_URL` when
 * set (set it in production), else scheme and host of the request — `X-Forwarded-Proto`/`-Host` only behind a
 * trusted reverse proxy (`TRUST_PROXY` > 0), else `Host`. The pages are rendered per request and not cached, so a
 * forged Host only changes the addresses in the forger's own answer.
 */
import 'server-only';
import { headers } from 'next/headers';
import { env } from '@server/env';

/** `https://host[:port]`, no trailing slash. */
export async function siteOrigin(): Promise<string> {
  if (env.GANTWIN_PUBLIC_URL) return env.GANTWIN_PUBLIC_URL;
  const list = await headers();
  const forwarded = (name: string) => (env.TRUST_PROXY > 0 ? list.get(name)?.split(',')[0]?.trim() : undefined);
  const proto = forwarded('x-forwarded-proto') || 'http';
  const host = forwarded('x-forwarded-host') || list.get('host') || 'localhost';
  return `${proto === 'https' ? 'https' : 'http'}://${host.replace(/[^A-Za-z0-9.:[\]-]/g, '')}`;
}

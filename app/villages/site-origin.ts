/**
 * The absolute origin of the public site for metadata (Open Graph, canonical, sitemap): `GANTWIN_PUBLIC_URL` when
 * set, else scheme and host of the request (as server/api/same-origin.ts reads them for a route handler).
 */
import 'server-only';
import { headers } from 'next/headers';
import { env } from '@server/env';

/** `https://host[:port]`, no trailing slash. */
export async function siteOrigin(): Promise<string> {
  if (env.GANTWIN_PUBLIC_URL) return env.GANTWIN_PUBLIC_URL;
  const list = await headers();
  const proto = list.get('x-forwarded-proto')?.split(',')[0]?.trim() || 'http';
  const host = list.get('x-forwarded-host')?.split(',')[0]?.trim() || list.get('host') || 'localhost';
  return `${proto === 'https' ? 'https' : 'http'}://${host.replace(/[^A-Za-z0-9.:[\]-]/g, '')}`;
}

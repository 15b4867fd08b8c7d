import { authHttpResponse } from '@server/accounts/auth-http-handler';
import { getDb } from '@server/db/client';

/** `/api/auth/*`: sign-in, sign-out, session, password change (see server/accounts/auth-http-handler.ts). */
export const dynamic = 'force-dynamic';
/** Node.js runtime: argon2 and PostgreSQL. */
export const runtime = 'nodejs';

/** Session lookup. */
export function GET(req: Request): Promise<Response> {
  return authHttpResponse(req, getDb());
}

/** Sign-in, sign-out, password change. */
export function POST(req: Request): Promise<Response> {
  return authHttpResponse(req, getDb());
}

/**
 * `/` — the offline CesiumJS city twin of Jiangxi. A server component: resolves the locale and the URL's
 * camera/selection (`?cam=…&sel=…`) and hands over to the client-side twin, which loads data through tRPC.
 */
import { readTwinUrlState } from '@viewer/core/camera-url';
import { getRequestLocale } from './locale';
import { TwinApp } from './twin/twin-app';

/** Query parameters as Next.js passes them to a page. */
type SearchParams = Record<string, string | string[] | undefined>;

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The twin page. */
export default async function TwinPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [locale, params] = await Promise.all([getRequestLocale(), searchParams]);
  const query = new URLSearchParams();
  for (const name of ['cam', 'sel']) {
    const value = firstValue(params[name]);
    if (value !== undefined) query.set(name, value);
  }
  return <TwinApp locale={locale} initialUrlState={readTwinUrlState(query)} />;
}

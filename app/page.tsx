/**
 * `/` — the offline CesiumJS city twin of Jiangxi. A server component: resolves the locale and the URL's
 * camera/selection (`?cam=…&sel=…`), prefetches the layer catalogue and the account's home region (where a city or
 * county account opens when the URL has no `cam=`) through the server-only tRPC caller, and hands
 * over to the client-side twin shell, which hosts every plate of app/plates.ts.
 */
import { getServerCaller } from '@server/api/server-caller';
import { SERVER_LOGGER } from '@server/api/server-logger';
import { readTwinUrlState, type CameraState } from '@viewer/core/camera-url';
import { cameraForRegion } from '@viewer/core/region-camera';
import { getRequestLocale } from './locale';
import { TwinShell, type TwinInitialData } from './shell/twin-shell';

/**
 * The layer catalogue for the first paint, or `null` when the database is unreachable: the client queries then
 * fetch again themselves and show the error in the UI (the page itself still renders).
 */
async function prefetchTwinData(): Promise<{ data: TwinInitialData; homeCamera: CameraState | null } | null> {
  try {
    const caller = await getServerCaller();
    const [layers, home] = await Promise.all([caller.twin.layers.list(), caller.twin.regions.home()]);
    // A city or county account opens on its region; anonymous visitors and the province on Jiangxi.
    return { data: { layers }, homeCamera: home ? cameraForRegion(home.bbox) : null };
  } catch (error) {
    SERVER_LOGGER.warn(`twin page: prefetch failed, the client will query itself: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** Rendered per request: the twin depends on the session, and the CSP nonce (proxy.ts) needs dynamic rendering. */
export const dynamic = 'force-dynamic';

/** Query parameters as Next.js passes them to a page. */
type SearchParams = Record<string, string | string[] | undefined>;

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The twin page. */
export default async function TwinPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [locale, params, prefetched] = await Promise.all([getRequestLocale(), searchParams, prefetchTwinData()]);
  const query = new URLSearchParams();
  for (const name of ['cam', 'sel']) {
    const value = firstValue(params[name]);
    if (value !== undefined) query.set(name, value);
  }
  return (
    <TwinShell
      locale={locale}
      initialUrlState={readTwinUrlState(query)}
      initialData={prefetched?.data ?? null}
      homeCamera={prefetched?.homeCamera ?? null}
    />
  );
}

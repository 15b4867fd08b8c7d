/**
 * The village a `/villages/<code>` request shows, read once per request (metadata and page share it through React
 * `cache`): the published document, or with `?preview=1` for a curator of the village's region the draft as it
 * would be published. Anyone else asking for a preview gets the published document, as without the parameter.
 */
import 'server-only';
import { cache } from 'react';
import { getServerActor } from '@server/api/server-caller';
import { getDb } from '@server/db/client';
import { isVillageCode, previewVillageByCode, publicVillageByCode } from '@server/villages/public-village';
import type { PublicVillage } from '@server/villages/public-village-types';

/** What the page renders. */
export interface LoadedVillage {
  village: PublicVillage;
  /** True when `village` is a curator's preview of the draft. */
  isPreview: boolean;
}

/**
 * The village of `code` (see module doc).
 * @param code the path segment (untrusted)
 * @param wantsPreview `?preview=1`
 * @returns null for a malformed code, an unknown or unpublished village (and no preview right)
 */
export const loadVillage = cache(async (code: string, wantsPreview: boolean): Promise<LoadedVillage | null> => {
  if (!isVillageCode(code)) return null;
  const db = getDb();
  if (wantsPreview) {
    const preview = await previewVillageByCode(db, await getServerActor(), code);
    if (preview) return { village: preview, isPreview: true };
  }
  const village = await publicVillageByCode(db, code);
  return village ? { village, isPreview: false } : null;
});

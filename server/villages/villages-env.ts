import { env } from '@server/env';

/**
 * The `villages` plate's settings (read by server/env.ts, the only module that reads the environment):
 * - `VILLAGES_MEDIA_MAX_BYTES` (25 MiB) — largest image one media upload may send (413 beyond); also the bound
 *   the image pipeline (./media/image-variants.ts) applies to bytes it is given.
 */
export interface VillagesEnv {
  VILLAGES_MEDIA_MAX_BYTES: number;
}

/** The settings of this process. */
export function villagesEnv(): VillagesEnv {
  return env;
}

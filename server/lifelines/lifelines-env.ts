import { env } from '@server/env';

/**
 * The `lifelines` plate's settings (read by server/env.ts, the only module that reads the environment):
 * - `LIFELINES_IMPORT_MAX_FEATURES` (20 000) — most features (pipes + nodes) of one network import (413 beyond).
 * - `LIFELINES_IMPORT_MAX_BYTES` (32 MiB) — largest import file, and each inflated .shp/.dbf of a Shapefile zip.
 */
export interface LifelinesEnv {
  LIFELINES_IMPORT_MAX_FEATURES: number;
  LIFELINES_IMPORT_MAX_BYTES: number;
}

/** The settings of this process. */
export function lifelinesEnv(): LifelinesEnv {
  return env;
}

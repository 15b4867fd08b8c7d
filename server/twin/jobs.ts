import { CONVERT_MODEL_JOB } from './convert-model-job';

/**
 * The twin plate's job handlers, loaded by the worker through the manifest's `jobs` (a lazy import, so that the
 * web server's bundle never contains the tiler).
 */
export const TWIN_JOBS = [CONVERT_MODEL_JOB] as const;

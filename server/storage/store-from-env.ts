import type { ServerEnv } from '@server/env';
import { LocalObjectStore } from './local-store';
import type { ObjectStore } from './object-store';
import { S3ObjectStore } from './s3-store';

/** The variables {@link storeFromEnv} reads (server/env.ts documents each). */
export type StorageEnv = Pick<
  ServerEnv,
  'STORAGE_DIR' | 'S3_ENDPOINT' | 'S3_BUCKET' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE'
>;

/**
 * The configured object store: S3 when `S3_BUCKET` is set, else the local folder `STORAGE_DIR`. Opens no
 * connection (the S3 client connects on first use).
 * @example
 * import { env } from '@server/env';
 * const store = storeFromEnv(env);
 * logger.info(`storage: ${describeStore(store)}`);
 */
export function storeFromEnv(env: StorageEnv): ObjectStore {
  if (env.S3_BUCKET === undefined) return new LocalObjectStore(env.STORAGE_DIR);
  return new S3ObjectStore({
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
  });
}

/** One line for logs naming the backend and its location, e.g. `S3 bucket gantwin at http://minio:9000 (region us-east-1, path-style)`; never credentials. */
export function describeStore(store: ObjectStore): string {
  return store.describe();
}

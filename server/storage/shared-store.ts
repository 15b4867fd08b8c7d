import { env } from '@server/env';
import type { ObjectStore } from './object-store';
import { storeFromEnv } from './store-from-env';

let shared: ObjectStore | undefined;

/**
 * The process's object store, configured from the environment on first use (./store-from-env.ts): what web
 * servers read published tilesets from and workers publish to.
 */
export function getObjectStore(): ObjectStore {
  shared ??= storeFromEnv(env);
  return shared;
}

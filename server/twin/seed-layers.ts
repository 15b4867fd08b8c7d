import { sql } from 'drizzle-orm';
import { TWIN_LAYERS, type LayerDefinition } from '@data/twin/layers';
import type { Db } from '@server/db/client';
import { layers } from '@server/db/schema/twin';

/**
 * Upserts the layer catalogue (data/twin/layers.ts) in one transaction. Idempotent; rows of other plates
 * and ids no longer defined are left alone.
 * @param definitions the entries to upsert (default: the twin plate's catalogue)
 * @returns the number of entries written
 */
export async function seedLayers(db: Db, definitions: readonly LayerDefinition[] = TWIN_LAYERS): Promise<number> {
  await db.transaction(async (tx) => {
    for (const layer of definitions) {
      const { id, ...rest } = layer;
      await tx
        .insert(layers)
        .values(layer)
        .onConflictDoUpdate({ target: layers.id, set: { ...rest, updatedAt: sql`now()` } });
    }
  });
  return definitions.length;
}

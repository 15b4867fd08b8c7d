import { sql } from 'drizzle-orm';
import type { LayerDefinition } from '@kernel/layer-kinds';
import type { Db } from '@server/db/client';
import { layers } from '@server/db/schema/twin';

/**
 * Upserts catalogue layers (each plate manifest's `layers`) in one transaction. Idempotent; rows no longer
 * defined are left alone. Every upsert bumps `updated_at`, which versions the host's GeoJSON cache.
 * @returns the number of entries written
 */
export async function seedLayers(db: Db, definitions: readonly LayerDefinition[]): Promise<number> {
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

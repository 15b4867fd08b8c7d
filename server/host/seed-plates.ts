import type { Db } from '@server/db/client';
import { seedLayers } from './seed-layers';
import { assertPlateList, type PlateSeedContext, type ServerPlate } from './server-plate';

/**
 * The seed step of `npm start` (`npm run seed`): every plate's catalogue layers, then each plate's own seed, in
 * list order (a later plate may build on an earlier one's rows, e.g. regions). Idempotent.
 * @returns one summary line per step, e.g. `twin: regions province=1 city=11 county=100, road segments=3041`
 * @throws whatever a plate's seed throws (the steps before it stay committed: each is idempotent)
 */
export async function seedPlates(db: Db, plates: readonly ServerPlate[], ctx: PlateSeedContext): Promise<string[]> {
  assertPlateList(plates);
  const lines = [`catalogue: ${await seedLayers(db, plates.flatMap((plate) => plate.layers ?? []))} layers`];
  for (const plate of plates) if (plate.seed) lines.push(`${plate.slug}: ${await plate.seed(db, ctx)}`);
  return lines;
}

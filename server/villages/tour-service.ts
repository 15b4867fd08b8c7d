import { eq, sql } from 'drizzle-orm';
import { InputError, NotFoundError } from '@kernel/errors';
import { recordAudit } from '@server/accounts/audit';
import { regionCovers } from '@server/accounts/region-scope';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { villagesTours, villagesVillages, type TourStop } from '@server/db/schema/villages';
import { MAX_STOP_DISTANCE_M, type TourSaveInput } from './scene-inputs';

/**
 * The working guided tour (导览) of a village, curated in the twin: curators (./curator-roles.ts) of the village's
 * region save it whole; saving marks the village as changed since its last publish. Anonymous playback never
 * reads this row: it reads the tour of the published document (./scene-service.ts).
 */

/** A working tour as the recorder shows it. */
export interface WorkingTour {
  code: string;
  titleZh: string;
  titleEn: string | null;
  stops: TourStop[];
  /** ISO 8601, or null when the village has no working tour. */
  updatedAt: string | null;
}

/**
 * The village of `code` if `actor` may curate it.
 * @throws {NotFoundError} an unknown code or a village outside the actor's region: the same answer, like the CMS
 *   (curate/village-scope.ts). Fix of the 2026-12 review (attack.test.ts): a FORBIDDEN naming the village's region
 *   told any officer which draft codes exist, and where.
 */
async function curatedVillage(db: Db, actor: Actor, code: string): Promise<{ id: string; regionCode: string; position: [number, number] }> {
  const [village] = await db
    .select({ id: villagesVillages.id, regionCode: villagesVillages.regionCode, position: villagesVillages.position })
    .from(villagesVillages)
    .where(eq(villagesVillages.code, code));
  if (!village || !regionCovers(actor.regionCode, village.regionCode)) throw new NotFoundError(`villages: no village ${code} in your region`, { context: { code } });
  const coordinates = village.position.coordinates;
  return { id: village.id, regionCode: village.regionCode, position: [coordinates[0], coordinates[1]] };
}

/** Great-circle distance on a sphere of the WGS84 mean radius, metres (enough for a 20 km bound). */
function distanceM(a: readonly number[], b: readonly number[]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The working tour of a village (empty when none).
 * @throws {NotFoundError} unknown code or a village outside the actor's region
 */
export async function workingTour(db: Db, actor: Actor, code: string): Promise<WorkingTour> {
  const village = await curatedVillage(db, actor, code);
  const [tour] = await db.select().from(villagesTours).where(eq(villagesTours.villageId, village.id));
  if (!tour) return { code, titleZh: '', titleEn: null, stops: [], updatedAt: null };
  return { code, titleZh: tour.titleZh, titleEn: tour.titleEn, stops: tour.stops, updatedAt: tour.updatedAt.toISOString() };
}

/**
 * Saves the whole working tour of a village (0 stops removes it), marks the village as having draft changes and
 * records the write in the audit log, in one transaction. Headings are stored normalised to [0, 360).
 * @returns the saved tour
 * @throws {NotFoundError} unknown code or a village outside the actor's region; {InputError} a stop
 *   whose camera is more than {@link MAX_STOP_DISTANCE_M} from the village
 */
export async function saveTour(db: Db, actor: Actor, input: TourSaveInput): Promise<WorkingTour> {
  const village = await curatedVillage(db, actor, input.code);
  input.stops.forEach((stop, i) => {
    const d = distanceM(village.position, [stop.camera.lon, stop.camera.lat]);
    if (d > MAX_STOP_DISTANCE_M) throw new InputError(`stops.${i}.camera: must be within ${MAX_STOP_DISTANCE_M / 1000} km of the village, got ${(d / 1000).toFixed(1)} km`);
  });
  const stops: TourStop[] = input.stops.map((stop) => ({
    camera: { ...stop.camera, headingDeg: ((stop.camera.headingDeg % 360) + 360) % 360 },
    captionZh: stop.captionZh,
    captionEn: stop.captionEn,
    flightS: stop.flightS,
    holdS: stop.holdS,
  }));
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ stops: villagesTours.stops, titleZh: villagesTours.titleZh }).from(villagesTours).where(eq(villagesTours.villageId, village.id));
    let updatedAt: string | null = null;
    if (stops.length === 0) {
      await tx.delete(villagesTours).where(eq(villagesTours.villageId, village.id));
    } else {
      const [saved] = await tx
        .insert(villagesTours)
        .values({ villageId: village.id, titleZh: input.titleZh, titleEn: input.titleEn, stops })
        .onConflictDoUpdate({ target: villagesTours.villageId, set: { titleZh: input.titleZh, titleEn: input.titleEn, stops, updatedAt: sql`now()` } })
        .returning({ updatedAt: villagesTours.updatedAt });
      updatedAt = saved.updatedAt.toISOString();
    }
    await tx.update(villagesVillages).set({ hasDraftChanges: true, updatedBy: actor.userId, updatedAt: sql`now()` }).where(eq(villagesVillages.id, village.id));
    await recordAudit(tx, actor, {
      action: before ? (stops.length === 0 ? 'delete' : 'update') : 'create',
      tableName: 'villages_tours',
      recordId: village.id,
      recordRegionCode: village.regionCode,
      before: before ? { titleZh: before.titleZh, stopCount: before.stops.length } : null,
      after: stops.length === 0 ? null : { titleZh: input.titleZh, stopCount: stops.length },
    });
    return { code: input.code, titleZh: stops.length ? input.titleZh : '', titleEn: stops.length ? input.titleEn : null, stops, updatedAt };
  });
}

import { eq, sql } from 'drizzle-orm';
import { DEMO_NOTE_EN, DEMO_VILLAGES, type DemoVillage } from '@data/villages/demo-villages';
import { recordAudit } from '@server/accounts/audit';
import type { GeoJsonPoint } from '@server/db/columns/geojson';
import { asGeoJson } from '@server/db/columns/geo';
import type { Db } from '@server/db/client';
import { regions } from '@server/db/schema/regions';
import { villagesBuildings, villagesPois, villagesRegister, villagesSections, villagesTours, villagesVillages, type TourStop } from '@server/db/schema/villages';
import { demoFootprintPolygon, enuOffsetToLonLat } from './demo-layout';
import { pinyinKeys } from './pinyin';
import { onPublicationChanged } from './publication-effects';
import { buildPublicVillage } from './public-village';

/** Adds generated imagery to a newly inserted demo village (./media/demo-imagery.ts); returns images stored. */
export type DemoImageryStep = (tx: Db, village: { id: string; demo: DemoVillage; origin: [number, number]; buildingIds: Map<string, string> }) => Promise<number>;

/** Tour of a demo village: an overview, then each building seen from 120 m south-west, 70 m up. */
function demoTour(origin: [number, number], demo: DemoVillage): TourStop[] {
  const overview = enuOffsetToLonLat(origin, 0, -650);
  const stops: TourStop[] = [
    { camera: { lon: overview[0], lat: overview[1], heightEllipsoidalM: 420, headingDeg: 0, pitchDeg: -32 }, captionZh: `${demo.nameZh}全貌（示例导览）`, captionEn: `${demo.nameEn} from above (sample tour)`, flightS: 3, holdS: 4 },
  ];
  for (const building of demo.hasScene ? demo.buildings.slice(0, 4) : []) {
    const at = enuOffsetToLonLat(origin, building.footprint.eastM - 85, building.footprint.northM - 85);
    stops.push({ camera: { lon: at[0], lat: at[1], heightEllipsoidalM: 70, headingDeg: 45, pitchDeg: -25 }, captionZh: `${building.nameZh}：${building.eraZh}`, captionEn: `${building.nameEn}: ${building.eraEn}`, flightS: 3, holdS: 4 });
  }
  return stops;
}

/**
 * Inserts the demo villages (data/villages/demo-villages.ts) that are absent, by code, with their sections,
 * buildings, points of interest, tour and (through `imagery`) generated images, and publishes each new one — all in
 * one transaction per village with its publication effects (scene tiles queued), audited as `cli:seed`. A demo village already present (maybe edited or withdrawn by
 * a curator) is left untouched. Needs the register and the regions seeded first.
 * @returns villages inserted
 */
export async function seedDemoVillages(db: Db, options: { imagery?: DemoImageryStep } = {}): Promise<number> {
  let inserted = 0;
  for (const demo of DEMO_VILLAGES) {
    const isNew = await db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: villagesVillages.id }).from(villagesVillages).where(eq(villagesVillages.code, demo.code));
      if (existing) return false;
      const [register] = await tx
        .select({ countyCode: villagesRegister.countyCode, center: asGeoJson<GeoJsonPoint>(regions.center) })
        .from(villagesRegister)
        .innerJoin(regions, eq(regions.code, villagesRegister.countyCode))
        .where(eq(villagesRegister.code, demo.code));
      if (!register?.center) return false; // register or regions not seeded: nothing to place the village by
      const origin: [number, number] = [register.center.coordinates[0], register.center.coordinates[1]];
      const [village] = await tx
        .insert(villagesVillages)
        .values({
          code: demo.code,
          regionCode: register.countyCode,
          nameZh: demo.nameZh,
          nameEn: demo.nameEn,
          ...pinyinKeys(demo.nameZh),
          position: { type: 'Point', coordinates: origin },
          isPositionVerified: false,
          boundary: demo.hasScene ? demoFootprintPolygon(origin, { eastM: 0, northM: 0, widthM: 420, depthM: 380, rotationDeg: 0 }) : null,
          nationalBatch: demo.nationalBatch,
          themes: demo.themes,
          summaryZh: demo.summaryZh,
          summaryEn: demo.summaryEn,
          isDemo: true,
        })
        .returning({ id: villagesVillages.id });
      const villageId = village!.id;
      await tx.insert(villagesSections).values(
        Object.entries(demo.sections).map(([kind, bodyZh]) => ({ villageId, kind: kind as keyof DemoVillage['sections'], bodyZh, bodyEn: kind === 'overview' ? `${demo.summaryEn}${DEMO_NOTE_EN}` : null })),
      );
      const buildingIds = new Map<string, string>();
      for (const [index, building] of demo.buildings.entries()) {
        const [row] = await tx
          .insert(villagesBuildings)
          .values({
            villageId,
            nameZh: building.nameZh,
            nameEn: building.nameEn,
            eraZh: building.eraZh,
            eraEn: building.eraEn,
            buildingType: building.buildingType,
            protectionLevel: building.protectionLevel,
            descriptionZh: building.descriptionZh,
            descriptionEn: building.descriptionEn,
            footprint: demo.hasScene ? demoFootprintPolygon(origin, building.footprint) : null,
            heightM: building.heightM,
            sortOrder: index,
          })
          .returning({ id: villagesBuildings.id });
        buildingIds.set(building.key, row!.id);
      }
      if (demo.hasScene && demo.pois.length > 0) {
        await tx.insert(villagesPois).values(
          demo.pois.map((poi) => ({ villageId, kind: poi.kind, nameZh: poi.nameZh, nameEn: poi.nameEn, position: { type: 'Point' as const, coordinates: enuOffsetToLonLat(origin, poi.eastM, poi.northM) } })),
        );
      }
      await tx.insert(villagesTours).values({ villageId, titleZh: `${demo.nameZh}导览（示例）`, titleEn: `${demo.nameEn} tour (sample)`, stops: demoTour(origin, demo) });
      await options.imagery?.(tx, { id: villageId, demo, origin, buildingIds });
      const publishedAt = new Date().toISOString();
      const document = await buildPublicVillage(tx, villageId, publishedAt);
      await tx.update(villagesVillages).set({ published: document, publishedAt: new Date(publishedAt), hasDraftChanges: false, updatedAt: sql`now()` }).where(eq(villagesVillages.id, villageId));
      await recordAudit(tx, { cli: 'seed' }, { action: 'publish', tableName: 'villages_villages', recordId: villageId, recordRegionCode: register.countyCode, after: { code: demo.code, isDemo: true } });
      await onPublicationChanged(tx, villageId);
      return true;
    });
    if (isNew) inserted += 1;
  }
  return inserted;
}

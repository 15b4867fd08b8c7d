import { eq } from 'drizzle-orm';
import type { BuildingType } from '@data/villages/building-types';
import { villagesPanoramas, villagesVillages, type PanoramaHotspot } from '@server/db/schema/villages';
import { generateDemoPanorama, generateDemoPhoto, storeGeneratedMedia, type DemoPhotoSubject } from './media/demo-imagery';
import type { DemoImageryStep } from './seed-demo-villages';

/**
 * The generated imagery of a newly seeded demo village (示例图像, ./media/demo-imagery.ts): a cover view of the
 * village, a photo of each of its first two buildings, and `panoramaCount` panoramas linked in a ring by hotspots
 * (each also points at the first building). Sizes are kept small, because every `npm start` on a fresh database and
 * every end-to-end run seeds them: panoramas 2048 × 1024 (one width, three formats), photos 960 × 640.
 * @returns images stored
 */
export const seedDemoImagery: DemoImageryStep = async (tx, { id: villageId, demo, buildingIds }) => {
  const seedBase = Number(demo.code.slice(-6));
  const cover = await storeGeneratedMedia(tx, {
    villageId,
    kind: 'photo',
    altZh: `生成的示例图像：${demo.nameZh}村景（粉墙黛瓦、马头墙与河流）`,
    altEn: `Generated sample image: a view of ${demo.nameEn} (white walls, dark roofs, stepped gables, a river)`,
    bytes: await generateDemoPhoto(seedBase, 'village-view', { widthPx: 960 }),
    sortOrder: 0,
  });
  await tx.update(villagesVillages).set({ coverMediaId: cover.media.id }).where(eq(villagesVillages.id, villageId));
  let stored = 1;
  for (const [index, building] of demo.buildings.slice(0, 2).entries()) {
    await storeGeneratedMedia(tx, {
      villageId,
      kind: 'photo',
      buildingId: buildingIds.get(building.key) ?? null,
      altZh: `生成的示例图像：${building.nameZh}`,
      altEn: `Generated sample image: ${building.nameEn}`,
      bytes: await generateDemoPhoto(seedBase + index + 1, photoSubjectOf(building.buildingType), { widthPx: 960 }),
      sortOrder: index + 1,
    });
    stored += 1;
  }
  const firstBuilding = demo.buildings[0] ? buildingIds.get(demo.buildings[0].key) : undefined;
  const panoramaIds: string[] = [];
  for (let index = 0; index < demo.panoramaCount; index++) {
    const { media } = await storeGeneratedMedia(tx, {
      villageId,
      kind: 'panorama',
      altZh: `生成的示例全景：${demo.nameZh}第 ${index + 1} 处`,
      altEn: `Generated sample panorama ${index + 1} of ${demo.nameEn}`,
      bytes: await generateDemoPanorama(seedBase + 10 + index, { widthPx: 2048 }),
      sortOrder: 10 + index,
    });
    stored += 1;
    const [row] = await tx
      .insert(villagesPanoramas)
      .values({ villageId, mediaId: media.id, titleZh: index === 0 ? '村口' : `巷道 ${index}`, titleEn: index === 0 ? 'Village entrance' : `Lane ${index}`, headingDeg: 0, sortOrder: index })
      .returning({ id: villagesPanoramas.id });
    panoramaIds.push(row!.id);
  }
  for (const [index, panoramaId] of panoramaIds.entries()) {
    const hotspots: PanoramaHotspot[] = [];
    if (firstBuilding) hotspots.push({ yawDeg: -35, pitchDeg: 2, target: { kind: 'building', id: firstBuilding }, labelZh: demo.buildings[0]!.nameZh, labelEn: demo.buildings[0]!.nameEn });
    if (panoramaIds.length > 1) {
      const next = panoramaIds[(index + 1) % panoramaIds.length]!;
      hotspots.push({ yawDeg: 60, pitchDeg: -5, target: { kind: 'panorama', id: next }, labelZh: '前往下一处', labelEn: 'To the next view' });
    }
    await tx.update(villagesPanoramas).set({ hotspots }).where(eq(villagesPanoramas.id, panoramaId));
  }
  return stored;
};

/** The generated subject that looks most like a building type. */
function photoSubjectOf(type: BuildingType): DemoPhotoSubject {
  if (type === 'ancestral-hall' || type === 'academy' || type === 'temple' || type === 'stage') return 'ancestral-hall';
  if (type === 'bridge') return 'bridge';
  return 'residence';
}

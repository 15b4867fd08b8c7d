import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { NotFoundError } from '@kernel/errors';
import type { Db } from '@server/db/client';
import { villagesVillages } from '@server/db/schema/villages';
import type { ObjectStore } from '@server/storage/object-store';
import { getObjectStore } from '@server/storage/shared-store';
import { DEMO_PHOTO_SUBJECTS, panoramaSvg, photoSvg, type DemoPhotoSubject } from './demo-scenery-svg';
import { buildImageVariants, IMAGE_VARIANTS_DEFAULTS, sha256Hex, type MediaKind } from './image-variants';
import { insertProcessedMedia, mediaBySource, type MediaRecord } from './media-service';

/**
 * Generated demo imagery (示例图像) for the seeded demo villages: panoramas and photos rendered with sharp from SVG
 * scenes of a Huizhou-style village (./demo-scenery-svg.ts), deterministic per seed, never a photograph of
 * anywhere. Rows made from them are `is_generated`, and their alt text says so; the panoramas carry no label in the
 * image (it would float in the viewer's sky).
 *
 * Notes: measured on the 2-core build machine (demo-imagery.test.ts checks < 1.5 s of CPU): a 4096 × 2048 panorama
 * renders and encodes (JPEG q88) in ≈ 0.26–0.32 s of CPU (0.7–1.1 s wall under a load average of 12), a
 * 1600 × 1067 photo in ≈ 0.04 s of CPU (0.2 s wall).
 */

export { DEMO_PHOTO_SUBJECTS, type DemoPhotoSubject };

/** Options of {@link generateDemoPanorama}. */
export interface DemoPanoramaOptions {
  /** Width, px (height = width / 2, equirectangular); 1024–8192. */
  widthPx?: number;
  /** JPEG quality 1–100. */
  quality?: number;
}

/** Defaults of {@link generateDemoPanorama}. */
export const DEMO_PANORAMA_DEFAULTS = { widthPx: 4096, quality: 88 } satisfies Required<DemoPanoramaOptions>;

/** Options of {@link generateDemoPhoto}. */
export interface DemoPhotoOptions {
  /** Width, px (height = width × 2/3); 320–4096. */
  widthPx?: number;
  quality?: number;
}

/** Defaults of {@link generateDemoPhoto}: 1600 × 1067. */
export const DEMO_PHOTO_DEFAULTS = { widthPx: 1600, quality: 88 } satisfies Required<DemoPhotoOptions>;

/**
 * A generated equirectangular panorama of a village by a river, as JPEG bytes.
 * @param seed any integer; the same seed gives the same bytes (with the same sharp/libvips build)
 * @returns JPEG, `widthPx` × `widthPx / 2` (default 4096 × 2048)
 */
export async function generateDemoPanorama(seed: number, options: DemoPanoramaOptions = {}): Promise<Buffer> {
  const { widthPx, quality } = { ...DEMO_PANORAMA_DEFAULTS, ...options };
  return sharp(Buffer.from(panoramaSvg(seed, widthPx))).jpeg({ quality }).toBuffer();
}

/**
 * A generated photo-like image of a village `subject` (3:2), as JPEG bytes.
 * @param seed any integer; the same seed gives the same bytes
 * @returns JPEG, `widthPx` × round(`widthPx` × 2/3) (default 1600 × 1067)
 */
export async function generateDemoPhoto(seed: number, subject: DemoPhotoSubject, options: DemoPhotoOptions = {}): Promise<Buffer> {
  const { widthPx, quality } = { ...DEMO_PHOTO_DEFAULTS, ...options };
  return sharp(Buffer.from(photoSvg(seed, subject, widthPx))).jpeg({ quality }).toBuffer();
}

/** What {@link storeGeneratedMedia} stores. */
export interface GeneratedMediaInput {
  villageId: string;
  kind: MediaKind;
  /** Alternative text; say that the image is generated (e.g. `生成的示例全景：…`). */
  altZh: string;
  altEn: string | null;
  buildingId?: string | null;
  /** The generated image (from {@link generateDemoPanorama} / {@link generateDemoPhoto}). */
  bytes: Buffer;
  sortOrder: number;
}

/**
 * Stores a generated image as a media row of a village (variants, row `is_generated`, credit `示例图像（程序生成）`),
 * audited as the CLI actor `cli:seed`. Idempotent: when the village already has a row made from the same bytes
 * (same SHA-256), that row is returned and nothing is written.
 * @param store where variants go (default: the plate host's object store)
 * @returns the row and whether it was created now
 * @throws {NotFoundError} no such village; {InputError} bytes that are not a valid image of `kind`
 */
export async function storeGeneratedMedia(db: Db, input: GeneratedMediaInput, store: ObjectStore = getObjectStore()): Promise<{ media: MediaRecord; created: boolean }> {
  const existing = await mediaBySource(db, input.villageId, sha256Hex(input.bytes));
  if (existing) return { media: existing, created: false };
  const [village] = await db.select({ regionCode: villagesVillages.regionCode }).from(villagesVillages).where(eq(villagesVillages.id, input.villageId));
  if (!village) throw new NotFoundError(`villages: no village ${input.villageId}`, { context: { villageId: input.villageId } });
  const image = await buildImageVariants(input.bytes, input.kind, IMAGE_VARIANTS_DEFAULTS);
  const fields = {
    villageId: input.villageId,
    kind: input.kind,
    altZh: input.altZh,
    altEn: input.altEn,
    buildingId: input.buildingId ?? null,
    credit: '示例图像（程序生成）',
    sortOrder: input.sortOrder,
    isGenerated: true,
  };
  return { media: await insertProcessedMedia(db, store, { cli: 'seed' }, village.regionCode, fields, image), created: true };
}

import { Readable } from 'node:stream';
import { and, asc, eq, sql } from 'drizzle-orm';
import { ConflictError, InputError, NotFoundError, ScopeError } from '@kernel/errors';
import { changedFields, recordAudit, type AuditActor, type CliActor } from '@server/accounts/audit';
import { regionCovers } from '@server/accounts/region-scope';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { villagesBuildings, villagesMedia, villagesPanoramas, villagesVillages, type MediaVariant } from '@server/db/schema/villages';
import type { ObjectStore } from '@server/storage/object-store';
import { getObjectStore } from '@server/storage/shared-store';
import { isVillagesCurator } from '../curator-roles';
import { villagesEnv } from '../villages-env';
import { buildImageVariants, IMAGE_VARIANTS_DEFAULTS, sha256Hex, type ImageVariants, type MediaKind } from './image-variants';
import type { CreateMediaInput, UpdateMediaInput } from './media-inputs';

/**
 * The working media rows of a village (photos and panoramas), for curators in region scope: create from uploaded
 * bytes, edit the text, delete. Anonymous readers never see these rows; they read the published document.
 *
 * Notes: variants are stored before the row is written, under content-addressed keys
 * (`villages/media/<sha256>/<width>.<format>`): a failed insert leaves only objects that the next upload of the
 * same image reuses, and a half-stored upload is never visible because nothing refers to it. Objects are never
 * deleted with a row (another row or a published document may name the same key).
 */

/** A media row as curators see it. */
export interface MediaRecord {
  id: string;
  villageId: string;
  buildingId: string | null;
  kind: MediaKind;
  altZh: string;
  altEn: string | null;
  captionZh: string;
  captionEn: string | null;
  credit: string;
  sourceSha256: string;
  /** Oriented size of the source, px. */
  width: number;
  height: number;
  variants: MediaVariant[];
  isGenerated: boolean;
  sortOrder: number;
  createdAt: Date;
}

const MEDIA_COLUMNS = {
  id: villagesMedia.id,
  villageId: villagesMedia.villageId,
  buildingId: villagesMedia.buildingId,
  kind: villagesMedia.kind,
  altZh: villagesMedia.altZh,
  altEn: villagesMedia.altEn,
  captionZh: villagesMedia.captionZh,
  captionEn: villagesMedia.captionEn,
  credit: villagesMedia.credit,
  sourceSha256: villagesMedia.sourceSha256,
  width: villagesMedia.width,
  height: villagesMedia.height,
  variants: villagesMedia.variants,
  isGenerated: villagesMedia.isGenerated,
  sortOrder: villagesMedia.sortOrder,
  createdAt: villagesMedia.createdAt,
};

/** The village a curator works on: its region decides the scope. */
interface ScopedVillage {
  id: string;
  regionCode: string;
  coverMediaId: string | null;
}

/**
 * The village `villageId` if `actor` may curate it.
 * @throws {ScopeError} not a curator (./curator-roles.ts)
 * @throws {NotFoundError} no such village in the actor's region
 */
async function curatedVillage(db: Db, actor: Actor, villageId: string): Promise<ScopedVillage> {
  const { role } = actor;
  if (actor.mustChangePassword) throw new ScopeError('villages: change the one-time password first');
  if (!isVillagesCurator(actor)) throw new ScopeError(`villages: role ${role} may not curate village media (needs officer or admin)`);
  const [village] = await db
    .select({ id: villagesVillages.id, regionCode: villagesVillages.regionCode, coverMediaId: villagesVillages.coverMediaId })
    .from(villagesVillages)
    .where(eq(villagesVillages.id, villageId));
  // Outside the actor's region answers as if absent (no probing), like the curators' editor (../curate/village-scope.ts).
  if (!village || !regionCovers(actor.regionCode, village.regionCode)) throw new NotFoundError(`villages: no village ${villageId} in your region`, { context: { villageId } });
  return village;
}

/**
 * The media row `id` and its village, if `actor` may curate it.
 * @throws {ScopeError} not a curator
 * @throws {NotFoundError} no such row, or its village lies outside the actor's region: one message naming only the
 *   medium. Fix of the 2026-12 review (attack.test.ts): the refusal named the medium's village id (and so told a
 *   foreign medium from a missing one).
 */
async function curatedMedia(db: Db, actor: Actor, id: string): Promise<{ media: MediaRecord; village: ScopedVillage }> {
  const notFound = () => new NotFoundError(`villages: no media ${id} in your region`, { context: { mediaId: id } });
  const [media] = await db.select(MEDIA_COLUMNS).from(villagesMedia).where(eq(villagesMedia.id, id));
  if (!media) throw notFound();
  const village = await curatedVillage(db, actor, media.villageId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? notFound() : error;
  });
  return { media, village };
}

/** @throws {InputError} when `buildingId` is not a building of `villageId` */
async function assertBuildingOfVillage(db: Db, villageId: string, buildingId: string | null | undefined): Promise<void> {
  if (!buildingId) return;
  const [building] = await db.select({ id: villagesBuildings.id }).from(villagesBuildings).where(and(eq(villagesBuildings.id, buildingId), eq(villagesBuildings.villageId, villageId)));
  if (!building) throw new InputError(`buildingId: ${buildingId} is not a building of village ${villageId}`, { context: { buildingId, villageId } });
}

/** Marks the village as changed since its last publish. */
async function markDraftChanged(db: Db, villageId: string, who: AuditActor | CliActor): Promise<void> {
  await db
    .update(villagesVillages)
    .set({ hasDraftChanges: true, updatedAt: new Date(), ...('cli' in who ? {} : { updatedBy: who.userId }) })
    .where(eq(villagesVillages.id, villageId));
}

/**
 * Stores every variant file (skipping keys already present: same key, same content) under the object store.
 * @param store the plate host's object store (server/storage/shared-store.ts in the app)
 */
export async function storeVariantFiles(store: ObjectStore, files: ImageVariants['files']): Promise<void> {
  await Promise.all(
    files.map(async (file) => {
      if (await store.exists(file.variant.key)) return;
      await store.putStream(file.variant.key, Readable.from(file.data), { contentType: file.contentType });
    }),
  );
}

/** A media row of `villageId` made from `sourceSha256`, or null. */
export async function mediaBySource(db: Db, villageId: string, sourceSha256: string): Promise<MediaRecord | null> {
  const [row] = await db.select(MEDIA_COLUMNS).from(villagesMedia).where(and(eq(villagesMedia.villageId, villageId), eq(villagesMedia.sourceSha256, sourceSha256)));
  return row ?? null;
}

/** What {@link insertProcessedMedia} writes besides the processed image. */
export interface ProcessedMediaFields extends CreateMediaInput {
  isGenerated: boolean;
}

/**
 * Stores the variants, then inserts the row, flags the village as changed and records the audit entry in one
 * transaction (shared by uploads and the seed's generated imagery).
 * @param regionCode the village's region (audit scope)
 * @param who the signed-in curator, or the CLI actor of a seed
 */
export async function insertProcessedMedia(db: Db, store: ObjectStore, who: AuditActor | CliActor, regionCode: string, fields: ProcessedMediaFields, image: ImageVariants): Promise<MediaRecord> {
  await storeVariantFiles(store, image.files);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(villagesMedia)
      .values({
        villageId: fields.villageId,
        buildingId: fields.buildingId ?? null,
        kind: fields.kind,
        altZh: fields.altZh,
        altEn: fields.altEn ?? null,
        captionZh: fields.captionZh ?? '',
        captionEn: fields.captionEn ?? null,
        credit: fields.credit ?? '',
        sourceSha256: image.sourceSha256,
        width: image.width,
        height: image.height,
        variants: image.variants,
        isGenerated: fields.isGenerated,
        sortOrder: fields.sortOrder ?? 0,
        createdBy: 'cli' in who ? null : who.userId,
      })
      .returning(MEDIA_COLUMNS);
    await markDraftChanged(tx, fields.villageId, who);
    await recordAudit(tx, who, {
      action: 'create',
      tableName: 'villages_media',
      recordId: row.id,
      recordRegionCode: regionCode,
      after: { villageId: row.villageId, kind: row.kind, altZh: row.altZh, buildingId: row.buildingId, sourceSha256: row.sourceSha256, width: row.width, height: row.height, isGenerated: row.isGenerated },
    });
    return row;
  });
}

/**
 * Adds an uploaded image to a village: validated and encoded (./image-variants.ts), variants stored, row inserted,
 * village flagged `has_draft_changes`, audited. Nothing is public until the village is published.
 * @param bytes the uploaded file (≤ VILLAGES_MEDIA_MAX_BYTES)
 * @param store where variants go (default: the plate host's object store)
 * @returns the new row
 * @throws {ScopeError} not a curator of the village's region; {NotFoundError} no such village
 * @throws {InputError} a bad image (format, size, panorama ratio) or a building of another village
 * @throws {ConflictError} the same image (same SHA-256) is already a media row of this village
 * @throws {ImageTooLargeError} over the byte or pixel limit
 */
export async function createMedia(db: Db, actor: Actor, input: CreateMediaInput, bytes: Buffer, store: ObjectStore = getObjectStore()): Promise<MediaRecord> {
  const village = await curatedVillage(db, actor, input.villageId);
  await assertBuildingOfVillage(db, village.id, input.buildingId);
  const existing = await mediaBySource(db, village.id, sha256Hex(bytes));
  if (existing) throw new ConflictError(`villages: this image is already media ${existing.id} of the village ("${existing.altZh}")`, { context: { mediaId: existing.id } });
  const image = await buildImageVariants(bytes, input.kind, { ...IMAGE_VARIANTS_DEFAULTS, maxBytes: villagesEnv().VILLAGES_MEDIA_MAX_BYTES });
  return insertProcessedMedia(db, store, actor, village.regionCode, { ...input, isGenerated: false }, image);
}

/**
 * The media rows of a village, panoramas first, then by sort order and age.
 * @throws {ScopeError} {NotFoundError} as {@link createMedia}
 */
export async function listVillageMedia(db: Db, actor: Actor, villageId: string): Promise<MediaRecord[]> {
  await curatedVillage(db, actor, villageId);
  return db
    .select(MEDIA_COLUMNS)
    .from(villagesMedia)
    .where(eq(villagesMedia.villageId, villageId))
    .orderBy(sql`${villagesMedia.kind} = 'photo'`, asc(villagesMedia.sortOrder), asc(villagesMedia.createdAt), asc(villagesMedia.id));
}

/**
 * Changes the text, building or order of a media row (the image itself never changes: upload a new one).
 * @returns the updated row
 * @throws {ScopeError} {NotFoundError}; {InputError} a building of another village
 */
export async function updateMedia(db: Db, actor: Actor, input: UpdateMediaInput): Promise<MediaRecord> {
  const { media, village } = await curatedMedia(db, actor, input.id);
  await assertBuildingOfVillage(db, village.id, input.buildingId);
  const { id, ...wanted } = input;
  const changes = Object.fromEntries(Object.entries(wanted).filter(([, value]) => value !== undefined)) as Partial<MediaRecord>;
  const diff = changedFields(media as unknown as Record<string, unknown>, changes as Record<string, unknown>);
  if (Object.keys(diff.after).length === 0) return media;
  return db.transaction(async (tx) => {
    const [row] = await tx.update(villagesMedia).set(diff.after).where(eq(villagesMedia.id, id)).returning(MEDIA_COLUMNS);
    await markDraftChanged(tx, village.id, actor);
    await recordAudit(tx, actor, { action: 'update', tableName: 'villages_media', recordId: id, recordRegionCode: village.regionCode, ...diff });
    return row;
  });
}

/**
 * Deletes a media row (its stored variants stay: see the module notes).
 * @returns the deleted row's id
 * @throws {ConflictError} when a panorama stop shows it or it is the village's cover
 * @throws {ScopeError} {NotFoundError}
 */
export async function deleteMedia(db: Db, actor: Actor, id: string): Promise<{ id: string }> {
  const { media, village } = await curatedMedia(db, actor, id);
  const panoramas = await db.select({ id: villagesPanoramas.id, titleZh: villagesPanoramas.titleZh }).from(villagesPanoramas).where(eq(villagesPanoramas.mediaId, id));
  if (panoramas.length > 0) {
    throw new ConflictError(`villages: media ${id} is the image of panorama "${panoramas[0].titleZh}"${panoramas.length > 1 ? ` and ${panoramas.length - 1} more` : ''}; delete or change the panorama first`, { context: { panoramaIds: panoramas.map((p) => p.id) } });
  }
  if (village.coverMediaId === id) throw new ConflictError(`villages: media ${id} is the village's cover; choose another cover first`, { context: { mediaId: id } });
  await db.transaction(async (tx) => {
    await tx.delete(villagesMedia).where(eq(villagesMedia.id, id));
    await markDraftChanged(tx, village.id, actor);
    await recordAudit(tx, actor, {
      action: 'delete',
      tableName: 'villages_media',
      recordId: id,
      recordRegionCode: village.regionCode,
      before: { villageId: media.villageId, kind: media.kind, altZh: media.altZh, sourceSha256: media.sourceSha256 },
    });
  });
  return { id };
}

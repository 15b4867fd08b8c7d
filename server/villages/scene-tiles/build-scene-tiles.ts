import { MeshoptEncoder } from 'meshoptimizer';
import { InputError } from '@kernel/errors';
import type { Logger } from '@kernel/logger';
import { enuToEcefAt } from '@kernel/wgs84-ecef';
import { SCENE_COLOURS } from '@data/villages/layers';
import { ReportBuilder, TileCompressor } from '@tiling/index';
import type { PublicVillage } from '../public-village-types';
import { appendBuilding, emptyBuildingsMesh, PRISM_DEFAULTS, type SceneBuilding } from './building-prism';
import { SCENE_CONTENT_URI, SCENE_GEOMETRIC_ERROR_M } from './scene-tiles-keys';
import { createSceneTileDocument, MAX_BUILDINGS_PER_DOCUMENT, type SceneBuildingRow } from './scene-tile-document';

/**
 * Builds the 3D Tiles 1.1 tileset of one village's historic buildings from its published document: one root tile
 * whose content is one GLB (`buildings.glb`: every building with a footprint, walls + roof, pickable by building id
 * through EXT_mesh_features/EXT_structural_metadata; ./scene-tile-document.ts), meshopt-compressed with the tiler's
 * TileCompressor. Frames: ./building-prism.ts.
 *
 * Notes
 * - One tile is enough: a village has tens to a few hundred buildings (≈ 14 triangles each), a few tens of kB.
 * - Level of detail: the root tile has geometric error 0 (a leaf); the composed tileset (./scene-tile-response.ts)
 *   references each village with {@link SCENE_GEOMETRIC_ERROR_M}, so CesiumJS loads a village's blocks once the
 *   camera is within ≈ 48 × that distance at 900 px and 16 px SSE (≈ 5 km) — never at the province overview.
 * - A building whose footprint cannot be extruded (bad ring, no area) is left out and listed in `skipped` with the
 *   reason; the rest still build.
 */

/** Eave height drawn when the document gives none, metres (one storey and a half: the common 2-storey 民居). */
export const DEFAULT_BUILDING_HEIGHT_M = 6;

/** Largest position rounding error of the compressed GLB, metres. */
export const SCENE_MAX_POSITION_ERROR_M = 0.005;

/** What the builder needs. */
export interface SceneTilesContext {
  logger: Logger;
  /** Stores one output file (`tileset.json`, `buildings.glb`), relative POSIX path. */
  writeFile(relPath: string, bytes: Uint8Array): Promise<void>;
}

/** What one build produced. */
export interface SceneTilesResult {
  code: string;
  buildingCount: number;
  /** Gable / flat roofs drawn. */
  gableCount: number;
  flatCount: number;
  triangleCount: number;
  /** Buildings left out, with the reason (bad footprint). Buildings without a footprint are not listed. */
  skipped: { id: string; reason: string }[];
  /** Bytes of every file written (tileset.json included). */
  bytes: number;
  /** ENU origin of the tileset frame: lon/lat degrees, height 0. */
  originDeg: [number, number];
  /** `region` bounding volume: west, south, east, north radians; min, max height metres (ellipsoidal). */
  boundingRegion: [number, number, number, number, number, number];
}

/** The parts of a published document the builder reads. */
export type SceneSource = Pick<PublicVillage, 'code' | 'buildings'>;

/**
 * Builds the tileset of one published village.
 * @returns counts, bytes and the bounding region; `null` when no building has a drawable footprint (nothing written)
 * @throws {InputError} when the document holds more than {@link MAX_BUILDINGS_PER_DOCUMENT} buildings with footprints
 */
export async function buildSceneTiles(source: SceneSource, ctx: SceneTilesContext): Promise<SceneTilesResult | null> {
  const candidates: { building: SceneBuilding; row: SceneBuildingRow }[] = [];
  for (const b of source.buildings) {
    if (!b.footprint || b.footprint.type !== 'Polygon') continue;
    const heightM = b.heightM !== null && b.heightM > 0 ? b.heightM : DEFAULT_BUILDING_HEIGHT_M;
    candidates.push({
      building: { id: b.id, footprint: b.footprint.coordinates, heightM },
      row: { id: b.id, name: b.nameZh, nameEn: b.nameEn ?? '', villageCode: source.code, buildingType: b.buildingType, protectionLevel: b.protectionLevel, heightM },
    });
  }
  if (candidates.length > MAX_BUILDINGS_PER_DOCUMENT) {
    throw new InputError(`scene tiles ${source.code}: ${candidates.length} buildings with footprints, more than ${MAX_BUILDINGS_PER_DOCUMENT}`);
  }
  // Lon/lat extent of the outer rings: [west, south, east, north] degrees.
  const extent = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { building } of candidates) {
    for (const [lon, lat] of building.footprint[0] ?? []) {
      if (!(Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) continue;
      extent[0] = Math.min(extent[0], lon);
      extent[1] = Math.min(extent[1], lat);
      extent[2] = Math.max(extent[2], lon);
      extent[3] = Math.max(extent[3], lat);
    }
  }
  if (!Number.isFinite(extent[0])) return null;
  const lon0 = (extent[0] + extent[2]) / 2;
  const lat0 = (extent[1] + extent[3]) / 2;
  const enuToEcef = enuToEcefAt(lon0, lat0, 0);
  const centre: [number, number, number] = [0, 0, 0];

  const mesh = emptyBuildingsMesh();
  const rows: SceneBuildingRow[] = [];
  const skipped: SceneTilesResult['skipped'] = [];
  let gableCount = 0;
  for (const { building, row } of candidates) {
    // A failed building must leave nothing behind: build it into its own mesh first.
    const own = emptyBuildingsMesh();
    try {
      const { roof } = appendBuilding(own, building, enuToEcef, centre, rows.length, PRISM_DEFAULTS);
      if (roof === 'gable') gableCount++;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      skipped.push({ id: building.id, reason: error.message });
      continue;
    }
    for (const part of ['walls', 'roofs'] as const) {
      const target = mesh[part];
      const base = target.positions.length / 3;
      target.positions.push(...own[part].positions);
      target.normals.push(...own[part].normals);
      target.featureIds.push(...own[part].featureIds);
      for (const index of own[part].indices) target.indices.push(base + index);
    }
    for (let i = 0; i < 3; i++) {
      mesh.boundsEnu[i] = Math.min(mesh.boundsEnu[i], own.boundsEnu[i]);
      mesh.boundsEnu[i + 3] = Math.max(mesh.boundsEnu[i + 3], own.boundsEnu[i + 3]);
    }
    rows.push(row);
  }
  for (const { id, reason } of skipped) ctx.logger.warn(`scene tiles ${source.code}: building ${id} left out: ${reason}`);
  if (rows.length === 0) return null;

  await MeshoptEncoder.ready;
  const compressor = new TileCompressor({ maxPositionErrorM: SCENE_MAX_POSITION_ERROR_M }, { logger: ctx.logger, report: new ReportBuilder(), meshoptEncoder: MeshoptEncoder });
  const document = createSceneTileDocument(rows, mesh, centre, SCENE_COLOURS);
  const glb = await compressor.compress({ path: SCENE_CONTENT_URI, document });
  compressor.finish();
  await ctx.writeFile(SCENE_CONTENT_URI, glb);

  const b = mesh.boundsEnu;
  const padM = 2 * SCENE_MAX_POSITION_ERROR_M;
  const box = [(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2, (b[3] - b[0]) / 2 + padM, 0, 0, 0, (b[4] - b[1]) / 2 + padM, 0, 0, 0, (b[5] - b[2]) / 2 + padM];
  const tileset = {
    asset: { version: '1.1', generator: 'GanTwin villages scene tiles' },
    geometricError: SCENE_GEOMETRIC_ERROR_M,
    root: { transform: enuToEcef, boundingVolume: { box }, geometricError: 0, refine: 'REPLACE', content: { uri: SCENE_CONTENT_URI } },
  };
  const json = new TextEncoder().encode(JSON.stringify(tileset));
  await ctx.writeFile('tileset.json', json);

  // Region: the footprints' lon/lat extent padded by 1 m (and the compression error), heights from ground to ridge.
  const DEG = Math.PI / 180;
  const padDeg = 1 / 111_000;
  const padLonDeg = padDeg / Math.max(0.01, Math.cos(lat0 * DEG));
  const boundingRegion: SceneTilesResult['boundingRegion'] = [
    (extent[0] - padLonDeg) * DEG,
    (extent[1] - padDeg) * DEG,
    (extent[2] + padLonDeg) * DEG,
    (extent[3] + padDeg) * DEG,
    Math.min(0, b[2]) - 1,
    b[5] + 1,
  ];
  const triangleCount = (mesh.walls.indices.length + mesh.roofs.indices.length) / 3;
  const bytes = glb.byteLength + json.byteLength;
  ctx.logger.info(`scene tiles ${source.code}: ${rows.length} buildings (${gableCount} gable), ${triangleCount} triangles, ${bytes} bytes, ${skipped.length} skipped`);
  return {
    code: source.code,
    buildingCount: rows.length,
    gableCount,
    flatCount: rows.length - gableCount,
    triangleCount,
    skipped,
    bytes,
    originDeg: [lon0, lat0],
    boundingRegion,
  };
}

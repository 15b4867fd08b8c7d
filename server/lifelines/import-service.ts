import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { recordAudit } from '@server/accounts/audit';
import { regionScopeSql } from '@server/accounts/region-scope';
import type { Actor } from '@server/api/actor';
import { ZipTooLargeError } from '@server/api/safe-zip';
import type { Db } from '@server/db/client';
import type { PipeNetwork } from '@server/db/schema/lifelines';
import { parseGeoJsonText, readShapefileZip, type RawFeature } from '@server/geo/vector-file';
import { ConflictError, InputError, ScopeError } from '@kernel/errors';
import { pipeAxisCoordinates, readNetworkFeatures, type ImportRejection, type NodeCandidate, type PipeCandidate } from './import-features';
import type { NetworkImportFields } from './inputs';
import { enqueueNetworkTilesBuild } from './network-tiles/build-network-tiles-job';

/**
 * Importing surveyed pipes and nodes (管线探测成果) into the caller's region from a GeoJSON file or a zipped
 * Shapefile in a declared CRS: all or nothing, bounded, with a report.
 *
 * Notes:
 * - Reading and attribute mapping: ./import-features.ts (pure). Then PostGIS checks every feature against the
 *   caller's region (`regions.boundary` of the actor's region must cover the whole geometry) and its code against the
 *   stored codes. Any rejected feature → nothing is written and the report lists the rejections (first
 *   {@link MAX_LISTED_REJECTIONS}, all counted).
 * - Topology, in one transaction: file nodes are inserted first; each segment end then snaps to the nearest node of
 *   its network (stored or just imported) within `snapToleranceM` (KNN `<->` on the GiST index, distance checked on
 *   the spheroid); the ends left over are clustered per network with `ST_ClusterDBSCAN` (eps = tolerance, on a local
 *   equirectangular plane in metres) and each cluster becomes a new junction node at its members' mean position and
 *   mean axis depth. A segment's end vertices move to their node; Z follows the plate's convention
 *   (./import-features.ts `pipeAxisCoordinates`). A segment whose two ends reach the same node is rejected.
 * - Region of a row: the county within the caller's scope containing the node or the segment's midpoint, else the
 *   caller's region; a new junction takes the region of the first segment that made it.
 * - Audit: one row per table written (`lifelines_nodes`, `lifelines_pipes`) with the import id as record id and the
 *   file, CRS, counts and first codes (a row per feature would add up to 20 000 inserts to one import).
 * - The 3D Tiles of every region and network written are queued for a rebuild in the same transaction
 *   (`lifelines.build-network-tiles`, ./network-tiles/).
 * - Codes: the file's, else `IMP-<import>-P<feature index>` / `-N<index>`, junctions `IMP-<import>-J<n>`.
 * @see docs/api.md "Network import"
 */

/** Most rejections listed in a report (all are counted). */
export const MAX_LISTED_REJECTIONS = 100;
/** Roles that import networks. */
export const NETWORK_IMPORT_ROLES = ['inspector', 'officer', 'admin'] as const;

/** Bounds of one import (server/lifelines/lifelines-env.ts). */
export interface NetworkImportLimits {
  /** Largest file and largest inflated .shp/.dbf, bytes. */
  maxFileBytes: number;
  /** Most features in the file. */
  maxFeatures: number;
}

/** The answer of an import, whether it was written or not. */
export interface NetworkImportReport {
  /** True when everything was written; false when features were rejected and nothing was written. */
  committed: boolean;
  importId: string;
  crsLabel: string;
  featureCount: number;
  imported: { pipes: number; nodes: number; junctions: number };
  /** Segment ends moved (by more than 1 mm) onto a node: snapped to an existing node or merged with other ends. */
  snappedEnds: number;
  rejectedCount: number;
  /** The first {@link MAX_LISTED_REJECTIONS} rejections, by feature index. */
  rejected: ImportRejection[];
  /** The networks written, by region. */
  changes: { regionCode: string; network: PipeNetwork }[];
}

/** Rejections found inside the transaction: it rolls back and the report lists them. */
class RejectedInTransaction extends Error {
  constructor(readonly rejections: ImportRejection[]) {
    super('rejected');
  }
}

/** The file's raw features within the limits. @throws {ZipTooLargeError} @throws {InputError} */
async function readFeatures(file: string, fileName: string, limits: NetworkImportLimits): Promise<RawFeature[]> {
  const size = (await stat(file)).size;
  if (size > limits.maxFileBytes) throw new ZipTooLargeError(`import: file of ${size} bytes, at most ${limits.maxFileBytes}`);
  const head = Buffer.alloc(4);
  const handle = await readFile(file);
  handle.copy(head, 0, 0, 4);
  const isZip = path.extname(fileName).toLowerCase() === '.zip';
  const looksZip = head.readUInt32LE(0) === 0x04034b50;
  if (isZip !== looksZip) throw new InputError(isZip ? 'import: the file is named .zip but is not a zip archive' : 'import: the file is a zip archive; name it .zip (a zipped Shapefile)');
  const raw = isZip ? await readShapefileZip(file, { maxFileBytes: limits.maxFileBytes, maxFeatures: limits.maxFeatures, maxZipEntries: 32 }) : parseGeoJsonText(handle.toString('utf8').replaceAll('\u0000', ''));
  if (raw.length === 0) throw new InputError('import: the file has no features');
  if (raw.length > limits.maxFeatures) throw new ZipTooLargeError(`import: ${raw.length} features, at most ${limits.maxFeatures}`);
  return raw;
}

/** Where each candidate lies: inside the actor's region, and the region code its row gets. */
async function regionsOf(db: Db, actor: Actor, pipes: PipeCandidate[], nodes: NodeCandidate[]): Promise<{ pipeRegions: string[]; nodeRegions: string[]; outside: ImportRejection[] }> {
  const [own] = (await db.execute<{ code: string }>(sql`SELECT code FROM regions WHERE code = ${actor.regionCode}`)).rows;
  if (!own) throw new InputError(`import: your region ${actor.regionCode} has no boundary in the regions table; nothing can be checked against it`);
  const shapes = [
    ...pipes.map((pipe) => ({ g: JSON.stringify({ type: 'LineString', coordinates: pipe.positions }) })),
    ...nodes.map((node) => ({ g: JSON.stringify({ type: 'Point', coordinates: [node.lonDeg, node.latDeg] }) })),
  ];
  const { rows } = await db.execute<{ i: number; inside: boolean; region: string | null }>(sql`
    WITH own AS (SELECT boundary FROM regions WHERE code = ${actor.regionCode}),
         f AS (SELECT (e.ordinality - 1)::int AS i, ST_SetSRID(ST_GeomFromGeoJSON(e.value->>'g'), 4326) AS g
                 FROM jsonb_array_elements(${JSON.stringify(shapes)}::jsonb) WITH ORDINALITY AS e)
    SELECT f.i, ST_Covers(own.boundary, f.g) AS inside,
           (SELECT r.code FROM regions r
             WHERE r.level = 'county' AND ${regionScopeSql(sql`r.code`, actor.regionCode)}
               AND ST_Contains(r.boundary, CASE WHEN GeometryType(f.g) = 'POINT' THEN f.g ELSE ST_LineInterpolatePoint(f.g, 0.5) END)
             ORDER BY r.code LIMIT 1) AS region
      FROM f CROSS JOIN own ORDER BY f.i`);
  const outside: ImportRejection[] = [];
  const regionOf = rows.map((row) => row.region ?? actor.regionCode);
  rows.forEach((row) => {
    if (row.inside) return;
    const candidate = row.i < pipes.length ? pipes[row.i] : nodes[row.i - pipes.length];
    outside.push({ featureIndex: candidate.featureIndex, code: candidate.code, reason: `lies (partly) outside your region ${actor.regionCode}` });
  });
  return { pipeRegions: regionOf.slice(0, pipes.length), nodeRegions: regionOf.slice(pipes.length), outside };
}

/** Candidates whose code is stored already. */
async function takenCodes(db: Db, pipes: PipeCandidate[], nodes: NodeCandidate[]): Promise<ImportRejection[]> {
  const pipeCodes = pipes.flatMap((pipe) => (pipe.code ? [pipe.code] : []));
  const nodeCodes = nodes.flatMap((node) => (node.code ? [node.code] : []));
  const { rows } = await db.execute<{ code: string; kind: 'pipe' | 'node' }>(sql`
    SELECT code, 'pipe' AS kind FROM lifelines_pipes WHERE code = ANY(${`{${pipeCodes.map(arrayItem).join(',')}}`}::text[])
    UNION ALL SELECT code, 'node' FROM lifelines_nodes WHERE code = ANY(${`{${nodeCodes.map(arrayItem).join(',')}}`}::text[])`);
  const taken = new Set(rows.map((row) => `${row.kind}:${row.code}`));
  return [
    ...pipes.filter((pipe) => pipe.code && taken.has(`pipe:${pipe.code}`)).map((pipe) => ({ featureIndex: pipe.featureIndex, code: pipe.code, reason: `code ${pipe.code} exists already` })),
    ...nodes.filter((node) => node.code && taken.has(`node:${node.code}`)).map((node) => ({ featureIndex: node.featureIndex, code: node.code, reason: `code ${node.code} exists already` })),
  ];
}

/** One element of a Postgres text-array literal (quoted, `"` and `\` escaped). */
function arrayItem(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** A report that wrote nothing. */
function rejectedReport(base: Omit<NetworkImportReport, 'committed' | 'rejected' | 'rejectedCount' | 'imported' | 'snappedEnds' | 'changes'>, rejections: ImportRejection[]): NetworkImportReport {
  const sorted = [...rejections].sort((a, b) => a.featureIndex - b.featureIndex);
  return { ...base, committed: false, imported: { pipes: 0, nodes: 0, junctions: 0 }, snappedEnds: 0, rejectedCount: sorted.length, rejected: sorted.slice(0, MAX_LISTED_REJECTIONS), changes: [] };
}

/**
 * Reads, checks and writes an uploaded network file (see module notes).
 * @param file path of the uploaded file (the caller deletes it); `.zip` = Shapefile, otherwise GeoJSON text
 * @param options.fileName the name as uploaded (recorded, cut and cleaned, in the audit row)
 * @returns the report; `committed: false` when any feature was rejected (nothing written)
 * @throws {ScopeError} for a role that may not import; {@link InputError} for an unreadable file, a bad CRS or a
 *   file without features; {@link ZipTooLargeError} past the limits; {@link ConflictError} when a code was taken
 *   meanwhile (nothing written)
 */
export async function importNetwork(db: Db, actor: Actor, fields: NetworkImportFields, file: string, options: { fileName: string; limits: NetworkImportLimits }): Promise<NetworkImportReport> {
  if (!(NETWORK_IMPORT_ROLES as readonly string[]).includes(actor.role)) throw new ScopeError(`import: role ${actor.role} may not import networks (inspector, officer or admin)`);
  const raw = await readFeatures(file, options.fileName, options.limits);
  const { pipes, nodes, rejected, crsLabel } = readNetworkFeatures(raw, fields);
  const importId = randomUUID();
  const base = { importId, crsLabel, featureCount: raw.length };
  const { pipeRegions, nodeRegions, outside } = await regionsOf(db, actor, pipes, nodes);
  const problems = [...rejected, ...outside, ...(await takenCodes(db, pipes, nodes))];
  if (problems.length > 0) return rejectedReport(base, problems);
  const short = importId.slice(0, 8);
  const fileName = options.fileName.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
  try {
    const changeKeys = new Set([...pipes.map((pipe, p) => `${pipeRegions[p]}:${pipe.network}`), ...nodes.map((node, n) => `${nodeRegions[n]}:${node.network}`)]);
    const changes = [...changeKeys].sort().map((key) => {
      const [regionCode, network] = key.split(':') as [string, PipeNetwork];
      return { regionCode, network };
    });
    const written = await db.transaction(async (tx) => {
      // 1. File nodes.
      const nodeRows = nodes.map((node, i) => ({
        code: node.code ?? `IMP-${short}-N${node.featureIndex}`, network: node.network, kind: node.kind, lon: node.lonDeg, lat: node.latDeg, depth: node.depthM, region: nodeRegions[i],
      }));
      if (nodeRows.length > 0) {
        await tx.execute(sql`
          INSERT INTO lifelines_nodes (code, network, kind, geom, depth_m, region_code)
          SELECT code, network, kind, ST_SetSRID(ST_MakePoint(lon, lat, -depth), 4326), depth, region
            FROM jsonb_to_recordset(${JSON.stringify(nodeRows)}::jsonb) AS x(code text, network text, kind text, lon float8, lat float8, depth float8, region text)`);
      }
      // 2. Segment ends: snap to the nearest node within the tolerance.
      const ends = pipes.flatMap((pipe, p) => {
        const axis = pipeAxisCoordinates(pipe);
        const first = axis[0];
        const last = axis[axis.length - 1];
        return [
          { k: 2 * p, network: pipe.network, lon: first[0], lat: first[1], depth: -first[2] },
          { k: 2 * p + 1, network: pipe.network, lon: last[0], lat: last[1], depth: -last[2] },
        ];
      });
      const endJson = JSON.stringify(ends);
      const { rows: matched } = await tx.execute<{ k: number; id: string; lon: number; lat: number; d: number }>(sql`
        SELECT e.k, n.id, ST_X(n.geom) AS lon, ST_Y(n.geom) AS lat, ST_Distance(n.geom::geography, e.g::geography) AS d
          FROM (SELECT k, network, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS g
                  FROM jsonb_to_recordset(${endJson}::jsonb) AS x(k int, network text, lon float8, lat float8)) e
          CROSS JOIN LATERAL (SELECT id, geom FROM lifelines_nodes n WHERE n.network = e.network ORDER BY n.geom <-> e.g LIMIT 1) n
         WHERE ST_DWithin(n.geom::geography, e.g::geography, ${fields.snapToleranceM})`);
      const nodeOfEnd = new Map<number, { id: string; lon: number; lat: number; moved: boolean }>();
      for (const row of matched) nodeOfEnd.set(row.k, { id: row.id, lon: row.lon, lat: row.lat, moved: row.d > 0.001 });
      // 3. The other ends: clusters become new junctions.
      const loose = ends.filter((end) => !nodeOfEnd.has(end.k));
      let junctions = 0;
      if (loose.length > 0) {
        const latMid = loose.reduce((sum, end) => sum + end.lat, 0) / loose.length;
        const metresPerDegLat = 111_320;
        const metresPerDegLon = metresPerDegLat * Math.cos((latMid * Math.PI) / 180);
        const { rows: clustered } = await tx.execute<{ k: number; cluster: string }>(sql`
          SELECT k, network || ':' || ST_ClusterDBSCAN(ST_MakePoint(lon * ${metresPerDegLon}, lat * ${metresPerDegLat}), eps := ${fields.snapToleranceM}, minpoints := 1)
                 OVER (PARTITION BY network) AS cluster
            FROM jsonb_to_recordset(${JSON.stringify(loose)}::jsonb) AS x(k int, network text, lon float8, lat float8)`);
        const members = new Map<string, typeof loose>();
        const endByK = new Map(loose.map((end) => [end.k, end]));
        for (const row of clustered) {
          const list = members.get(row.cluster) ?? [];
          list.push(endByK.get(row.k)!);
          members.set(row.cluster, list);
        }
        const junctionRows = [...members.values()].map((list) => {
          junctions += 1;
          const lon = list.reduce((sum, end) => sum + end.lon, 0) / list.length;
          const lat = list.reduce((sum, end) => sum + end.lat, 0) / list.length;
          const depth = Math.round((list.reduce((sum, end) => sum + end.depth, 0) / list.length) * 1000) / 1000;
          const firstPipe = Math.floor(Math.min(...list.map((end) => end.k)) / 2);
          return { code: `IMP-${short}-J${junctions}`, network: list[0].network, lon, lat, depth, region: pipeRegions[firstPipe], ks: list.map((end) => end.k) };
        });
        const { rows: created } = await tx.execute<{ id: string; code: string }>(sql`
          INSERT INTO lifelines_nodes (code, network, kind, geom, depth_m, region_code)
          SELECT code, network, 'junction', ST_SetSRID(ST_MakePoint(lon, lat, -depth), 4326), depth, region
            FROM jsonb_to_recordset(${JSON.stringify(junctionRows)}::jsonb) AS x(code text, network text, lon float8, lat float8, depth float8, region text)
          RETURNING id, code`);
        const idByCode = new Map(created.map((row) => [row.code, row.id]));
        for (const junction of junctionRows) {
          for (const k of junction.ks) {
            const end = endByK.get(k)!;
            const movedM = Math.hypot((end.lon - junction.lon) * metresPerDegLon, (end.lat - junction.lat) * metresPerDegLat);
            nodeOfEnd.set(k, { id: idByCode.get(junction.code)!, lon: junction.lon, lat: junction.lat, moved: movedM > 0.001 });
          }
        }
      }
      // 4. Segments between their nodes.
      const inTransaction: ImportRejection[] = [];
      const pipeRows = pipes.map((pipe, p) => {
        const from = nodeOfEnd.get(2 * p)!;
        const to = nodeOfEnd.get(2 * p + 1)!;
        if (from.id === to.id) inTransaction.push({ featureIndex: pipe.featureIndex, code: pipe.code, reason: `both ends snap to the same node (the segment is shorter than the ${fields.snapToleranceM} m tolerance, or a closed loop)` });
        return {
          code: pipe.code ?? `IMP-${short}-P${pipe.featureIndex}`, network: pipe.network, from: from.id, to: to.id, region: pipeRegions[p],
          geom: JSON.stringify({ type: 'LineString', coordinates: pipeAxisCoordinates(pipe, [from.lon, from.lat], [to.lon, to.lat]) }),
          diameter: pipe.diameterMm, material: pipe.material, year: pipe.installYear, owner: pipe.owner, pressure: pipe.pressureClass,
          coverFrom: pipe.coverFromM, coverTo: pipe.coverToM,
        };
      });
      if (inTransaction.length > 0) throw new RejectedInTransaction(inTransaction);
      if (pipeRows.length > 0) {
        const { rows: short0 } = await tx.execute<{ code: string }>(sql`
          INSERT INTO lifelines_pipes (code, network, geom, from_node_id, to_node_id, diameter_mm, material, install_year, owner,
                                       pressure_class, cover_from_m, cover_to_m, length_m, region_code)
          SELECT code, network, g, "from", "to", diameter, material, year, owner, pressure, "coverFrom", "coverTo", ST_Length(g::geography), region
            FROM (SELECT x.*, ST_SetSRID(ST_GeomFromGeoJSON(x.geom), 4326) AS g
                    FROM jsonb_to_recordset(${JSON.stringify(pipeRows)}::jsonb)
                         AS x(code text, network text, geom text, "from" uuid, "to" uuid, diameter int, material text, year int, owner text,
                              pressure text, "coverFrom" float8, "coverTo" float8, region text)) s
          RETURNING CASE WHEN length_m <= 0.001 THEN code END AS code`);
        const tooShort = short0.flatMap((row) => (row.code ? [row.code] : []));
        if (tooShort.length > 0) {
          throw new RejectedInTransaction(pipeRows.flatMap((row, p) => (tooShort.includes(row.code) ? [{ featureIndex: pipes[p].featureIndex, code: pipes[p].code, reason: 'the segment has no length once its ends are snapped' }] : [])));
        }
      }
      const snappedEnds = [...nodeOfEnd.values()].filter((node) => node.moved).length;
      const summary = { importId, fileName, crs: crsLabel, snapToleranceM: fields.snapToleranceM, depthTo: fields.depthTo };
      if (nodeRows.length + junctions > 0) {
        await recordAudit(tx, actor, { action: 'create', tableName: 'lifelines_nodes', recordId: importId, recordRegionCode: actor.regionCode, after: { ...summary, nodes: nodeRows.length, junctions, codes: nodeRows.slice(0, 100).map((row) => row.code) } });
      }
      if (pipeRows.length > 0) {
        await recordAudit(tx, actor, { action: 'create', tableName: 'lifelines_pipes', recordId: importId, recordRegionCode: actor.regionCode, after: { ...summary, pipes: pipeRows.length, snappedEnds, codes: pipeRows.slice(0, 100).map((row) => row.code) } });
      }
      // The tiles of each (region, network) written are rebuilt: queued in this transaction, so rows and job commit together.
      for (const change of changes) await enqueueNetworkTilesBuild(tx, { networks: [change.network], regionPrefix: change.regionCode });
      return { pipes: pipeRows.length, nodes: nodeRows.length, junctions, snappedEnds };
    });
    return {
      ...base,
      committed: true,
      imported: { pipes: written.pipes, nodes: written.nodes, junctions: written.junctions },
      snappedEnds: written.snappedEnds,
      rejectedCount: 0,
      rejected: [],
      changes,
    };
  } catch (error) {
    if (error instanceof RejectedInTransaction) return rejectedReport(base, error.rejections);
    const code = (error as { code?: unknown; cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code;
    if (code === '23505') throw new ConflictError('import: a code was taken by someone else meanwhile; nothing was imported, try again', { cause: error });
    throw error;
  }
}

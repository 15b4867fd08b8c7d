/**
 * Test support (unit tests, integration tests, the benchmark): validates and decodes what `write` and
 * `compressTiles` produce. Khronos gltf-validator for GLBs, ajv (JSON Schema 2020-12) with the official
 * 3D Tiles 1.1 schemas for tileset.json, and helpers that read positions, feature IDs and property tables back.
 *
 * Notes: gltf-validator 2.0.0-dev.3.10 does not know EXT_meshopt_compression, EXT_mesh_features,
 * EXT_structural_metadata or EXT_instance_features; it reports them as UNSUPPORTED_EXTENSION (info) and it
 * cannot check meshopt-compressed buffer views, so {@link validateGlb} also validates a decoded copy
 * (meshopt removed, everything else kept) — that checks accessors, bounds and indices of the real data.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Document, Node } from '@gltf-transform/core';
import type { InstancedMesh, PropertyTable, StructuralMetadata } from '@gltf-transform/extensions';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { invariant } from '@kernel/errors';
import { decodeStrings } from './property-table';
import { createTileIO } from './tile-io';

/** One message of the Khronos validator. */
export interface GlbIssue {
  code: string;
  message: string;
  severity: number;
  pointer?: string;
}

/** Summary of one GLB validation. */
export interface GlbValidation {
  errors: GlbIssue[];
  warnings: GlbIssue[];
  /** Extensions the validator did not know (informational). */
  unsupportedExtensions: string[];
}

async function runValidator(bytes: Uint8Array): Promise<GlbValidation> {
  const validator = await import('gltf-validator');
  const report = await validator.validateBytes(bytes, { maxIssues: 100 });
  const messages = report.issues.messages;
  return {
    errors: messages.filter((m) => m.severity === 0),
    warnings: messages.filter((m) => m.severity === 1),
    unsupportedExtensions: messages.filter((m) => m.code === 'UNSUPPORTED_EXTENSION').map((m) => m.message),
  };
}

/**
 * Validates a tile GLB with the Khronos validator; when it is meshopt-compressed, also validates a decoded copy
 * and merges the issues.
 * @param meshoptDecoder `MeshoptDecoder` after `await MeshoptDecoder.ready` (needed for compressed GLBs)
 * @see glTF 2.0 specification and the Khronos glTF-Validator; EXT_meshopt_compression
 */
export async function validateGlb(bytes: Uint8Array, meshoptDecoder?: unknown): Promise<GlbValidation> {
  const result = await runValidator(bytes);
  if (!meshoptDecoder) return result;
  const io = createTileIO({ decoder: meshoptDecoder });
  const document = await io.readBinary(bytes);
  const meshopt = document.getRoot().listExtensionsUsed().find((e) => e.extensionName === 'EXT_meshopt_compression');
  if (!meshopt) return result;
  meshopt.dispose();
  const decoded = await runValidator(await io.writeBinary(document));
  // Buffer-view data of the compressed file is opaque to the validator; keep the decoded copy's findings.
  return {
    errors: [...result.errors.filter((e) => !e.code.startsWith('BUFFER')), ...decoded.errors],
    warnings: [...result.warnings, ...decoded.warnings],
    unsupportedExtensions: result.unsupportedExtensions,
  };
}

function listJsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listJsonFiles(path);
    return name.endsWith('.schema.json') ? [path] : [];
  });
}

/**
 * Validates a tileset.json object against the 3D Tiles 1.1 JSON schemas (draft 2020-12) in `schemaDir`. Each
 * schema's `$id` is replaced by a URI built from its path, because the files' own `$id`s omit their folders
 * while their `$ref`s use folder paths.
 * @param schemaDir folder of the 3D Tiles 1.1 JSON schemas (`tileset.schema.json` at its top; tests use the shared
 *   `schemas/3d-tiles-1.1`, see stages/parse/sample-ifc.ts `SCHEMA_DIR`)
 * @returns ajv's error messages (`<instancePath> <message>`); empty when valid
 * @throws {InvariantError} when `schemaDir` holds no `tileset.schema.json`
 * @see 3D Tiles 1.1 specification/schema (OGC 22-025r4)
 */
export function validateTilesetJson(tileset: unknown, schemaDir: string): string[] {
  const base = 'https://gantwin.invalid/3d-tiles-1.1/';
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv); // `uri`, `uri-reference`, …
  // ajv-formats has no IRI formats (RFC 3987); the 3D Tiles schemas use them for URIs, which we write as plain ASCII paths.
  ajv.addFormat('iri-reference', true);
  ajv.addFormat('iri', true);
  for (const path of listJsonFiles(schemaDir)) {
    const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    schema.$id = base + relative(schemaDir, path).split('\\').join('/');
    ajv.addSchema(schema);
  }
  const validate = ajv.getSchema(`${base}tileset.schema.json`);
  invariant(validate, `validateTilesetJson: no tileset.schema.json in schemaDir ${schemaDir}`);
  return validate(tileset) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/**
 * Reads a tile GLB (meshopt-compressed or not) into a glTF-Transform Document.
 * @param meshoptDecoder `MeshoptDecoder` after `await MeshoptDecoder.ready`
 * @see EXT_meshopt_compression
 */
export async function readTileGlb(bytes: Uint8Array, meshoptDecoder?: unknown): Promise<Document> {
  return createTileIO({ decoder: meshoptDecoder }).readBinary(bytes);
}

/** Decoded vertices of a tile: positions in the glTF content frame (node and instance transforms applied). */
export interface TileVertices {
  /** xyz per vertex, metres, content frame (glTF Y-up ENU), float64. */
  positions: number[];
  /** Tile-local feature ID per vertex. */
  featureIds: number[];
  /**
   * Largest |POSITION component| stored as float32 (before node transforms), metres: what would lose precision
   * if absolute coordinates leaked into GPU buffers. Integer (KHR_mesh_quantization) positions are grid steps
   * bounded by their type and offset by the node, so they do not count (0 when every position is quantised).
   */
  maxAbsStoredPosition: number;
}

function applyMatrix(m: number[], p: number[]): number[] {
  return [0, 1, 2].map((r) => m[r] * p[0] + m[4 + r] * p[1] + m[8 + r] * p[2] + m[12 + r]);
}

function composeTrs(t: number[], q: number[], s: number[]): number[] {
  const [x, y, z, w] = q;
  const r = [
    1 - 2 * (y * y + z * z), 2 * (x * y + z * w), 2 * (x * z - y * w),
    2 * (x * y - z * w), 1 - 2 * (x * x + z * z), 2 * (y * z + x * w),
    2 * (x * z + y * w), 2 * (y * z - x * w), 1 - 2 * (x * x + y * y),
  ];
  return [
    r[0] * s[0], r[1] * s[0], r[2] * s[0], 0,
    r[3] * s[1], r[4] * s[1], r[5] * s[1], 0,
    r[6] * s[2], r[7] * s[2], r[8] * s[2], 0,
    t[0], t[1], t[2], 1,
  ];
}

function multiply(a: number[], b: number[]): number[] {
  const out = new Array<number>(16).fill(0);
  for (let c = 0; c < 4; c++) for (let r = 0; r < 4; r++) for (let k = 0; k < 4; k++) out[c * 4 + r] += a[k * 4 + r] * b[c * 4 + k];
  return out;
}

/**
 * Every vertex of every primitive in the content frame, instances expanded, with its feature ID.
 * @see EXT_mesh_features; EXT_mesh_gpu_instancing; EXT_instance_features
 */
export function readTileVertices(document: Document): TileVertices {
  const out: TileVertices = { positions: [], featureIds: [], maxAbsStoredPosition: 0 };
  const visit = (node: Node) => {
    const mesh = node.getMesh();
    if (mesh) {
      const world = node.getWorldMatrix() as unknown as number[];
      const batch = node.getExtension<InstancedMesh>('EXT_mesh_gpu_instancing');
      let instances: { matrix: number[]; featureId: number | null }[] = [{ matrix: world, featureId: null }];
      if (batch) {
        const t = batch.getAttribute('TRANSLATION');
        const r = batch.getAttribute('ROTATION');
        const s = batch.getAttribute('SCALE');
        const f = batch.getAttribute('_FEATURE_ID_0');
        const n = (t ?? r ?? s)!.getCount();
        instances = [...Array(n).keys()].map((i) => ({
          matrix: multiply(
            world,
            composeTrs(
              t ? t.getElement(i, []) : [0, 0, 0],
              r ? r.getElement(i, []) : [0, 0, 0, 1],
              s ? s.getElement(i, []) : [1, 1, 1],
            ),
          ),
          featureId: f ? f.getScalar(i) : null,
        }));
      }
      for (const prim of mesh.listPrimitives()) {
        const pos = prim.getAttribute('POSITION')!;
        const fid = prim.getAttribute('_FEATURE_ID_0');
        if (pos.getComponentType() === 5126) {
          for (let i = 0; i < pos.getCount(); i++) {
            for (const v of pos.getElement(i, [])) out.maxAbsStoredPosition = Math.max(out.maxAbsStoredPosition, Math.abs(v));
          }
        }
        for (const inst of instances) {
          for (let i = 0; i < pos.getCount(); i++) {
            out.positions.push(...applyMatrix(inst.matrix, pos.getElement(i, [])));
            out.featureIds.push(inst.featureId ?? (fid ? fid.getScalar(i) : -1));
          }
        }
      }
    }
    for (const child of node.listChildren()) visit(child);
  };
  for (const scene of document.getRoot().listScenes()) for (const node of scene.listChildren()) visit(node);
  return out;
}

/**
 * The tile's property table (index 0) as rows: string properties decoded from UTF-8, expressId as numbers.
 * @see EXT_structural_metadata §Property Tables
 */
export function readPropertyTable(document: Document): Record<string, string | number>[] {
  const metadata = document.getRoot().getExtension<StructuralMetadata>('EXT_structural_metadata');
  const table: PropertyTable | undefined = metadata?.listPropertyTables()[0];
  if (!table) return [];
  const count = table.getCount();
  const rows: Record<string, string | number>[] = [...Array(count)].map(() => ({}));
  for (const key of table.listPropertyKeys()) {
    const prop = table.getProperty(key)!;
    const offsets = prop.getStringOffsets();
    if (offsets) {
      decodeStrings(prop.getValues(), offsets, count).forEach((v, i) => (rows[i][key] = v));
    } else {
      const values = new Uint32Array(prop.getValues().slice().buffer, 0, count);
      values.forEach((v, i) => (rows[i][key] = v));
    }
  }
  return rows;
}

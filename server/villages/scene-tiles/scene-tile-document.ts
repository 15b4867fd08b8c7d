import { Document } from '@gltf-transform/core';
import { EXTMeshFeatures, EXTStructuralMetadata } from '@gltf-transform/extensions';
import { invariant } from '@kernel/errors';
import { linearColourOf } from '@kernel/linear-colour';
import { encodeStrings } from '@kernel/metadata-strings';
import type { BuildingsMesh, PrismMesh } from './building-prism';

/**
 * The glTF Document of a village's scene tile: two primitives (walls, roofs; one material each), each with a
 * `_FEATURE_ID_0` vertex attribute (EXT_mesh_features) pointing into one EXT_structural_metadata property table,
 * class `building`, one row per building in feature-id order:
 *
 * | property        | type           | meaning                                                              |
 * |-----------------|----------------|----------------------------------------------------------------------|
 * | id              | STRING         | building uuid (the picked feature id; the viewer reads `id`)          |
 * | name            | STRING         | Chinese name (the viewer's tooltip label)                            |
 * | nameEn          | STRING         | English name, '' when none                                           |
 * | villageCode     | STRING         | 12-digit code of the village                                         |
 * | buildingType    | STRING         | data/villages/building-types.ts key                                  |
 * | protectionLevel | STRING         | national / provincial / … / none                                     |
 * | heightM         | SCALAR FLOAT32 | eave height drawn, metres (6 when the document has none)             |
 *
 * @see EXT_mesh_features, EXT_structural_metadata (https://github.com/CesiumGS/glTF/tree/3d-tiles-next/extensions/2.0/Vendor)
 */

/** Schema id of the scene tiles' metadata. */
export const BUILDING_SCHEMA_ID = 'gantwin_villages';
/** Class of the rows. */
export const BUILDING_CLASS = 'building';
/** Most buildings one document holds (feature ids fit UNSIGNED_SHORT). */
export const MAX_BUILDINGS_PER_DOCUMENT = 65_535;

/** Emissive factor of the materials as a share of their base colour (0 = lit by the sun only). */
export const SCENE_EMISSIVE_RATIO = 0.35;

/** One property-table row. */
export interface SceneBuildingRow {
  id: string;
  name: string;
  nameEn: string;
  villageCode: string;
  buildingType: string;
  protectionLevel: string;
  heightM: number;
}

const STRING_PROPERTIES = ['id', 'name', 'nameEn', 'villageCode', 'buildingType', 'protectionLevel'] as const;

/**
 * Builds the Document of a village's tile.
 * @param rows property-table rows, in feature-id order; 1..{@link MAX_BUILDINGS_PER_DOCUMENT}
 * @param mesh the buildings' walls and roofs (feature ids index `rows`)
 * @param centreEnu the content centre in the tileset ENU frame: the root node's translation (glTF frame)
 * @param colours CSS hex colours of walls and roofs (data/villages/layers.ts `SCENE_COLOURS`)
 * @throws {InvariantError} when there are no rows, too many, or no triangle
 */
export function createSceneTileDocument(
  rows: readonly SceneBuildingRow[],
  mesh: BuildingsMesh,
  centreEnu: readonly [number, number, number],
  colours: { wall: string; roof: string },
): Document {
  invariant(rows.length > 0 && rows.length <= MAX_BUILDINGS_PER_DOCUMENT, `a scene tile holds 1..${MAX_BUILDINGS_PER_DOCUMENT} buildings, got ${rows.length}`);
  invariant(mesh.walls.indices.length > 0, 'a scene tile needs at least one wall triangle');
  const document = new Document();
  const buffer = document.createBuffer();
  const accessor = (array: Float32Array | Uint16Array | Uint32Array, type: 'VEC3' | 'SCALAR') =>
    document.createAccessor().setArray(array).setType(type).setBuffer(buffer);

  const meta = document.createExtension(EXTStructuralMetadata);
  const schema = meta.createSchema().setId(BUILDING_SCHEMA_ID);
  const cls = meta.createClass().setName('Historic building');
  for (const key of STRING_PROPERTIES) cls.setProperty(key, meta.createClassProperty().setType('STRING').setRequired(true));
  cls.setProperty('heightM', meta.createClassProperty().setType('SCALAR').setComponentType('FLOAT32').setRequired(true));
  schema.setClass(BUILDING_CLASS, cls);
  const table = meta.createPropertyTable().setClass(BUILDING_CLASS).setCount(rows.length);
  for (const key of STRING_PROPERTIES) {
    const packed = encodeStrings(rows.map((row) => row[key]));
    table.setProperty(key, meta.createPropertyTableProperty().setValues(packed.values).setStringOffsets(packed.stringOffsets).setStringOffsetType('UINT32'));
  }
  const heights = Float32Array.from(rows.map((row) => row.heightM));
  table.setProperty('heightM', meta.createPropertyTableProperty().setValues(new Uint8Array(heights.buffer)));
  const metadata = meta.createStructuralMetadata().setSchema(schema);
  metadata.addPropertyTable(table);
  document.getRoot().setExtension(EXTStructuralMetadata.EXTENSION_NAME, metadata);

  const meshFeatures = document.createExtension(EXTMeshFeatures);
  const gltfMesh = document.createMesh('buildings');
  const addPrimitive = (part: PrismMesh, name: string, colourHex: string, roughness: number) => {
    if (part.indices.length === 0) return;
    const featureId = meshFeatures.createFeatureID().setFeatureCount(rows.length).setAttribute(0).setPropertyTable(table);
    const base = linearColourOf(colourHex);
    // A little self-light keeps walls and roofs apart when the twin's sun is low or down (the scene's clock is the
    // real time of day).
    const emissive: [number, number, number] = [base[0] * SCENE_EMISSIVE_RATIO, base[1] * SCENE_EMISSIVE_RATIO, base[2] * SCENE_EMISSIVE_RATIO];
    const material = document.createMaterial(name).setBaseColorFactor(base).setEmissiveFactor(emissive).setMetallicFactor(0).setRoughnessFactor(roughness);
    const vertexCount = part.positions.length / 3;
    gltfMesh.addPrimitive(
      document
        .createPrimitive()
        .setAttribute('POSITION', accessor(Float32Array.from(part.positions), 'VEC3'))
        .setAttribute('NORMAL', accessor(Float32Array.from(part.normals), 'VEC3'))
        .setAttribute('_FEATURE_ID_0', accessor(Uint16Array.from(part.featureIds), 'SCALAR'))
        .setIndices(accessor(vertexCount > 65_535 ? Uint32Array.from(part.indices) : Uint16Array.from(part.indices), 'SCALAR'))
        .setMaterial(material)
        .setExtension(EXTMeshFeatures.EXTENSION_NAME, meshFeatures.createFeatures().addFeatureID(featureId)),
    );
  };
  addPrimitive(mesh.walls, 'walls', colours.wall, 0.9);
  addPrimitive(mesh.roofs, 'roofs', colours.roof, 0.8);
  const root = document.createNode('tile').setTranslation([centreEnu[0], centreEnu[2], -centreEnu[1]]);
  root.addChild(document.createNode('buildings').setMesh(gltfMesh));
  document.createScene('tile').addChild(root);
  return document;
}

import { Document } from '@gltf-transform/core';
import { EXTMeshFeatures, EXTStructuralMetadata } from '@gltf-transform/extensions';
import { invariant } from '@kernel/errors';
import { linearColourOf } from '@kernel/linear-colour';
import { encodeStrings } from '@kernel/metadata-strings';
import type { PipeNetwork } from '@server/db/schema/lifelines';
import type { NetworkPipe, TubeMesh } from './pipe-tube';

/**
 * The glTF Document of one network tile: the tile's tubes merged into one primitive (one material: the network's
 * colour), a `_FEATURE_ID_0` vertex attribute (EXT_mesh_features) and one EXT_structural_metadata property table,
 * class `pipe`, one row per pipe in feature-id order:
 *
 * | property   | type          | meaning                                                        |
 * |------------|---------------|----------------------------------------------------------------|
 * | id         | STRING        | segment uuid (the picked feature id; the viewer reads `id`)     |
 * | name       | STRING        | segment code 管段编号 (the viewer's tooltip label)              |
 * | network    | STRING        | water / storm / sewage / gas / heat                            |
 * | diameterMm | SCALAR UINT16 | nominal diameter, millimetres                                  |
 * | depthM     | SCALAR FLOAT32| mean depth of the axis below ground, metres                    |
 * | material   | STRING        | 管材                                                           |
 *
 * @see EXT_mesh_features, EXT_structural_metadata (https://github.com/CesiumGS/glTF/tree/3d-tiles-next/extensions/2.0/Vendor)
 */

/** Schema id of the network tiles' metadata. */
export const PIPE_SCHEMA_ID = 'gantwin_lifelines';
/** Class of the rows. */
export const PIPE_CLASS = 'pipe';

/** Most pipes one tile document holds (feature ids fit UNSIGNED_SHORT). */
export const MAX_PIPES_PER_DOCUMENT = 65_535;

/**
 * Builds the Document of one tile.
 * @param pipes property-table rows, in feature-id order (feature id i = pipes[i]); 1..{@link MAX_PIPES_PER_DOCUMENT}
 * @param mesh the merged tubes (feature ids index `pipes`)
 * @param centreEnu the content centre in the tileset ENU frame: the root node's translation (glTF frame)
 * @param colourHex the network's colour (data/lifelines/layers.ts `NETWORK_COLOURS`)
 * @throws {InvariantError} when there are no pipes, too many, or the mesh has no triangles
 */
export function createPipeTileDocument(
  network: PipeNetwork,
  pipes: readonly NetworkPipe[],
  mesh: TubeMesh,
  centreEnu: readonly [number, number, number],
  colourHex: string,
): Document {
  invariant(pipes.length > 0 && pipes.length <= MAX_PIPES_PER_DOCUMENT, `a tile holds 1..${MAX_PIPES_PER_DOCUMENT} pipes, got ${pipes.length}`);
  invariant(mesh.indices.length > 0, 'a tile needs at least one triangle');
  const document = new Document();
  const buffer = document.createBuffer();
  const accessor = (array: Float32Array | Uint16Array | Uint32Array, type: 'VEC3' | 'SCALAR') =>
    document.createAccessor().setArray(array).setType(type).setBuffer(buffer);

  const meta = document.createExtension(EXTStructuralMetadata);
  const schema = meta.createSchema().setId(PIPE_SCHEMA_ID);
  const cls = meta.createClass().setName('Pipe segment');
  for (const key of ['id', 'name', 'network', 'material'] as const) cls.setProperty(key, meta.createClassProperty().setType('STRING').setRequired(true));
  cls.setProperty('diameterMm', meta.createClassProperty().setType('SCALAR').setComponentType('UINT16').setRequired(true));
  cls.setProperty('depthM', meta.createClassProperty().setType('SCALAR').setComponentType('FLOAT32').setRequired(true));
  schema.setClass(PIPE_CLASS, cls);
  const table = meta.createPropertyTable().setClass(PIPE_CLASS).setCount(pipes.length);
  const strings: Record<'id' | 'name' | 'network' | 'material', string[]> = {
    id: pipes.map((p) => p.id),
    name: pipes.map((p) => p.code),
    network: pipes.map(() => network),
    material: pipes.map((p) => p.material),
  };
  for (const [key, values] of Object.entries(strings)) {
    const packed = encodeStrings(values);
    table.setProperty(key, meta.createPropertyTableProperty().setValues(packed.values).setStringOffsets(packed.stringOffsets).setStringOffsetType('UINT32'));
  }
  const diameters = Uint16Array.from(pipes.map((p) => Math.min(65_535, Math.round(p.diameterMm))));
  table.setProperty('diameterMm', meta.createPropertyTableProperty().setValues(new Uint8Array(diameters.buffer)));
  const depths = Float32Array.from(pipes.map((p) => p.depthM));
  table.setProperty('depthM', meta.createPropertyTableProperty().setValues(new Uint8Array(depths.buffer)));
  const metadata = meta.createStructuralMetadata().setSchema(schema);
  metadata.addPropertyTable(table);
  document.getRoot().setExtension(EXTStructuralMetadata.EXTENSION_NAME, metadata);

  const meshFeatures = document.createExtension(EXTMeshFeatures);
  const featureId = meshFeatures.createFeatureID().setFeatureCount(pipes.length).setAttribute(0).setPropertyTable(table);
  const material = document.createMaterial(network).setBaseColorFactor(linearColourOf(colourHex)).setMetallicFactor(0).setRoughnessFactor(0.6);
  const vertexCount = mesh.positions.length / 3;
  const primitive = document
    .createPrimitive()
    .setAttribute('POSITION', accessor(Float32Array.from(mesh.positions), 'VEC3'))
    .setAttribute('NORMAL', accessor(Float32Array.from(mesh.normals), 'VEC3'))
    .setAttribute('_FEATURE_ID_0', accessor(Uint16Array.from(mesh.featureIds), 'SCALAR'))
    .setIndices(accessor(vertexCount > 65_535 ? Uint32Array.from(mesh.indices) : Uint16Array.from(mesh.indices), 'SCALAR'))
    .setMaterial(material)
    .setExtension(EXTMeshFeatures.EXTENSION_NAME, meshFeatures.createFeatures().addFeatureID(featureId));
  const gltfMesh = document.createMesh(`${network} pipes`).addPrimitive(primitive);
  const root = document.createNode('tile').setTranslation([centreEnu[0], centreEnu[2], -centreEnu[1]]);
  root.addChild(document.createNode('pipes').setMesh(gltfMesh));
  document.createScene('tile').addChild(root);
  return document;
}

/**
 * The per-tile `EXT_structural_metadata` schema and property table of class `element` (one row per feature of
 * the tile, row = the tile-local feature ID).
 * @see https://github.com/CesiumGS/glTF/tree/3d-tiles-next/extensions/2.0/Vendor/EXT_structural_metadata
 */
import type { Document } from '@gltf-transform/core';
import { EXTStructuralMetadata, type PropertyTable } from '@gltf-transform/extensions';
import { encodeStrings } from '@kernel/metadata-strings';
import type { IfcElement } from '@tiling/stages/parse/parsed-model';

export { decodeStrings, encodeStrings } from '@kernel/metadata-strings';

/** Schema id written in every tile. */
export const ELEMENT_SCHEMA_ID = 'gantwin_ifc';
/** Class name of the rows. */
export const ELEMENT_CLASS = 'element';

const STRING_PROPERTIES = ['globalId', 'ifcClass', 'name', 'storey'] as const;

/**
 * Adds the schema (class `element`: globalId, expressId UINT32, ifcClass, name, storey) and one property table
 * with a row per element, in the given order, to `document`.
 * @param elements rows in tile-local feature ID order
 * @returns the property table (index 0 of the document's EXT_structural_metadata)
 * @see EXT_structural_metadata §Schemas, §Property Tables
 */
export function addElementPropertyTable(document: Document, elements: readonly IfcElement[]): PropertyTable {
  const ext = document.createExtension(EXTStructuralMetadata);
  const schema = ext.createSchema().setId(ELEMENT_SCHEMA_ID);
  const cls = ext.createClass().setName('IFC element');
  for (const key of STRING_PROPERTIES) {
    const prop = ext.createClassProperty().setType('STRING');
    if (key === 'name' || key === 'storey') prop.setNoData('');
    else prop.setRequired(true);
    cls.setProperty(key, prop);
  }
  cls.setProperty('expressId', ext.createClassProperty().setType('SCALAR').setComponentType('UINT32').setRequired(true));
  schema.setClass(ELEMENT_CLASS, cls);

  const table = ext.createPropertyTable().setClass(ELEMENT_CLASS).setCount(elements.length);
  for (const key of STRING_PROPERTIES) {
    const packed = encodeStrings(elements.map((e) => e[key] ?? ''));
    table.setProperty(
      key,
      ext
        .createPropertyTableProperty()
        .setValues(packed.values)
        .setStringOffsets(packed.stringOffsets)
        .setStringOffsetType('UINT32'),
    );
  }
  const ids = Uint32Array.from(elements.map((e) => e.expressId));
  table.setProperty('expressId', ext.createPropertyTableProperty().setValues(new Uint8Array(ids.buffer)));

  const metadata = ext.createStructuralMetadata().setSchema(schema);
  metadata.addPropertyTable(table);
  document.getRoot().setExtension(EXTStructuralMetadata.EXTENSION_NAME, metadata);
  return table;
}

/**
 * The per-tile `EXT_structural_metadata` schema and property table of class `element` (one row per feature of
 * the tile, row = the tile-local feature ID).
 * @see https://github.com/CesiumGS/glTF/tree/3d-tiles-next/extensions/2.0/Vendor/EXT_structural_metadata
 */
import type { Document } from '@gltf-transform/core';
import { EXTStructuralMetadata, type PropertyTable } from '@gltf-transform/extensions';
import type { IfcElement } from '@tiling/stages/parse/parsed-model';

/** Schema id written in every tile. */
export const ELEMENT_SCHEMA_ID = 'gantwin_ifc';
/** Class name of the rows. */
export const ELEMENT_CLASS = 'element';

const STRING_PROPERTIES = ['globalId', 'ifcClass', 'name', 'storey'] as const;

/**
 * Packs strings as EXT_structural_metadata STRING values: UTF-8 bytes back to back, plus `count + 1` UINT32
 * byte offsets. When all strings are empty, `values` is one unused zero byte (a glTF bufferView cannot be empty).
 * @returns the `values` bytes and the `stringOffsets` bytes (UINT32 little-endian)
 * @see EXT_structural_metadata §Strings (stringOffsets)
 */
export function encodeStrings(values: readonly string[]): { values: Uint8Array; stringOffsets: Uint8Array } {
  const encoder = new TextEncoder();
  const parts = values.map((v) => encoder.encode(v));
  const offsets = new Uint32Array(values.length + 1);
  for (let i = 0; i < parts.length; i++) offsets[i + 1] = offsets[i] + parts[i].length;
  // A bufferView may not be empty (glTF: byteLength ≥ 1): when every string is empty keep one unused byte.
  const bytes = new Uint8Array(Math.max(1, offsets[values.length]));
  parts.forEach((p, i) => bytes.set(p, offsets[i]));
  return { values: bytes, stringOffsets: new Uint8Array(offsets.buffer) };
}

/**
 * Reads strings packed by {@link encodeStrings} (UINT32 offsets).
 * @see EXT_structural_metadata §Strings (stringOffsets)
 */
export function decodeStrings(values: Uint8Array, stringOffsets: Uint8Array, count: number): string[] {
  const offsets = new Uint32Array(stringOffsets.slice().buffer, 0, count + 1);
  const decoder = new TextDecoder();
  return [...Array(count).keys()].map((i) => decoder.decode(values.subarray(offsets[i], offsets[i + 1])));
}

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

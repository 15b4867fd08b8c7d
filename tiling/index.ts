/**
 * The tiling library's only public entry: IFC (2X3, 4, 4X3) → georeferenced 3D Tiles 1.1.
 * Node only: no React, no database, no Next.js. See README.md in this folder. Code outside `tiling/` imports
 * only this file (a dependency rule); the shared error classes and the `Logger` live in `kernel/`.
 */
export { convertIfc, CONVERT_DEFAULTS, TILER_VERSION, type ConvertOptions, type ConversionResult } from './pipeline';
export type { ConversionReport, ReportEntry, ReportGeoreference } from './report';
export type { Placement, Georeference, GeorefMethod } from './stages/georef/georeference';
export { readIfcInput } from './io/read-input';
export type { StageContext } from './stage-context';
export { IMPORT_ELEMENTS_PATH, PROPERTIES_PATH, type ElementProperties, type StructureJson } from './stages/write/write';
export { GeorefError, IfcParseError, TooLargeError, UnsupportedSchemaError } from './errors';
export type { FeatureGeometryEnu, MeasureGeoreference, MeasureHook } from './stages/build/feature-geometry';
export type { SpatialNode, PropertySets, PropertyValue } from './stages/parse/parsed-model';
export { EPSG_INDEX_REGISTRY, type CrsDefinition, type EpsgRegistry } from './stages/georef/epsg-registry';
// GLB helpers other builders of 3D Tiles reuse (server/lifelines/network-tiles/): tile compression (meshopt +
// quantised positions) with its report, and the glTF-Transform I/O that reads our tile GLBs.
export { TileCompressor, COMPRESS_DEFAULTS, type CompressOptions, type CompressContext } from './stages/write/compress-tiles';
export { createTileIO, type MeshoptCodecs } from './stages/write/tile-io';
export { ReportBuilder } from './report';

/**
 * The output of the `parse` stage: everything later stages need from the IFC file, as plain data
 * (structured-clone safe, so it crosses the worker_threads boundary with transferable typed arrays).
 *
 * Frames and units: all geometry is in **metres** in web-ifc's model frame, which is **Y-up**
 * (IFC's Z-up world coordinate system rotated: IFC (x, y, z) → web-ifc (x, z, −y)).
 */

import type { ElementRecord, PropertyScalar, PropertySetMap } from '@kernel/properties-file';

/** A property value (IfcPropertySingleValue / IfcQuantity*; the compact property file's scalar). */
export type PropertyValue = PropertyScalar;

/** Property set / quantity set name → property name → value (as in the file; quantities in project units). */
export type PropertySets = PropertySetMap;

/**
 * One IfcProduct that has body geometry (one feature in the output): the fields of the compact property file's
 * {@link ElementRecord} — GlobalId (IFC GlobalId, 22-char base64: the stable identity), class as the spec spells it
 * (e.g. `IfcWallStandardCase`), name, storey (the containing IfcBuildingStorey, or other spatial element when not in
 * a storey), type name (IfcRelDefinesByType), material (names joined with ` / ` for layer sets and lists), property
 * sets — and its STEP line number.
 */
export interface IfcElement extends ElementRecord {
  /** STEP line number (`#123`); identity only inside this file. */
  expressId: number;
}

/** Triangle mesh of one IfcGeometricRepresentationItem set, in its own local frame, metres. */
export interface MeshGeometry {
  /** xyz per vertex, metres, geometry-local. */
  positions: Float32Array;
  /** xyz unit normal per vertex. */
  normals: Float32Array;
  indices: Uint32Array;
}

/** One use of a geometry by an element. */
export interface PlacedGeometry {
  /** Key into {@link ParsedModel.geometries}. The same id used twice = repeated geometry (instancing). */
  geometryExpressId: number;
  /** Linear RGBA in 0..1 from the IFC style. */
  color: [number, number, number, number];
  /** Column-major 4×4, float64: geometry-local → model frame (Y-up, metres). */
  transform: number[];
}

/** The placed meshes of one IFC element (IfcProduct body representation), as web-ifc streamed them. */
export interface ElementGeometry {
  /** STEP line number of the IfcProduct; identity only inside this file (join to {@link IfcElement} by it). */
  expressId: number;
  /** One entry per IfcGeometricRepresentationItem set, each with its geometry-local → model transform. */
  placed: PlacedGeometry[];
}

/** A node of IfcProject → IfcSite → IfcBuilding → IfcBuildingStorey → (IfcSpace) → elements. */
export interface SpatialNode {
  expressId: number;
  globalId: string;
  ifcClass: string;
  name: string | null;
  /**
   * IfcBuildingStorey `Elevation` in metres (project length unit × attribute; in the building's frame, usually above
   * ±0.00), only on storeys that state it; absent on every other node.
   */
  elevationM?: number;
  /**
   * Property and quantity sets (as on {@link IfcElement}); only when parsed with `spatialPropertySets` (the
   * `measure` hook of `convertIfc`), absent otherwise.
   */
  propertySets?: PropertySets;
  /** IfcObject.ObjectType as written (e.g. an IfcBuilding's use), null when unset; only with `spatialPropertySets`. */
  objectType?: string | null;
  children: SpatialNode[];
}

/** Georeferencing found in the file, raw (the `georef` stage interprets it). */
export interface RawGeoreference {
  /** IfcMapConversion / IfcMapConversionScaled (IFC4+) or IFC2X3 ePset_MapConversion. */
  mapConversion: {
    source: 'IfcMapConversion' | 'IfcMapConversionScaled' | 'ePset_MapConversion';
    /** Map units of the target CRS (usually metres). */
    eastings: number;
    northings: number;
    orthogonalHeight: number;
    /** Direction of the local X axis in the map grid; (1, 0) when absent. */
    xAxisAbscissa: number;
    xAxisOrdinate: number;
    /** Project length unit → map unit; null when absent (spec default 1). */
    scale: number | null;
    /** IfcMapConversionScaled factors (IFC4X3), null otherwise. */
    factorX: number | null;
    factorY: number | null;
    factorZ: number | null;
  } | null;
  /** IfcProjectedCRS (or ePset_ProjectedCRS). */
  projectedCrs: {
    /** As written, e.g. `EPSG:4548`, `EPSG:32119`, `CGCS2000 / 3-degree Gauss-Kruger CM 117E`. */
    name: string;
    /** IfcCRS.Description as written (e.g. `NAD83 North Carolina State Plane, Meter`); added by parse. */
    description?: string | null;
    geodeticDatum: string | null;
    verticalDatum: string | null;
    mapProjection: string | null;
    mapZone: string | null;
    /** Metres per map unit when IfcProjectedCRS.MapUnit is given. */
    mapUnitM: number | null;
  } | null;
  /** IfcSite RefLatitude/RefLongitude (decimal degrees, from the compound value) and RefElevation (metres). */
  siteReference: {
    latitudeDeg: number;
    longitudeDeg: number;
    elevationM: number;
    /**
     * The site's ObjectPlacement, whose origin the Ref* values locate: column-major 4×4, site-local → IFC world
     * (Z-up), translation in metres; null when unresolvable, absent from older producers of this type.
     */
    placementM?: number[] | null;
  } | null;
  /** IfcGeometricRepresentationContext TrueNorth as (x, y) in the IFC world XY plane, if given. */
  trueNorth: [number, number] | null;
}

/**
 * The output of the `parse` stage and the contract with every later stage: elements with their semantics,
 * meshes in metres in web-ifc's model frame (Y-up; IFC (x, y, z) → (x, z, −y)), the spatial tree and the raw
 * georeferencing as written in the file.
 * @see IFC 4.3 IfcProduct, IfcRelContainedInSpatialStructure, IfcMapConversion
 */
export interface ParsedModel {
  /** Name of the IFC file (inside its zip, when zipped); used in every error and report message. */
  fileName: string;
  /** FILE_SCHEMA as written, e.g. `IFC4X3_RC2`. */
  schema: string;
  schemaFamily: 'IFC2X3' | 'IFC4' | 'IFC4X3';
  /** Metres per project length unit (0.001 for mm, 0.3048 for ft). Geometry is already in metres. */
  lengthUnitM: number;
  projectName: string | null;
  elements: IfcElement[];
  /** geometryExpressId → mesh. */
  geometries: Map<number, MeshGeometry>;
  elementGeometries: ElementGeometry[];
  spatialTree: SpatialNode | null;
  /** Spatial element globalId → globalIds of the elements contained in it (for the BIM tree). */
  containment: Record<string, string[]>;
  georeference: RawGeoreference;
}

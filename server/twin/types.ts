import type { GeoJsonPolygon } from '@server/db/columns/geojson';
import type { LayerKind, LayerKindOptions, LayerStyle } from '@kernel/layer-kinds';
import type { RegionLevel } from '@server/db/schema/regions';
import type { ModelStatus } from '@server/db/schema/twin';

/**
 * Output shapes of the twin plate's services and routers (the API contract in docs/api.md).
 * Viewer components declare their own prop shapes; these satisfy them structurally.
 */

/** WGS84 lon/lat degrees and height metres (datum in the report's `georeference.heightDatum`). */
export interface AnchorDeg {
  lonDeg: number;
  latDeg: number;
  heightM: number;
}

/** One converted model as listed. */
export interface ModelSummary {
  id: string;
  /** Display name, zh-CN. */
  name: string;
  /** Display name in English; the uploader's one name (= `name`) when no English one was given. */
  nameEn: string;
  fileName: string;
  schema: string;
  status: ModelStatus;
  georefMethod: string;
  epsg: number | null;
  anchor: AnchorDeg | null;
  /** Azimuth of model +Y, clockwise from true north, degrees. */
  headingDeg: number | null;
  /** Building height, metres. */
  heightM: number | null;
  elementCount: number;
  /** `/tiles/<id>/tileset.json`. */
  tilesetUrl: string;
  regionCode: string | null;
  updatedAt: Date;
}

/** A model with its report and footprint. */
export interface ModelDetail extends ModelSummary {
  sourceSha256: string;
  /** The conversion's `report.json` (null while converting). */
  report: unknown;
  /** Plan outline, lon/lat degrees WGS84. */
  footprint: GeoJsonPolygon | null;
  /** Why the conversion failed, null unless status is 'failed'. */
  errorMessage: string | null;
}

/** A property value as stored in `propertySets`. */
export type PropertyValue = string | number | boolean | null;

/** One element as listed. */
export interface ElementSummary {
  globalId: string;
  /** STEP line number, meaningful only inside the model's file. */
  expressId: number;
  ifcClass: string;
  name: string | null;
  storey: string | null;
}

/** One element with everything the property panel shows. */
export interface ElementDetail extends ElementSummary {
  modelId: string;
  /** The model's display name, zh-CN. */
  modelName: string;
  /** The model's English display name (`modelName` when it has none). */
  modelNameEn: string;
  typeName: string | null;
  material: string | null;
  propertySets: Record<string, Record<string, PropertyValue>>;
}

/** Counts of elements per IFC class and per storey in one model. */
export interface ElementFacets {
  classes: { ifcClass: string; count: number }[];
  storeys: { storey: string; count: number }[];
}

/** A layer the viewer can show. */
export interface Layer {
  id: string;
  plate: string;
  /** zh-CN title. */
  title: string;
  titleEn: string;
  kind: LayerKind;
  cimLevel: number | null;
  /** Provenance, including any datum conversion. */
  source: string;
  url: string;
  defaultVisible: boolean;
  style: LayerStyle | null;
  /** Kind-specific parameters (kernel/layer-kinds.ts), null = the kind's defaults. */
  options: LayerKindOptions[LayerKind] | null;
  /** `seed` (plate definitions and models), `registered` (a service an admin registered) or `uploaded`. */
  origin: 'seed' | 'registered' | 'uploaded';
  /** Attribution to show with the layer (imagery credit, data owner), or null. */
  attribution: string | null;
  updatedAt: Date;
}

/** An administrative region (without its boundary: that is served as GeoJSON by /api/geo). */
/** The region an account opens the twin on: its label point and the bounding box of its boundary. */
export interface HomeRegion {
  /** 6-digit admin code. */
  code: string;
  name: string;
  level: RegionLevel;
  /** Label point `[lon, lat]`, degrees WGS84. */
  center: [number, number];
  /** Bounding box of the boundary `[west, south, east, north]`, degrees WGS84. */
  bbox: [number, number, number, number];
}

export interface Region {
  /** 6-digit admin code. */
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** Label point `[lon, lat]`, degrees WGS84. */
  center: [number, number];
}

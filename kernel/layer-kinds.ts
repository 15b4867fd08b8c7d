/**
 * The layer kinds the city twin can draw, declared once: the catalogue table (`layers.kind`), the viewer's
 * layer-kind plugins (viewer/cesium/layer-kinds/) and the seed definitions (data/<plate>/layers.ts) all use this
 * list. A kind's parameters live in the catalogue's `options` (shapes in {@link LayerKindOptions}).
 *
 * @see https://docs.ogc.org/cs/22-025r4/22-025r4.html (3D Tiles), OGC 07-057r7 (WMTS),
 *   https://github.com/CesiumGS/quantized-mesh (terrain)
 */

/** Every layer kind, in the order the layer panel explains them. */
export const LAYER_KINDS = [
  /** GeoJSON outlines and areas served by `/api/geo/<layerId>` (boundaries, roads, parcels). */
  'geojson',
  /** A tileset converted by our tiler from IFC (`/tiles/<modelId>/tileset.json`); elements pickable by GlobalId. */
  'tileset',
  /** Raster tiles: XYZ, TMS or WMTS (basemaps, 天地图, GeoServer, SuperMap iServer). */
  'imagery',
  /** Quantized-mesh terrain (`layer.json` + tiles). */
  'terrain',
  /** An external 3D Tiles 1.0/1.1 tileset (oblique photography 倾斜摄影, city massing 白模). */
  'external-tileset',
  /** Points drawn as clustered markers (sensors, construction sites, citizen reports). */
  'points',
  /** 3D polylines drawn as tubes at their real depth and diameter (pipes). */
  'tubes',
  /** Translucent volumes and surfaces between two heights (planning envelopes, height limits, block massing). */
  'volumes',
  /** A heat map of one measure over points: a canvas-rendered colour field draped on the ground (sensors). */
  'heatmap',
] as const;

/** One layer kind. */
export type LayerKind = (typeof LAYER_KINDS)[number];

/** Whether `value` is a known layer kind. */
export function isLayerKind(value: string): value is LayerKind {
  return (LAYER_KINDS as readonly string[]).includes(value);
}

/** Style hints of a layer (all optional; the viewer has defaults per kind). */
export interface LayerStyle {
  /** Outline / line / marker colour, any CSS colour (`#7fd3ff`, `rgba(…)`). */
  stroke?: string;
  /** Fill colour of areas, any CSS colour (may carry alpha). */
  fill?: string;
  /** Line width, CSS pixels, (0, 20]. */
  width?: number;
}

/** Parameters of each kind, stored in the catalogue's `options` column; `null` = the kind's defaults. */
export interface LayerKindOptions {
  geojson: null;
  tileset: {
    /**
     * Metres to lower the tileset along the local vertical at its anchor, so that a model whose anchor height is
     * orthometric stands on the ellipsoid (the twin has no terrain by default). 0 = as georeferenced.
     */
    groundOffsetM?: number;
    /** The model's name, drawn above it at city-to-district zoom (the app sets it in the UI language). */
    label?: string;
  } | null;
  imagery: {
    /** How `url` addresses tiles: `xyz` (`{z}/{x}/{y}`), `tms` (a TMS root with tilemapresource.xml), `wmts` (REST template). */
    scheme: 'xyz' | 'tms' | 'wmts';
    /** WMTS layer identifier (`scheme: 'wmts'`). */
    layer?: string;
    /** WMTS style (default `default`). */
    wmtsStyle?: string;
    /** WMTS tile matrix set identifier, e.g. `w` (天地图 Web Mercator) or `c` (天地图 geographic). */
    tileMatrixSetId?: string;
    /** Tiling scheme of the service: `webmercator` (EPSG:3857, default) or `geographic` (EPSG:4326/4490). */
    tilingScheme?: 'webmercator' | 'geographic';
    /** Deepest zoom level the service has, 0–22. */
    maximumLevel?: number;
    /** Layer opacity, [0, 1] (default 1). */
    alpha?: number;
    /** Subdomains substituted for `{s}` in `url`. */
    subdomains?: string[];
    /** Attribution text shown with the layer. */
    credit?: string;
  };
  terrain: {
    /** Request vertex normals (lighting), when the server has them. */
    requestVertexNormals?: boolean;
  } | null;
  'external-tileset': {
    /** Maximum screen-space error, pixels (CesiumJS default 16). */
    maximumScreenSpaceErrorPx?: number;
    /** Metres to raise (+) or lower (−) the tileset along the local vertical. */
    heightOffsetM?: number;
  } | null;
  points: {
    /** Cluster markers closer than this on screen, CSS px (default 40; 0 = no clustering). */
    clusterPixelRange?: number;
    /** Feature property shown as the marker label. */
    labelProperty?: string;
    /** Feature property whose text picks the marker colour from `colours` (e.g. a sensor's `state`). */
    colourProperty?: string;
    /** CSS colours by value of `colourProperty`; other values keep the layer colour (`style.stroke`). */
    colours?: Record<string, string>;
  } | null;
  tubes: {
    /** Feature property holding the diameter, millimetres (default `diameterMm`). */
    diameterProperty?: string;
    /** Diameter used when a feature has none, millimetres (default 300). */
    defaultDiameterMm?: number;
  } | null;
  volumes: {
    /** Feature property of the bottom height, metres above the ellipsoid (default `baseM`; absent = 0). */
    baseProperty?: string;
    /** Feature property of the top height, metres (default `topM`; absent or equal = a flat surface at the base). */
    topProperty?: string;
  } | null;
  heatmap: {
    /** Numeric feature property that is mapped to colour (default `lastValue`). */
    valueProperty?: string;
    /** Value at the cool end of the ramp and at the hot end, in the measure's unit; `low > high` inverts the ramp. */
    low: number;
    high: number;
    /** How far a point's influence reaches on the ground, metres (Gaussian sigma; default 150). */
    radiusM?: number;
  } | null;
}

/** Kinds whose features the app fetches as a GeoJSON FeatureCollection from the layer's `url` (`/api/geo/<id>`). */
export const GEOJSON_DATA_KINDS: readonly LayerKind[] = ['geojson', 'points', 'tubes', 'volumes', 'heatmap'];

/** One catalogue layer as a plate declares it (seeded into the `layers` table; `options` per kind). */
export interface LayerDefinition<K extends LayerKind = LayerKind> {
  /** Stable id: lower-case words joined by `-` (`regions-city`, `lifelines-water-pipes`). */
  id: string;
  /** Slug of the plate that owns the layer. */
  plate: string;
  /** Title in Simplified Chinese. */
  title: string;
  /** Title in English. */
  titleEn: string;
  kind: K;
  /** CIM level 1–7 (DOMAIN.md), or `null`. */
  cimLevel: number | null;
  /** Provenance: source, licence, datum conversion applied on import. */
  source: string;
  /** Where the viewer loads it (`/api/geo/<id>`, a tileset.json, an imagery template). */
  url: string;
  defaultVisible: boolean;
  style: LayerStyle | null;
  /** Kind-specific parameters. */
  options: LayerKindOptions[K] | null;
  /** Position in the layer tree (ascending). */
  sortOrder: number;
}

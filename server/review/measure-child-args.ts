/**
 * What the review job passes to its child process (./measure-child.ts) as one JSON argument, and where a model
 * without georeferencing is placed on its parcel.
 */

/** A placement: lon/lat degrees WGS84, height metres, heading = azimuth of model +Y clockwise from north, degrees. */
export interface PlacementArg {
  lonDeg: number;
  latDeg: number;
  heightM: number;
  headingDeg: number;
}

/** The child's argument. Paths are absolute, inside the job's temporary folder. */
export interface MeasureChildArgs {
  sourcePath: string;
  /** Where the tileset is written (the job publishes it). */
  outDir: string;
  /** Where the measures JSON is written. */
  measuresPath: string;
  /** Where a model WITHOUT georeferencing (no IfcMapConversion, no site reference) is placed. */
  fallbackPlacement: PlacementArg;
}

/**
 * The placement of ungeoreferenced models on a parcel: its recorded design base point (设计基准点), else the centre
 * of its boundary's bounding box at height 0, heading 0 (model +Y = north).
 */
export function parcelPlacementOf(parcel: { boundary: { coordinates: [number, number][][] }; placement: PlacementArg | null }): PlacementArg {
  if (parcel.placement) return parcel.placement;
  const ring = parcel.boundary.coordinates[0];
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  return { lonDeg: (Math.min(...lons) + Math.max(...lons)) / 2, latDeg: (Math.min(...lats) + Math.max(...lats)) / 2, heightM: 0, headingDeg: 0 };
}

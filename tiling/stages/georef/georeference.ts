/**
 * The output of the `georef` stage: where the model stands on the Earth.
 *
 * Frames: "model" = web-ifc's frame (Y-up, metres; IFC (x, y, z) → (x, z, −y)).
 * "ENU" = local east-north-up at the anchor (x east, y north, z up), metres.
 * "ECEF" = WGS84 Earth-centred Earth-fixed, metres. Matrices are column-major 4×4 float64 arrays (length 16).
 */

/**
 * Which source placed the model, in the order `georef` tries them.
 * @see IfcMapConversion (IFC4), IfcMapConversionScaled (IFC4X3), ePset_MapConversion (IFC2X3 guidance),
 *   IfcSite.RefLatitude/RefLongitude/RefElevation
 */
export type GeorefMethod =
  | 'placement'
  | 'IfcMapConversion'
  | 'IfcMapConversionScaled'
  | 'ePset_MapConversion'
  | 'IfcSite.RefLatitude'
  | 'none';

/** The user's explicit placement (CLI `--lon --lat --height --heading`); overrides any IFC georeferencing. */
export interface Placement {
  /** WGS84 / CGCS2000 longitude, degrees. */
  lonDeg: number;
  /** Latitude, degrees, −90..90. */
  latDeg: number;
  /** Height of the model origin, metres (treated as ellipsoidal; we have no geoid model). */
  heightM: number;
  /**
   * Azimuth of the model's +Y axis (IFC plan "north" of the drawing), measured **clockwise from true north**,
   * in degrees. 0: model +Y points to true north. 90: model +Y points east (model +X then points south).
   */
  headingDeg: number;
}

/**
 * Where the model stands: the ENU anchor (lon/lat degrees, height metres), the heading and the two matrices
 * `modelToEnu` and `enuToEcef` (column-major 4×4 float64, metres).
 * @see 3D Tiles 1.1 §Coordinate reference systems (tile `transform` to ECEF); EPSG:4326 / EPSG:4490 for the anchor
 */
export interface Georeference {
  /** Which source placed the model. */
  method: GeorefMethod;
  /** ENU origin; lon/lat degrees (WGS84 ≈ CGCS2000), height metres. */
  anchor: { lonDeg: number; latDeg: number; heightM: number };
  /** Which datum anchor.heightM is in (e.g. `orthometric (1985 national height datum) used as ellipsoidal`). */
  heightDatum: string;
  /** Azimuth of model +Y, clockwise from true north, degrees (includes meridian convergence). */
  headingDeg: number;
  /** EPSG code of the source projected CRS, when one was used. */
  epsg: number | null;
  /** Column-major 4×4: model frame (Y-up, metres) → ENU at the anchor (metres). Includes the projection's scale. */
  modelToEnu: number[];
  /** Column-major 4×4: ENU at the anchor → ECEF (the tileset root `transform`). */
  enuToEcef: number[];
  /**
   * The map conversion chain behind `modelToEnu`, for the exact per-point map (exact-projection.ts); null or
   * absent for rigid methods (placement, IfcSite reference, none), whose tangent-plane placement is exact by
   * definition.
   */
  projection?: MapProjectionChain | null;
  warnings: string[];
}

/**
 * The parameters of model → map grid → WGS84 for a map-conversion georeference (plain data).
 * IFC world (x, y, z) in project units = model (mx, −mz, my) / lengthUnitM; then
 * E = eastings + scale·(factorX·x·cosA − factorY·y·sinA), N = northings + scale·(factorX·x·sinA + factorY·y·cosA),
 * H = orthogonalHeight + scale·factorZ·z (map units); (E, N)·mapToCrs → proj4 → lon/lat; height = H·mapUnitM.
 * @see IFC 4.3 IfcMapConversion, IfcMapConversionScaled
 */
export interface MapProjectionChain {
  /** EPSG code of the projected CRS. */
  epsg: number;
  /** proj4 definition actually run, datum shift to WGS84 included. */
  proj4: string;
  /** Metres per project length unit. */
  lengthUnitM: number;
  /** IfcMapConversion Eastings, Northings, OrthogonalHeight (map units). */
  eastings: number;
  northings: number;
  orthogonalHeight: number;
  /** Normalised XAxisAbscissa / XAxisOrdinate. */
  cosA: number;
  sinA: number;
  /** Map units per project unit (the resolved Scale). */
  scale: number;
  /** IfcMapConversionScaled FactorX/Y/Z (1 otherwise). */
  factorX: number;
  factorY: number;
  factorZ: number;
  /** Metres per map unit. */
  mapUnitM: number;
  /** CRS axis units per map unit. */
  mapToCrs: number;
}

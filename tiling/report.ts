/**
 * The conversion report written beside every tileset as `report.json`: what was read, how it was placed on
 * the Earth, what was produced, and every element that could not be converted (with its GlobalId and reason).
 */

/** One element-level problem. The conversion goes on; the user reads these in the report. */
export interface ReportEntry {
  /** IFC GlobalId (22-char base64) when known. */
  globalId: string | null;
  /** STEP line number `#123`; only meaningful inside this one file. */
  expressId: number | null;
  ifcClass: string | null;
  /** Which stage found it: `parse`, `build`, … */
  stage: string;
  reason: string;
}

/** How the model was placed; see tiling/stages/georef. */
export interface ReportGeoreference {
  method: string;
  /** ENU origin of the tileset. Degrees, metres. */
  anchor: { lonDeg: number; latDeg: number; heightM: number };
  /** Which datum `heightM` is in; without a geoid model we say so. */
  heightDatum: string;
  /** Azimuth of the model's +Y axis, clockwise from true north, degrees. */
  headingDeg: number;
  /** Source projected CRS (EPSG code) when one was used. */
  epsg: number | null;
  warnings: string[];
}

/**
 * The content of `report.json`, written beside every tileset.
 * @see 3D Tiles 1.1 `asset.generator` (the same {@link ConversionReport.generator} string)
 */
export interface ConversionReport {
  /** The tiler that wrote it (`TILER_VERSION`, e.g. `GanTwin tiling 0.2`). */
  generator: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  input: { fileName: string; bytes: number; sha256: string; schema: string };
  georeference: ReportGeoreference | null;
  counts: {
    /** IfcProducts that have body geometry. */
    elementsWithGeometry: number;
    /** Features written (one per element that triangulated). */
    features: number;
    placedGeometries: number;
    /** Triangles as placed in the scene (instances counted each time). */
    triangles: number;
    tiles: number;
    /** glTF primitives in all tiles (≈ draw calls). */
    primitives: number;
    /** Meshes written once and drawn through EXT_mesh_gpu_instancing. */
    instancedMeshes: number;
  };
  /** The tile tree: content tiles, depth, largest tile as written, and the per-tile budgets it was cut by. */
  tiling?: {
    contentTiles: number;
    maxLevel: number;
    /** Largest tile GLB as written (compressed), bytes. */
    largestTileBytes: number;
    /** Tiles that got a simplified proxy (REPLACE): stored triangles of the proxy and the full content, error m. */
    lodTiles: { id: string; triangles: number; fullTriangles: number; errorM: number }[];
    budget: { maxTrianglesPerTile: number; maxGpuBytesPerTile: number; maxFeaturesPerTile: number };
  };
  /**
   * Plan outline: convex hull of everything drawn, seen from above, as `[east, north]` metres in ENU at the anchor,
   * counter-clockwise, first point not repeated, rounded to 1 mm; empty when nothing is drawn.
   */
  footprintEnu: [number, number][];
  failures: ReportEntry[];
  warnings: string[];
  /**
   * Model-level facts a reader of the output should know that are not problems (each starts with the stage
   * name), e.g. the position error bound of `compress`. Absent in reports written before 2026-12.
   */
  notes?: string[];
  /** Wall time per stage, milliseconds. */
  timingsMs: Record<string, number>;
  output: { bytes: number; files: number };
}

/** Collects per-element failures and warnings while the stages run; stages receive it through `ctx`. */
export class ReportBuilder {
  readonly failures: ReportEntry[] = [];
  readonly warnings: string[] = [];
  readonly notes: string[] = [];
  readonly timingsMs: Record<string, number> = {};

  /** Records an element the conversion had to skip or degrade. */
  fail(entry: ReportEntry): void {
    this.failures.push(entry);
  }

  /** Records a model-level warning (message starts with the stage name). */
  warn(message: string): void {
    this.warnings.push(message);
  }

  /** Records a model-level fact that is not a problem (message starts with the stage name). */
  note(message: string): void {
    this.notes.push(message);
  }

  /** Records the wall time of one stage in milliseconds. */
  time(stage: string, ms: number): void {
    this.timingsMs[stage] = Math.round(ms * 10) / 10;
  }
}

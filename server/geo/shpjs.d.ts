/** The parts of `shpjs` 6 GanTwin uses (the package ships no types). @see https://github.com/calvinmetcalf/shapefile-js */
declare module 'shpjs' {
  /** Geometries of a .shp file as GeoJSON geometries (`null` for a null shape), in the file's own coordinates when `prj` is omitted. */
  export function parseShp(shp: ArrayBuffer | ArrayBufferView, prj?: string): ({ type: string; coordinates: unknown } | null)[];
  /** Records of a .dbf file as property objects, decoded with the code page of the .cpg text (default: UTF-8 / latin1 guess). */
  export function parseDbf(dbf: ArrayBuffer | ArrayBufferView, cpg?: string): Record<string, unknown>[];
}

/**
 * The web-ifc `OpenModel` settings of the parse stage: model coordinates as in the file, and how finely curves
 * are cut into segments.
 *
 * Notes (issue #8 "exact geometry": curves; measured 2026-12 with web-ifc 0.0.78 on the samples and on
 * exact-solids-fixture.ts)
 * - The only tessellation setting is `CIRCLE_SEGMENTS` (n), one value per opened model. What web-ifc does with
 *   it: a full circle (IfcCircleProfileDef, swept disks) gets n − 1 segments (360° / (n − 1) each); an
 *   IfcRevolvedAreaSolid about n · angle / 360° (a 60° revolve: 3 at n = 12, 16 at n = 91); every trimmed arc
 *   of a profile (IfcTrimmedCurve of an IfcCircle in a composite curve) n − 1 segments whatever its angle or
 *   radius. A chord tolerance by sagitta (≤ 1 mm) depends on the radius and cannot be expressed; an angular one
 *   (≤ 2° per segment) can, for circles and revolves only, as n = 181.
 * - Volume error of the fixture solids against the exact ones, and the cost on the samples (placed triangles,
 *   instances counted; tileset.json + GLBs after compress):
 *
 *   | n   | cylinder | 60° revolve | janesville triangles | janesville KB | duplex triangles | duplex KB |
 *   |-----|----------|-------------|----------------------|---------------|------------------|-----------|
 *   | 12  | −5.4 %   | −2.0 %      | 9.4 M                | 1 355         | 26.8 k           | 212       |
 *   | 16  |          |             | 12.5 M               | 1 721         | 27.8 k           | 212       |
 *   | 24  | −1.2 %   | −1.1 %      | 18.6 M               | 1 877         | 29.9 k           | 214       |
 *   | 48  |          |             | 36.9 M               | 2 946         | 35.8 k           | 231       |
 *   | 91  | −0.09 %  | −0.05 %     | 69.6 M               | 7 624         | 46.7 k           | 259       |
 *   | 181 | −0.02 %  | 0.00 %      | 138 M (parse 437 s)  | —             | 69.3 k           | 316       |
 *
 *   FZK-Haus, nanchang, IfcOpenHouse and the Japanese sample have no curves; Institute grows 41.5 k → 42.8 k
 *   triangles from n = 12 to 181. janesville's cost is its furniture: 8.4 M placed triangles of chair profiles
 *   with small fillets (IfcExtrudedAreaSolid of arbitrary profiles), each fillet already cut into 11 segments at
 *   n = 12 (sagitta < 1 mm for radii up to 25 mm) and into n − 1 at any n.
 * - Decision: n stays at web-ifc's default 12 for the model; no single n meets either tolerance at a reasonable
 *   cost (the ≈ 85 that a 0.1 % volume error on circles needs multiplies janesville's triangles by 7.4 and its
 *   tileset by 5.6). Elements whose body holds a full circle above 25 mm radius, a swept disk, a primitive or a
 *   revolve are meshed a second time at 91 (fine-curves.ts: janesville 8 elements, +0.3 s, +2.5 k triangles).
 * - `COORDINATE_TO_ORIGIN: false`: georef places the model; web-ifc's own recentring would lose float32
 *   precision on large coordinates (known web-ifc weak spot).
 */
import type { LoaderSettings } from 'web-ifc';

/**
 * Settings passed to web-ifc `IfcAPI.OpenModel` by the parse stage (see the module Notes for the measured
 * trade-off of `CIRCLE_SEGMENTS`).
 * @see web-ifc LoaderSettings (web-ifc-api.d.ts)
 */
export const WEB_IFC_LOADER_SETTINGS: Readonly<LoaderSettings> = Object.freeze({
  COORDINATE_TO_ORIGIN: false,
  CIRCLE_SEGMENTS: 12,
});

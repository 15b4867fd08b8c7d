/**
 * Jiangxi's extent with ≈ 10 km margin, WGS84 degrees `[west, south, east, north]` (province 113.57–118.48°E,
 * 24.48–30.08°N): imported positions must land inside it after reprojection (a position outside almost always
 * means a wrong declared CRS).
 * @see data/twin region boundaries (GB/T 2260 codes 360000…)
 */
export const JIANGXI_BBOX_DEG = [113.4, 24.3, 118.6, 30.2] as const;

/**
 * How measured lengths and areas are written (the same in Chinese and English: SI symbols, a dot as decimal sign,
 * no thousands separators): centimetres for lengths below 1 km and 0.1 m² for areas below 1 ha, then
 * kilometres / hectares / square kilometres with the same or finer absolute resolution where it matters.
 *
 * @see GB 3100-1993 (SI units and symbols in China: m, km, m², hm² ≡ ha, km²)
 */

/** From this length on, lengths are written in kilometres, metres. */
export const KM_FROM_M = 1_000;
/** From this area on, areas are written in hectares (1 ha = 10 000 m²), square metres. */
export const HA_FROM_M2 = 10_000;
/** From this area on, areas are written in square kilometres, square metres. */
export const KM2_FROM_M2 = 1_000_000;

/** `value` with `digits` decimals, never `-0.00`. */
function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/**
 * A length in metres as shown to users: `12.34 m` (2 decimals) below 1 km, `1.235 km` (3 decimals, 1 m) from there.
 * Negative values keep their sign (a height difference downwards): `-3.20 m`.
 * @returns `—` for a value that is not finite
 */
export function formatLength(lengthM: number): string {
  if (!Number.isFinite(lengthM)) return '—';
  // Decide on the rounded value, so 999.996 m is written 1.000 km and not 1000.00 m.
  if (Math.abs(Number(lengthM.toFixed(2))) >= KM_FROM_M) return `${fixed(lengthM / 1_000, 3)} km`;
  return `${fixed(lengthM, 2)} m`;
}

/**
 * An area in square metres as shown to users: `356.2 m²` (1 decimal) below 1 ha, `1.2346 ha` (4 decimals, 1 m²)
 * below 1 km², `12.3457 km²` (4 decimals, 100 m²) from there.
 * @returns `—` for a value that is not finite
 */
export function formatArea(areaM2: number): string {
  if (!Number.isFinite(areaM2)) return '—';
  const magnitude = Math.abs(areaM2);
  if (Number((magnitude / KM2_FROM_M2).toFixed(4)) >= 1) return `${fixed(areaM2 / KM2_FROM_M2, 4)} km²`;
  if (Number(magnitude.toFixed(1)) >= HA_FROM_M2) return `${fixed(areaM2 / HA_FROM_M2, 4)} ha`;
  return `${fixed(areaM2, 1)} m²`;
}

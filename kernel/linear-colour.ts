import { invariant } from './errors';

/**
 * sRGB CSS hex (`#1e6fff`) → linear RGBA for glTF `baseColorFactor` (glTF factors are linear; CesiumJS converts
 * back, so a tile shows the same colour as the CSS palette). Used by the plates' generated tiles (lifelines network
 * tiles, villages scene tiles).
 * @returns `[r, g, b, 1]`, each 0..1 linear
 * @throws {InvariantError} when `hex` is not `#rrggbb`
 * @see glTF 2.0 §3.9.2 (baseColorFactor is linear), IEC 61966-2-1 (sRGB transfer function)
 */
export function linearColourOf(hex: string): [number, number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  invariant(match, `colour must be #rrggbb, got ${hex}`);
  const linear = (byte: string) => {
    const c = parseInt(byte, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return [linear(match[1]), linear(match[2]), linear(match[3]), 1];
}

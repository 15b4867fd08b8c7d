import type { ColorRgba } from './built-model';

/**
 * Steps per colour channel in a key: 8 bits, the precision a viewer shows, so colours that differ only by float
 * noise from the IFC style share one glTF material.
 */
const COLOR_KEY_STEPS = 255;

/**
 * Map key of a linear RGBA colour (each channel 0..1), quantised to 8 bits per channel.
 * @returns `r,g,b,a` as integers 0..255 (channels outside 0..1 are not clamped), e.g. `204,204,204,255`
 * @see IfcSurfaceStyleRendering (the colour source); glTF 2.0 material.pbrMetallicRoughness.baseColorFactor
 */
export function colorKey(color: ColorRgba): string {
  return color.map((c) => Math.round(c * COLOR_KEY_STEPS)).join(',');
}

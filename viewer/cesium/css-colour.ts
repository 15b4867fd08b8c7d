/**
 * Parses a layer's CSS colour (`style.stroke`, `style.fill`) into a CesiumJS `Color`, with a fallback for values
 * CesiumJS cannot read (catalogue rows are edited by hand).
 */
import type { Color } from '@cesium/engine';
import type { CesiumModule } from './load-cesium';

/**
 * Reads `css` (`#7fd3ff`, `rgba(255, 0, 0, 0.5)`, `orange`), else `fallbackCss`.
 *
 * @param fallbackCss - a colour CesiumJS can read (a programmer's constant)
 * @returns a new `Color`, components in [0, 1]
 */
export function cssColour(Cesium: CesiumModule, css: string | null | undefined, fallbackCss: string): Color {
  const parsed = css ? Cesium.Color.fromCssColorString(css) : undefined;
  return parsed ?? Cesium.Color.fromCssColorString(fallbackCss);
}

import type { JiangxiMap } from './jiangxi-map';

/**
 * The outline layer of the public map as a standalone SVG document (`/villages/map-outlines.svg`): county outlines
 * filled and thinly stroked, city outlines on top, city names at their label points. It is drawn as an `<image>`
 * under the page's inline SVG of village dots, which uses the same view box (./jiangxi-map.ts has the why). Styles
 * are presentation attributes: an SVG used as an image sees no page CSS and runs no script.
 */

/** Colours of the outline layer (paper tones of app/villages/villages.css). */
export const MAP_OUTLINE_STYLE = {
  countyFill: '#f8f5ec',
  countyStroke: '#b8ad97',
  cityStroke: '#6d604c',
  label: '#4d4334',
} as const;

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text escaped for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]!);
}

/** Path data as PostGIS wrote it (numbers, `M`, `l`, `z` and spaces); anything else is a bug and is refused. */
function checkedPath(pathD: string, code: string): string {
  if (!/^[MLlzZ0-9 .\-]*$/.test(pathD)) throw new Error(`jiangxi-map-svg: unexpected characters in the outline of ${code}`);
  return pathD;
}

/**
 * The outline document of `map` (see module doc).
 * @returns SVG 1.1 text (UTF-8), `viewBox` = `map.frame.viewBox`, no width/height (it scales to its box)
 */
export function jiangxiMapSvg(map: JiangxiMap): string {
  const { countyFill, countyStroke, cityStroke, label } = MAP_OUTLINE_STYLE;
  const counties = map.counties.map((county) => `<path d="${checkedPath(county.pathD, county.code)}"/>`).join('');
  const cities = map.cities.map((city) => `<path d="${checkedPath(city.pathD, city.code)}"/>`).join('');
  const labels = map.cities
    .map((city) => `<text x="${city.labelXy[0]}" y="${city.labelXy[1]}">${escapeXml(city.name.replace(/市$/, ''))}</text>`)
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${map.frame.viewBox.join(' ')}">` +
    `<g fill="${countyFill}" stroke="${countyStroke}" stroke-width="0.6" stroke-linejoin="round">${counties}</g>` +
    `<g fill="none" stroke="${cityStroke}" stroke-width="1.4" stroke-linejoin="round">${cities}</g>` +
    `<g font-family="Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif" font-size="13" fill="${label}" text-anchor="middle" ` +
    `stroke="${countyFill}" stroke-width="3" paint-order="stroke">${labels}</g></svg>`
  );
}

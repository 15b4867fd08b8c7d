/** UI text of the map furniture (compass, scale bar, cursor coordinates). */
import type { MessageCatalogue } from '@viewer/core/i18n';

type MapFurnitureMessageKey = 'compass.label' | 'compass.north' | 'scale.label' | 'coordinates.label' | 'coordinates.gk' | 'coordinates.zone' | 'coordinates.outside';

/** zh-CN / en text of the map furniture. */
export const MAP_FURNITURE_MESSAGES = {
  'zh-CN': {
    'compass.label': '指北针：视线方位 {heading}°，点击恢复正北',
    'compass.north': '北',
    'scale.label': '比例尺：{label}',
    'coordinates.label': '光标位置',
    // Chinese survey convention: X = northing, Y = easting (zone number in front).
    'coordinates.gk': 'X {northing} Y {easting}',
    'coordinates.zone': 'CGCS2000 3°带 {zone} · EPSG:{epsg}',
    'coordinates.outside': '超出 CGCS2000 3° 分带范围',
  },
  en: {
    'compass.label': 'Compass: heading {heading}°, click to face north',
    'compass.north': 'N',
    'scale.label': 'Scale: {label}',
    'coordinates.label': 'Cursor position',
    'coordinates.gk': 'N {northing} E {easting}',
    'coordinates.zone': 'CGCS2000 3° zone {zone} · EPSG:{epsg}',
    'coordinates.outside': 'Outside the CGCS2000 3° zones',
  },
} as const satisfies MessageCatalogue<MapFurnitureMessageKey>;

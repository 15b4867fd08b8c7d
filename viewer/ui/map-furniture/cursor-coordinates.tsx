/**
 * The cursor read-out: lon/lat (WGS84 ≈ CGCS2000 degrees, 6 decimals ≈ 0.1 m) and CGCS2000 3° Gauss-Krüger
 * northing/easting (zone-prefixed easting, metres, 3 decimals; X = northing, Y = easting as Chinese surveys write them) with the zone and EPSG code. Hidden without a mouse over the
 * ground (and on touch screens by CSS).
 */
import { toGaussKruger } from '@viewer/core/gauss-kruger';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import type { PointerLonLat } from '@viewer/core/map-view';
import { MAP_FURNITURE_MESSAGES } from './messages';

/** Props of {@link CursorCoordinates}. */
export interface CursorCoordinatesProps {
  locale: Locale;
  pointer: PointerLonLat;
}

/** The cursor read-out (see module doc). */
export function CursorCoordinates({ locale, pointer }: CursorCoordinatesProps) {
  if (!pointer) return null;
  const t = createTranslator(MAP_FURNITURE_MESSAGES, locale);
  const [lonDeg, latDeg] = pointer;
  const gk = toGaussKruger(lonDeg, latDeg);
  return (
    <div className="gt-coordinates" aria-label={t('coordinates.label')} data-testid="cursor-coordinates">
      <span data-testid="cursor-lonlat">
        {lonDeg.toFixed(6)}°{lonDeg >= 0 ? 'E' : 'W'} {Math.abs(latDeg).toFixed(6)}°{latDeg >= 0 ? 'N' : 'S'}
      </span>
      {gk ? (
        <span data-testid="cursor-gk" data-epsg={gk.epsg}>
          {t('coordinates.gk', { northing: gk.northingM.toFixed(3), easting: gk.eastingM.toFixed(3) })} · {t('coordinates.zone', { zone: gk.zone, epsg: gk.epsg })}
        </span>
      ) : (
        <span>{t('coordinates.outside')}</span>
      )}
    </div>
  );
}

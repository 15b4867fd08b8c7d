/**
 * The compass: a needle pointing to true north as seen from the camera (turned by −heading); a click asks the
 * caller to face north again.
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { MAP_FURNITURE_MESSAGES } from './messages';

/** Props of {@link Compass}. */
export interface CompassProps {
  locale: Locale;
  /** Camera heading, degrees clockwise from true north. */
  headingDeg: number;
  onResetNorth: () => void;
}

/** The compass (see module doc). */
export function Compass({ locale, headingDeg, onResetNorth }: CompassProps) {
  const t = createTranslator(MAP_FURNITURE_MESSAGES, locale);
  const heading = ((Math.round(headingDeg) % 360) + 360) % 360;
  return (
    <button
      type="button"
      className="gt-compass"
      onClick={onResetNorth}
      aria-label={t('compass.label', { heading })}
      title={t('compass.label', { heading })}
      data-testid="compass"
      data-heading={heading}
    >
      <svg viewBox="-20 -20 40 40" width="100%" height="100%" aria-hidden="true">
        <circle r="18" className="gt-compass__ring" />
        <g transform={`rotate(${-headingDeg})`}>
          <polygon points="0,-14 4.5,0 -4.5,0" className="gt-compass__north" />
          <polygon points="0,14 4.5,0 -4.5,0" className="gt-compass__south" />
          <text y="-15.5" className="gt-compass__letter" textAnchor="middle">
            {t('compass.north')}
          </text>
        </g>
      </svg>
    </button>
  );
}

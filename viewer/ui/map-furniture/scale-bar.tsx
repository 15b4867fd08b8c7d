/** The scale bar: a 1/2/5 × 10ⁿ ground distance drawn to scale at the bottom centre; hidden at the horizon. */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { niceScaleBar } from '@viewer/core/scale-bar';
import { MAP_FURNITURE_MESSAGES } from './messages';

/** Longest bar, CSS px. */
export const SCALE_BAR_MAX_WIDTH_PX = 120;

/** Props of {@link ScaleBar}. */
export interface ScaleBarProps {
  locale: Locale;
  /** Ground metres per CSS pixel where the bar stands, `null` when unknown (sky, horizon). */
  metresPerPixel: number | null;
}

/** The scale bar (see module doc); renders nothing when the scale is unknown. */
export function ScaleBar({ locale, metresPerPixel }: ScaleBarProps) {
  const bar = niceScaleBar(metresPerPixel, SCALE_BAR_MAX_WIDTH_PX);
  if (!bar) return null;
  const t = createTranslator(MAP_FURNITURE_MESSAGES, locale);
  return (
    <div className="gt-scale-bar" role="img" aria-label={t('scale.label', { label: bar.label })} data-testid="scale-bar" data-distance-m={bar.distanceM}>
      <span className="gt-scale-bar__label">{bar.label}</span>
      <span className="gt-scale-bar__bar" style={{ width: `${bar.widthPx.toFixed(1)}px` }} />
    </div>
  );
}

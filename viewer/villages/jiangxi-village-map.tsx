/**
 * The light map of the public village list: Jiangxi's city and county outlines (a cacheable SVG drawn by the server,
 * placed as an `<image>`) under an inline SVG with one dot per village, each dot a keyboard-focusable link (with a
 * `<title>`) to its page, and the outline of the city or county the list is filtered by. Villages whose position is
 * not verified (placed at their county's label point) are drawn hollow; a legend says so. Server-rendered, no map
 * library, no client JavaScript.
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { VILLAGE_PAGES_MESSAGES } from './pages-messages';
import { localText } from './village-text';

/** The map frame (server/villages/jiangxi-map.ts `MapFrame`): x = lon · kx, y = −lat · ky. */
export interface VillageMapFrame {
  kx: number;
  ky: number;
  viewBox: [number, number, number, number];
}

/** A region outline in frame units. */
export interface VillageMapOutline {
  code: string;
  name: string;
  pathD: string;
  labelXy: [number, number];
}

/** A village dot. */
export interface VillageMapPoint {
  code: string;
  nameZh: string;
  nameEn: string | null;
  county: string;
  /** `[lon, lat]` degrees WGS84. */
  position: [number, number];
  isPositionVerified: boolean;
}

/** Props of {@link JiangxiVillageMap}. */
export interface JiangxiVillageMapProps {
  frame: VillageMapFrame;
  /** The outline layer (same view box as `frame`). */
  outlinesHref: string;
  /** The city or county the list is filtered by, outlined on top. */
  highlight: VillageMapOutline | null;
  villages: readonly VillageMapPoint[];
  /** The page address of a village. */
  hrefOf: (code: string) => string;
  locale: Locale;
}

/** Radius of a dot, SVG units (≈ 4.5 px at phone width: 1 unit ≈ 0.8 px). */
const DOT_RADIUS = 5.5;
/** Radius of a dot's invisible touch target, SVG units (≈ 20 px across at phone width). */
const HIT_RADIUS = 12;

/** The map (see module doc). */
export function JiangxiVillageMap({ frame, outlinesHref, highlight, villages, hrefOf, locale }: JiangxiVillageMapProps) {
  const t = createTranslator(VILLAGE_PAGES_MESSAGES, locale);
  if (frame.viewBox[2] === 0) return <p className="gt-village-map__unavailable">{t('map.unavailable')}</p>;
  // Verified dots last: drawn on top of the hollow county-centre ones.
  const ordered = [...villages].sort((a, b) => Number(a.isPositionVerified) - Number(b.isPositionVerified));
  return (
    <figure className="gt-village-map" data-testid="village-map">
      <svg
        className="gt-village-map__svg"
        viewBox={frame.viewBox.join(' ')}
        role="group"
        aria-labelledby="village-map-title"
        aria-describedby="village-map-desc"
      >
        <title id="village-map-title">{t('map.title')}</title>
        <desc id="village-map-desc">{t('map.description')}</desc>
        <image href={outlinesHref} x={frame.viewBox[0]} y={frame.viewBox[1]} width={frame.viewBox[2]} height={frame.viewBox[3]} aria-hidden="true" />
        {highlight && <path className="gt-village-map__highlight" d={highlight.pathD} aria-hidden="true" />}
        <g className="gt-village-map__dots">
          {ordered.map((village) => {
            const name = localText(locale, village.nameZh, village.nameEn).text;
            const x = Math.round(village.position[0] * frame.kx * 10) / 10;
            const y = Math.round(-village.position[1] * frame.ky * 10) / 10;
            return (
              <a
                key={village.code}
                href={hrefOf(village.code)}
                className={village.isPositionVerified ? 'gt-village-dot' : 'gt-village-dot gt-village-dot--unverified'}
                data-testid="village-map-dot"
                data-verified={village.isPositionVerified}
                aria-label={t('map.villageTitle', { name, county: village.county })}
              >
                <title>{t('map.villageTitle', { name, county: village.county })}</title>
                <circle className="gt-village-dot__hit" cx={x} cy={y} r={HIT_RADIUS} />
                <circle className="gt-village-dot__mark" cx={x} cy={y} r={DOT_RADIUS} />
              </a>
            );
          })}
        </g>
      </svg>
      <figcaption className="gt-village-map__legend">
        <span className="gt-village-map__legend-title">{t('map.legend')}</span>
        <ul>
          <li>
            <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="4.5" className="gt-village-legend__verified" /></svg>
            {t('map.verified')}
          </li>
          <li>
            <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="4" className="gt-village-legend__unverified" /></svg>
            {t('map.unverified')}
          </li>
          <li>
            <svg viewBox="0 0 18 12" width="18" height="12" aria-hidden="true"><path d="M1 6H17" className="gt-village-legend__city" /></svg>
            {t('map.city')}
          </li>
          <li>
            <svg viewBox="0 0 18 12" width="18" height="12" aria-hidden="true"><path d="M1 6H17" className="gt-village-legend__county" /></svg>
            {t('map.county')}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}

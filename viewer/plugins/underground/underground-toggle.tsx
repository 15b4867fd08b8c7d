'use client';
/**
 * The underground-mode button (地下模式) on the twin globe, under the measuring tools: toggles
 * ./underground-mode.ts on the scene reached through the globe's scene link (viewer/cesium/measure/
 * measure-scene-link.ts), re-centres the translucent square whenever the camera stops, and restores the scene when
 * turned off or unmounted. `data-translucent` says whether the scene is in underground mode (for tests).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { MeasureSceneLink } from '@viewer/cesium/measure/measure-scene-link';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { UNDERGROUND_MESSAGES } from './messages';
import { enterUnderground } from './underground-mode';
import './underground.css';

/** Props of {@link UndergroundToggle}. */
export interface UndergroundToggleProps {
  locale: Locale;
  /** The link whose `tap` wrapped the globe's layer kinds. */
  link: MeasureSceneLink;
}

/** Layers glyph with a dashed ground line (20 × 20 viewBox). */
const ICON = 'M2 8 H18 M4 11 L10 16 L16 11 M7 4 L10 7 L13 4';

/** The button (see module doc). */
export function UndergroundToggle({ locale, link }: UndergroundToggleProps) {
  const t = createTranslator(UNDERGROUND_MESSAGES, locale);
  const bound = useSyncExternalStore(link.subscribe, link.current, () => null);
  const [isOn, setIsOn] = useState(false);
  const [isTranslucent, setIsTranslucent] = useState(false);
  useEffect(() => {
    if (!isOn || !bound) return undefined;
    const { Cesium, scene } = bound;
    const session = enterUnderground(Cesium, scene);
    setIsTranslucent(true);
    const off = scene.camera.moveEnd.addEventListener(() => session.recentre());
    return () => {
      off();
      session.exit();
      setIsTranslucent(false);
    };
  }, [isOn, bound]);
  const title = !bound ? t('underground.unavailable') : isOn ? t('underground.on') : t('underground.off');
  return (
    <div className="gt-underground">
      <button
        type="button"
        className="gt-measure__tool gt-underground__toggle"
        aria-pressed={isOn}
        disabled={!bound}
        title={title}
        aria-label={title}
        data-testid="underground-toggle"
        data-translucent={isTranslucent ? 'true' : 'false'}
        onClick={() => setIsOn((value) => !value)}
      >
        <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
          <path d={ICON} />
        </svg>
        <span className="gt-measure__tool-text">{t('underground.label')}</span>
      </button>
    </div>
  );
}

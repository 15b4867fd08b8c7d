'use client';
/**
 * The set-up every page with a twin globe and the measuring tools needs, in one hook: a scene link, the globe's
 * layer-kind plugins tapped by it (./measure-scene-link.ts), and whether a tool is active (clicks then measure, so
 * the page ignores feature selection).
 * @example
 * const measure = useMeasureLink(CORE_LAYER_KINDS);
 * <TwinGlobe layerKinds={measure.layerKinds} onFeatureSelect={measure.isMeasuring ? undefined : onSelect} … />
 * <MeasureTools locale={locale} link={measure.link} onActiveChange={measure.setIsMeasuring} />
 */
import { useState } from 'react';
import type { LayerKindPlugin } from '../layer-kind-plugin';
import { createMeasureSceneLink, type MeasureSceneLink } from './measure-scene-link';

/** What {@link useMeasureLink} gives a page. */
export interface MeasureLinkState {
  link: MeasureSceneLink;
  /** The plugins to give the globe (read once by it). */
  layerKinds: readonly LayerKindPlugin[];
  isMeasuring: boolean;
  setIsMeasuring: (isMeasuring: boolean) => void;
}

/**
 * Links measuring tools to the globe that draws `layerKinds` (read on the first render only, like the globe).
 * @throws {RangeError} when `layerKinds` is empty
 */
export function useMeasureLink(layerKinds: readonly LayerKindPlugin[]): MeasureLinkState {
  const [link] = useState(createMeasureSceneLink);
  const [tapped] = useState(() => link.tap(layerKinds));
  const [isMeasuring, setIsMeasuring] = useState(false);
  return { link, layerKinds: tapped, isMeasuring, setIsMeasuring };
}

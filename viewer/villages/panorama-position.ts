import type { Locale } from '@viewer/core/i18n';
import type { PanoramaViewHotspot, PanoramaViewVariant } from './panorama-view-data';

/**
 * Pure parts of the panorama viewer: degrees ⇄ the viewer's positions, keyboard steps, which image variant to
 * load, and hotspots → marker specifications.
 *
 * Frames: Photo Sphere Viewer positions are `{ yaw, pitch }` in radians, yaw 0 = the centre column of the
 * equirectangular image, positive yaw to the right, pitch positive up — the same axes as the stored hotspots
 * (`yawDeg`, `pitchDeg`), so the conversion is a unit change with yaw wrapped to (−π, π] and pitch clamped to
 * [−π/2, π/2].
 * @see https://photo-sphere-viewer.js.org/guide/config.html#defaultyaw
 */

/** A viewer position, radians (see the module doc for the axes). */
export interface ViewerPosition {
  yaw: number;
  pitch: number;
}

const DEG_TO_RAD = Math.PI / 180;

/** `angle` wrapped to (−180, 180], degrees. */
export function wrapDeg(angleDeg: number): number {
  const wrapped = ((((angleDeg + 180) % 360) + 360) % 360) - 180;
  return wrapped === -180 ? 180 : wrapped;
}

/** A hotspot direction (degrees) as a viewer position (radians), yaw wrapped, pitch clamped to ±90°. */
export function degreesToViewerPosition(yawDeg: number, pitchDeg: number): ViewerPosition {
  return { yaw: wrapDeg(yawDeg) * DEG_TO_RAD, pitch: Math.max(-90, Math.min(90, pitchDeg)) * DEG_TO_RAD };
}

/** A viewer position (radians) as degrees: yaw −180..180, pitch −90..90 (e.g. to place a new hotspot). */
export function viewerPositionToDegrees(position: ViewerPosition): { yawDeg: number; pitchDeg: number } {
  return { yawDeg: wrapDeg(position.yaw / DEG_TO_RAD), pitchDeg: Math.max(-90, Math.min(90, position.pitch / DEG_TO_RAD)) };
}

/** Degrees one arrow-key press turns the view. */
export const KEYBOARD_STEP_DEG = 10;

/**
 * The position after an arrow key: ←/→ turn left/right by `stepDeg`, ↑/↓ look up/down (pitch clamped to ±90°).
 * @returns the new position, or `null` for any other key (the event is then left alone)
 */
export function keyboardStep(key: string, position: ViewerPosition, stepDeg = KEYBOARD_STEP_DEG): ViewerPosition | null {
  const step = stepDeg * DEG_TO_RAD;
  const clampPitch = (pitch: number) => Math.max(-Math.PI / 2, Math.min(Math.PI / 2, pitch));
  switch (key) {
    case 'ArrowLeft':
      return { yaw: position.yaw - step, pitch: position.pitch };
    case 'ArrowRight':
      return { yaw: position.yaw + step, pitch: position.pitch };
    case 'ArrowUp':
      return { yaw: position.yaw, pitch: clampPitch(position.pitch + step) };
    case 'ArrowDown':
      return { yaw: position.yaw, pitch: clampPitch(position.pitch - step) };
    default:
      return null;
  }
}

/** Formats in the order the viewer prefers them as a WebGL texture source (every current browser decodes WebP). */
export const PANORAMA_FORMAT_PREFERENCE: readonly PanoramaViewVariant['format'][] = ['webp', 'jpeg', 'avif'];

/**
 * The variant to load: the narrowest one at least `neededWidthPx` wide (else the widest), in the first format of
 * `formats` that has one.
 * @param neededWidthPx texture width wanted, px: ≈ 4 × the viewer's width in device pixels covers a 90° view
 *   (a phone: 2048; a desktop: 4096)
 * @returns the variant, or `null` when there is none
 */
export function choosePanoramaVariant(variants: readonly PanoramaViewVariant[], neededWidthPx: number, formats = PANORAMA_FORMAT_PREFERENCE): PanoramaViewVariant | null {
  for (const format of formats) {
    const ofFormat = variants.filter((variant) => variant.format === format).sort((a, b) => a.width - b.width);
    if (ofFormat.length === 0) continue;
    return ofFormat.find((variant) => variant.width >= neededWidthPx) ?? ofFormat[ofFormat.length - 1];
  }
  return null;
}

/** What the viewer draws for one hotspot (the component makes the marker element from it). */
export interface HotspotMarkerSpec {
  /** Marker id, `hotspot-<index>`. */
  id: string;
  position: ViewerPosition;
  /** The label in the locale (English falls back to Chinese). */
  label: string;
  kind: 'building' | 'panorama';
  /** Id of the building or panorama it opens. */
  targetId: string;
}

/** The hotspots as marker specifications, in order. */
export function hotspotMarkerSpecs(hotspots: readonly PanoramaViewHotspot[], locale: Locale): HotspotMarkerSpec[] {
  return hotspots.map((hotspot, index) => ({
    id: `hotspot-${index}`,
    position: degreesToViewerPosition(hotspot.yawDeg, hotspot.pitchDeg),
    label: locale === 'en' ? (hotspot.labelEn ?? hotspot.labelZh) : hotspot.labelZh,
    kind: hotspot.target.kind,
    targetId: hotspot.target.id,
  }));
}

/** Stage width (CSS px) below which the smaller panorama is enough (phones, narrow columns). */
export const SMALL_STAGE_WIDTH_PX = 800;

/**
 * The texture width to ask {@link choosePanoramaVariant} for: 2048 px for a stage narrower than
 * {@link SMALL_STAGE_WIDTH_PX} (a phone: a 90° view then maps ≈ 512 image px onto ≤ 800 CSS px), else 4096 px.
 */
export function panoramaTextureWidthPx(stageWidthCssPx: number): number {
  return stageWidthCssPx < SMALL_STAGE_WIDTH_PX ? 2048 : 4096;
}

const COMPASS_ZH = ['北', '东北', '东', '东南', '南', '西南', '西', '西北'] as const;
const COMPASS_EN = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'] as const;

/**
 * A compass heading as words and degrees, e.g. 30° → `东北（30°）` / `north-east (30°)` (8 points of 45°, each
 * centred on its direction).
 * @param headingDeg degrees clockwise from north, any value (wrapped to 0..360)
 */
export function compassText(headingDeg: number, locale: Locale): string {
  const heading = ((Math.round(headingDeg) % 360) + 360) % 360;
  const point = Math.round(heading / 45) % 8;
  return locale === 'en' ? `${COMPASS_EN[point]} (${heading}°)` : `${COMPASS_ZH[point]}（${heading}°）`;
}

/**
 * The viewer's starting zoom level (Photo Sphere Viewer: 0 = widest field of view, 90°; 100 = narrowest, 30°): the
 * widest on a narrow (portrait phone) stage, whose horizontal view would otherwise show little, else 30.
 */
export function defaultZoomLevel(stageWidthCssPx: number): number {
  return stageWidthCssPx < SMALL_STAGE_WIDTH_PX ? 0 : 30;
}

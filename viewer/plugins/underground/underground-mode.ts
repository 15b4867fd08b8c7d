/**
 * Underground mode (地下模式) of the twin globe: the globe turns translucent around the area of interest so that
 * pipes, tunnels and foundations below the ground show through it, and the camera may go below the surface.
 *
 * Notes:
 * - CesiumJS globe translucency (`globe.translucency`, since 1.85): `frontFaceAlphaByDistance` makes the ground
 *   more transparent the closer the camera is ({@link UNDERGROUND_DEFAULTS}: alpha 0.35 within 300 m, opaque from
 *   8 km, so the region around stays readable from high up), `backFaceAlpha` the same when looking up from below;
 *   `rectangle` limits the translucency to the area of interest (a square of {@link UNDERGROUND_DEFAULTS}.radiusM
 *   around the point at the view centre, moved with the view), so the rest of the province stays opaque and cheap.
 * - Imagery layers get `alpha` {@link UNDERGROUND_DEFAULTS}.imageryAlpha (their own alpha is restored on exit).
 * - `screenSpaceCameraController.enableCollisionDetection = false` lets the camera pass under the surface.
 * - Everything changed is recorded first and put back by the returned `exit`, whatever the page changed meanwhile
 *   is not touched (only the fields this mode sets).
 * @see https://cesium.com/learn/cesiumjs/ref-doc/GlobeTranslucency.html
 */
import type { Scene } from '@cesium/engine';
import type { CesiumModule } from '@viewer/cesium/load-cesium';

/** Settings of underground mode. */
export const UNDERGROUND_DEFAULTS = {
  /** Half side of the translucent square around the view centre, metres. */
  radiusM: 1500,
  /** Ground alpha near the camera, [0, 1], and the distance it holds up to, metres. */
  nearAlpha: 0.35,
  nearM: 300,
  /** Ground alpha far from the camera, and the distance from which it holds, metres. */
  farAlpha: 1,
  farM: 8000,
  /** Alpha of the globe seen from below (back faces). */
  backFaceAlpha: 0.45,
  /** Alpha of every imagery layer while underground mode is on. */
  imageryAlpha: 0.6,
};

/** A lon/lat rectangle, degrees (WGS84). */
export interface RectangleDeg {
  westDeg: number;
  southDeg: number;
  eastDeg: number;
  northDeg: number;
}

/** Mean Earth radius, metres (IUGG R1), for short distances. */
const MEAN_EARTH_RADIUS_M = 6_371_008.8;

/**
 * The square of half side `radiusM` metres around a point, as a lon/lat rectangle (spherical, latitude clamped to
 * ±89.9°). At 28.7°N and 1 500 m: ±0.01349° of latitude, ±0.01539° of longitude.
 */
export function areaOfInterestDeg(lonDeg: number, latDeg: number, radiusM: number): RectangleDeg {
  const dLatDeg = (radiusM / MEAN_EARTH_RADIUS_M) * (180 / Math.PI);
  const cosLat = Math.max(Math.cos((latDeg * Math.PI) / 180), 1e-6);
  const dLonDeg = Math.min(dLatDeg / cosLat, 180);
  return {
    westDeg: lonDeg - dLonDeg,
    southDeg: Math.max(latDeg - dLatDeg, -89.9),
    eastDeg: lonDeg + dLonDeg,
    northDeg: Math.min(latDeg + dLatDeg, 89.9),
  };
}

/** What {@link enterUnderground} returns. */
export interface UndergroundSession {
  /** Moves the translucent square to the current view centre. */
  recentre(): void;
  /** The translucent square, degrees. */
  area(): RectangleDeg;
  /** Restores everything the mode changed. */
  exit(): void;
}

/** The lon/lat under the canvas centre, else under the camera, degrees. */
function viewCentreDeg(Cesium: CesiumModule, scene: Scene): { lonDeg: number; latDeg: number } {
  const canvas = scene.canvas;
  const centre = scene.camera.pickEllipsoid(new Cesium.Cartesian2(canvas.clientWidth / 2, canvas.clientHeight / 2), scene.globe.ellipsoid);
  const cartographic = centre ? Cesium.Cartographic.fromCartesian(centre) : scene.camera.positionCartographic;
  return { lonDeg: Cesium.Math.toDegrees(cartographic.longitude), latDeg: Cesium.Math.toDegrees(cartographic.latitude) };
}

/**
 * Turns underground mode on for `scene` (see module notes).
 * @param options overrides of {@link UNDERGROUND_DEFAULTS}
 * @returns the session; call `exit()` to restore the scene
 */
export function enterUnderground(Cesium: CesiumModule, scene: Scene, options: Partial<typeof UNDERGROUND_DEFAULTS> = {}): UndergroundSession {
  const settings = { ...UNDERGROUND_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) };
  const { globe, screenSpaceCameraController: controller, imageryLayers } = scene;
  const translucency = globe.translucency;
  const saved = {
    enabled: translucency.enabled,
    // Copies: the setters copy into the objects the getters return, which would overwrite saved references.
    frontFaceAlphaByDistance: Cesium.NearFarScalar.clone(translucency.frontFaceAlphaByDistance),
    backFaceAlpha: translucency.backFaceAlpha,
    rectangle: Cesium.Rectangle.clone(translucency.rectangle),
    collision: controller.enableCollisionDetection,
    imageryAlpha: Array.from({ length: imageryLayers.length }, (_, i) => [imageryLayers.get(i), imageryLayers.get(i).alpha] as const),
  };
  let area = areaOfInterestDeg(0, 0, settings.radiusM);
  const recentre = () => {
    const { lonDeg, latDeg } = viewCentreDeg(Cesium, scene);
    area = areaOfInterestDeg(lonDeg, latDeg, settings.radiusM);
    translucency.rectangle = Cesium.Rectangle.fromDegrees(area.westDeg, area.southDeg, area.eastDeg, area.northDeg);
    scene.requestRender();
  };
  translucency.enabled = true;
  translucency.frontFaceAlphaByDistance = new Cesium.NearFarScalar(settings.nearM, settings.nearAlpha, settings.farM, settings.farAlpha);
  translucency.backFaceAlpha = settings.backFaceAlpha;
  controller.enableCollisionDetection = false;
  for (const [layer] of saved.imageryAlpha) layer.alpha = settings.imageryAlpha;
  recentre();
  let isActive = true;
  return {
    recentre: () => {
      if (isActive && !scene.isDestroyed()) recentre();
    },
    area: () => area,
    exit() {
      if (!isActive || scene.isDestroyed()) return;
      isActive = false;
      translucency.enabled = saved.enabled;
      translucency.frontFaceAlphaByDistance = saved.frontFaceAlphaByDistance;
      translucency.backFaceAlpha = saved.backFaceAlpha;
      translucency.rectangle = saved.rectangle;
      controller.enableCollisionDetection = saved.collision;
      for (const [layer, alpha] of saved.imageryAlpha) if (!layer.isDestroyed()) layer.alpha = alpha;
      scene.requestRender();
    },
  };
}

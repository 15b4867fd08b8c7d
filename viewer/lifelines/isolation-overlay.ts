/**
 * What a valve isolation (关阀分析) draws on the globe, engine-free: the affected buildings' footprints as outlines
 * and the valves to close as labelled markers, as GeoJSON FeatureCollections for the core `geojson` and `points`
 * layer kinds (the app shows them as plate overlays, app/shell/client-plate.ts `PlateOverlay`). Also the "fly to"
 * target of a building.
 */
import type { FlyToPoint } from '@viewer/cesium/camera-pose';
import type { FeatureCollection } from '@viewer/core/geojson-lines';
import type { PanelBuilding, PanelIsolation } from './pipe-format';

/** Outline colour of affected buildings (an alarm orange that reads on imagery and against the blue water tubes). */
export const AFFECTED_BUILDING_STROKE = '#ff7a45';
/** Marker colour of the valves to close. */
export const VALVE_MARKER_STROKE = '#f5222d';

/** The two collections of an isolation overlay. */
export interface IsolationOverlayData {
  /** One Polygon per affected building, feature id = building (model) id, property `name`. */
  buildings: FeatureCollection;
  /** One Point per valve to close (at its pipe-axis height), feature id = node id, property `code`. */
  valves: FeatureCollection;
}

/** The overlay of an isolation answer (see module doc); positions are copied as given. */
export function isolationOverlayData(isolation: PanelIsolation): IsolationOverlayData {
  return {
    buildings: {
      type: 'FeatureCollection',
      features: isolation.affectedBuildings.map((building) => ({ type: 'Feature', id: building.id, geometry: building.footprint, properties: { name: building.name } })),
    },
    valves: {
      type: 'FeatureCollection',
      features: isolation.valves.map((valve) => ({ type: 'Feature', id: valve.id, geometry: { type: 'Point', coordinates: [...valve.position] }, properties: { code: valve.code } })),
    },
  };
}

/** Smallest framing radius of a building, metres (a 10 m house still gets its street around it). */
export const BUILDING_FLY_MIN_RADIUS_M = 40;

/**
 * Where "fly to" takes the camera for a building: a sphere at the mean of its outer ring's corners (ground, 0 m),
 * with a radius of the farthest corner (equirectangular metres) or {@link BUILDING_FLY_MIN_RADIUS_M}; `null` when the
 * ring is unusable.
 */
export function buildingFlyTarget(building: PanelBuilding): FlyToPoint | null {
  const ring = building.footprint.coordinates[0] ?? [];
  const corners = ring.length > 1 ? ring.slice(0, -1) : ring;
  if (corners.length === 0 || !corners.every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))) return null;
  const lonDeg = corners.reduce((sum, p) => sum + p[0], 0) / corners.length;
  const latDeg = corners.reduce((sum, p) => sum + p[1], 0) / corners.length;
  const metresPerDegLat = 111_320;
  const metresPerDegLon = metresPerDegLat * Math.cos((latDeg * Math.PI) / 180);
  const farthestM = Math.max(...corners.map((p) => Math.hypot((p[0] - lonDeg) * metresPerDegLon, (p[1] - latDeg) * metresPerDegLat)));
  return { lonDeg, latDeg, heightEllipsoidalM: 0, radiusM: Math.max(BUILDING_FLY_MIN_RADIUS_M, farthestM * 1.5) };
}

/**
 * What the pipe panel (pipe-panel.tsx) shows of a picked pipe segment and of its valve isolation (关阀分析), as
 * text: the identity rows in a fixed order, network and material names per locale, depths and lengths in metres,
 * the fly-to target of a valve. Pure; the shapes are structural subsets of `lifelines.pipes.byId` and
 * `lifelines.isolation.forSegment` answers (the viewer does not import the server).
 */
import type { FlyToPoint } from '@viewer/cesium/camera-pose';
import { formatLength } from '@viewer/core/measure-format';
import type { Translator } from '@viewer/core/i18n';
import type { LifelinesMessageKey } from './messages';

/** The pipe fields the panel shows (`lifelines.pipes.byId` satisfies it). */
export interface PanelPipe {
  id: string;
  properties: {
    code: string;
    network: string;
    diameterMm: number;
    material: string;
    installYear: number | null;
    owner: string;
    coverFromM: number;
    coverToM: number;
    lengthM: number;
    isDemo: boolean;
  };
}

/** A valve of an isolation answer. */
export interface PanelValve {
  id: string;
  code: string;
  kind: string;
  /** Lon/lat degrees, height metres above the ellipsoid (pipe axis). */
  position: readonly [number, number, number] | readonly number[];
}

/** A building that loses supply in an isolation (the twin's model footprint). */
export interface PanelBuilding {
  id: string;
  name: string;
  nameEn: string | null;
  /** Shortest horizontal distance to an isolated segment, metres. */
  distanceM: number;
  /** Plan outline, GeoJSON Polygon in lon/lat degrees. */
  footprint: { type: 'Polygon'; coordinates: number[][][] };
}

/** The isolation fields the panel shows (`lifelines.isolation.forSegment` satisfies it). */
export interface PanelIsolation {
  valves: readonly PanelValve[];
  segments: readonly unknown[];
  isolatedLengthM: number;
  /** Buildings within {@link PanelIsolation.serviceDistanceM} of an isolated segment, nearest first. */
  affectedBuildings: readonly PanelBuilding[];
  /** The service distance of the building rule, metres. */
  serviceDistanceM: number;
}

/** One label/value row of the pipe panel. */
export interface PanelRow {
  key: string;
  label: string;
  value: string;
}

/** Networks whose pipes get the 关阀分析 button (the server also isolates gas and heat: extend here). */
export const PANEL_ISOLATION_NETWORKS: readonly string[] = ['water'];

/** Radius of the sphere framed when flying to a valve, metres (a street crossing and its valve chamber). */
export const VALVE_FLY_RADIUS_M = 25;

const NETWORK_KEYS: Readonly<Record<string, LifelinesMessageKey>> = {
  water: 'network.water',
  storm: 'network.storm',
  sewage: 'network.sewage',
  gas: 'network.gas',
  heat: 'network.heat',
};

const MATERIAL_KEYS: Readonly<Record<string, LifelinesMessageKey>> = {
  'ductile-iron': 'material.ductile-iron',
  concrete: 'material.concrete',
  hdpe: 'material.hdpe',
  pe: 'material.pe',
  steel: 'material.steel',
};

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a picked feature id can be a pipe segment id (a UUID; an old link may name anything). */
export function isPipeId(id: string): boolean {
  return UUID_PATTERN.test(id);
}

/** The network's name in the locale; an unknown code as written. */
export function networkLabel(network: string, t: Translator<LifelinesMessageKey>): string {
  const key = Object.hasOwn(NETWORK_KEYS, network) ? NETWORK_KEYS[network] : undefined;
  return key ? t(key) : network;
}

/** The material's name in the locale; an unknown code (an imported network's own) as written. */
export function materialLabel(material: string, t: Translator<LifelinesMessageKey>): string {
  const key = Object.hasOwn(MATERIAL_KEYS, material) ? MATERIAL_KEYS[material] : undefined;
  return key ? t(key) : material;
}

/** A depth in metres, two decimals (`1.20 m`); `null` for a value that is not finite. */
export function formatDepthM(depthM: number): string | null {
  return Number.isFinite(depthM) ? `${depthM.toFixed(2)} m` : null;
}

/** The identity rows of a pipe: code, network, DN, material, cover depths, install year, owner, length. */
export function pipeRows(pipe: PanelPipe, t: Translator<LifelinesMessageKey>): PanelRow[] {
  const p = pipe.properties;
  const unknown = t('pipe.unknown');
  return [
    { key: 'code', label: t('pipe.code'), value: p.code },
    { key: 'network', label: t('pipe.network'), value: networkLabel(p.network, t) },
    { key: 'diameter', label: t('pipe.diameter'), value: Number.isFinite(p.diameterMm) ? String(p.diameterMm) : unknown },
    { key: 'material', label: t('pipe.material'), value: p.material ? materialLabel(p.material, t) : unknown },
    { key: 'coverFrom', label: t('pipe.coverFrom'), value: formatDepthM(p.coverFromM) ?? unknown },
    { key: 'coverTo', label: t('pipe.coverTo'), value: formatDepthM(p.coverToM) ?? unknown },
    { key: 'installYear', label: t('pipe.installYear'), value: p.installYear === null ? unknown : String(p.installYear) },
    { key: 'owner', label: t('pipe.owner'), value: p.owner || unknown },
    { key: 'length', label: t('pipe.length'), value: Number.isFinite(p.lengthM) ? formatLength(p.lengthM) : unknown },
  ];
}

/** Whether the panel offers 关阀分析 for the pipe's network. */
export function offersIsolation(network: string): boolean {
  return PANEL_ISOLATION_NETWORKS.includes(network);
}

/** Where "fly to" takes the camera for a valve: a {@link VALVE_FLY_RADIUS_M} sphere around its position; `null` when the position is unusable. */
export function valveFlyTarget(valve: PanelValve): FlyToPoint | null {
  const [lonDeg, latDeg, heightEllipsoidalM = 0] = valve.position;
  if (![lonDeg, latDeg, heightEllipsoidalM].every((value) => typeof value === 'number' && Number.isFinite(value))) return null;
  return { lonDeg, latDeg, heightEllipsoidalM, radiusM: VALVE_FLY_RADIUS_M };
}

/** A building's name in the UI language (the English name when there is one and the locale is English). */
export function buildingName(building: PanelBuilding, locale: string): string {
  return locale === 'en' && building.nameEn ? building.nameEn : building.name;
}

/** "12 segments, 1.235 km in all" of an isolation. */
export function isolationSummary(isolation: PanelIsolation, t: Translator<LifelinesMessageKey>): string {
  return t('isolation.segmentsValue', { count: isolation.segments.length, length: formatLength(isolation.isolatedLengthM) });
}

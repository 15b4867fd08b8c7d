import { buildingFlyTarget, isolationOverlayData } from './isolation-overlay';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '@viewer/core/i18n';
import { LIFELINES_MESSAGES } from './messages';
import {
  buildingName,
  isolationSummary,
  isPipeId,
  materialLabel,
  networkLabel,
  offersIsolation,
  pipeRows,
  valveFlyTarget,
  VALVE_FLY_RADIUS_M,
  type PanelPipe,
} from './pipe-format';

const zh = createTranslator(LIFELINES_MESSAGES, 'zh-CN');
const en = createTranslator(LIFELINES_MESSAGES, 'en');

const pipe: PanelPipe = {
  id: '0b7c6f4e-2d3a-4c1b-9e8f-1a2b3c4d5e6f',
  properties: {
    code: 'WS-000123',
    network: 'water',
    diameterMm: 400,
    material: 'ductile-iron',
    installYear: 2008,
    owner: '示例数据：南昌水业集团（虚构）',
    coverFromM: 1.2,
    coverToM: 1.355,
    lengthM: 1234.567,
    isDemo: true,
  },
};

describe('pipeRows', () => {
  it('lists the identity in a fixed order, in Chinese', () => {
    expect(pipeRows(pipe, zh).map((row) => [row.label, row.value])).toEqual([
      ['编号', 'WS-000123'],
      ['管网', '供水'],
      ['管径 DN（mm）', '400'],
      ['材质', '球墨铸铁'],
      ['起点覆土深度', '1.20 m'],
      ['终点覆土深度', '1.35 m'],
      ['敷设年份', '2008'],
      ['权属单位', '示例数据：南昌水业集团（虚构）'],
      ['长度', '1.235 km'],
    ]);
  });

  it('writes English labels and shows missing values as unknown', () => {
    const rows = pipeRows({ ...pipe, properties: { ...pipe.properties, installYear: null, owner: '', coverToM: Number.NaN, lengthM: 87.4 } }, en);
    const byKey = Object.fromEntries(rows.map((row) => [row.key, row]));
    expect(byKey.network.value).toBe('Water supply');
    expect(byKey.installYear).toEqual({ key: 'installYear', label: 'Installed', value: 'unknown' });
    expect(byKey.owner.value).toBe('unknown');
    expect(byKey.coverTo.value).toBe('unknown');
    expect(byKey.length.value).toBe('87.40 m');
  });
});

describe('labels', () => {
  it('names the known networks and materials and keeps unknown codes as written', () => {
    expect(networkLabel('sewage', zh)).toBe('污水');
    expect(networkLabel('telecom', en)).toBe('telecom');
    expect(networkLabel('constructor', en)).toBe('constructor');
    expect(materialLabel('hdpe', en)).toBe('High-density polyethylene (HDPE)');
    expect(materialLabel('cast-iron', zh)).toBe('cast-iron');
  });

  it('has the same message keys in both locales', () => {
    expect(Object.keys(LIFELINES_MESSAGES.en).sort()).toEqual(Object.keys(LIFELINES_MESSAGES['zh-CN']).sort());
  });
});

describe('isolation', () => {
  it('is offered for water pipes only', () => {
    expect(offersIsolation('water')).toBe(true);
    expect(['storm', 'sewage', 'gas', 'heat'].map(offersIsolation)).toEqual([false, false, false, false]);
  });

  it('flies to a valve position, or nowhere when it is unusable', () => {
    expect(valveFlyTarget({ id: 'v', code: 'WV-1', kind: 'valve', position: [115.89, 28.68, -1.5] })).toEqual({
      lonDeg: 115.89,
      latDeg: 28.68,
      heightEllipsoidalM: -1.5,
      radiusM: VALVE_FLY_RADIUS_M,
    });
    expect(valveFlyTarget({ id: 'v', code: 'WV-1', kind: 'valve', position: [115.89, 28.68] })?.heightEllipsoidalM).toBe(0);
    expect(valveFlyTarget({ id: 'v', code: 'WV-1', kind: 'valve', position: [Number.NaN, 28.68, 0] })).toBeNull();
    expect(valveFlyTarget({ id: 'v', code: 'WV-1', kind: 'valve', position: [] })).toBeNull();
  });

  it('sums up the isolated segments', () => {
    const isolation = { valves: [], segments: [{}, {}, {}], isolatedLengthM: 456.789, affectedBuildings: [], serviceDistanceM: 30 };
    expect(isolationSummary(isolation, zh)).toBe('3 段，共 456.79 m');
    expect(isolationSummary(isolation, en)).toBe('3 segments, 456.79 m in all');
  });
});

describe('isPipeId', () => {
  it('accepts UUIDs only', () => {
    expect(isPipeId(pipe.id)).toBe(true);
    expect(isPipeId(pipe.id.toUpperCase())).toBe(true);
    expect(isPipeId('WS-000123')).toBe(false);
    expect(isPipeId('')).toBe(false);
  });
});

describe('isolation overlay and building fly target', () => {
  const building = {
    id: 'b1', name: '红谷滩 1# 楼', nameEn: 'Building 1', distanceM: 12.5,
    // A 20 m × 20 m square at 28.7°N: 0.000205° of longitude, 0.00018° of latitude.
    footprint: { type: 'Polygon' as const, coordinates: [[[115.85, 28.7], [115.850205, 28.7], [115.850205, 28.70018], [115.85, 28.70018], [115.85, 28.7]]] },
  };
  it('centres on the footprint and keeps at least 40 m of street around it', () => {
    const target = buildingFlyTarget(building)!;
    expect(target.lonDeg).toBeCloseTo(115.8501025, 9);
    expect(target.latDeg).toBeCloseTo(28.70009, 9);
    expect(target.radiusM).toBe(40); // half-diagonal ≈ 14.1 m × 1.5 < 40 m
    expect(buildingFlyTarget({ ...building, footprint: { type: 'Polygon', coordinates: [] } })).toBeNull();
  });
  it('names buildings in the UI language and draws footprints and valves with their ids', () => {
    expect(buildingName(building, 'en')).toBe('Building 1');
    expect(buildingName({ ...building, nameEn: null }, 'en')).toBe('红谷滩 1# 楼');
    const overlay = isolationOverlayData({
      valves: [{ id: 'v1', code: 'WV-1', kind: 'valve', position: [115.85, 28.7, -1.5] }], segments: [], isolatedLengthM: 0,
      affectedBuildings: [building], serviceDistanceM: 30,
    });
    expect(overlay.buildings.features).toEqual([{ type: 'Feature', id: 'b1', geometry: building.footprint, properties: { name: '红谷滩 1# 楼' } }]);
    expect(overlay.valves.features[0]).toEqual({ type: 'Feature', id: 'v1', geometry: { type: 'Point', coordinates: [115.85, 28.7, -1.5] }, properties: { code: 'WV-1' } });
  });
});

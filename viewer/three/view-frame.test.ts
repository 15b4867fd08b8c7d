import { describe, expect, it } from 'vitest';
import { Box3, Vector3 } from 'three';
import { buildEcefToView, computeFitView } from './view-frame';

/** ENU→ECEF at lon 115.8545°, lat 28.6925°, 20 m ellipsoidal height (WGS84), column-major. */
function enuToEcef(lonDeg: number, latDeg: number, heightM: number): number[] {
  const lon = (lonDeg * Math.PI) / 180;
  const lat = (latDeg * Math.PI) / 180;
  const a = 6378137;
  const f = 1 / 298.257223563;
  const e2 = f * (2 - f);
  const n = a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
  const east = [-Math.sin(lon), Math.cos(lon), 0];
  const north = [-Math.sin(lat) * Math.cos(lon), -Math.sin(lat) * Math.sin(lon), Math.cos(lat)];
  const up = [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
  const origin = [
    (n + heightM) * Math.cos(lat) * Math.cos(lon),
    (n + heightM) * Math.cos(lat) * Math.sin(lon),
    (n * (1 - e2) + heightM) * Math.sin(lat),
  ];
  return [...east, 0, ...north, 0, ...up, 0, ...origin, 1];
}

describe('buildEcefToView', () => {
  const transform = enuToEcef(115.8545, 28.6925, 20);
  const ecefToView = buildEcefToView(transform);
  const enuToEcefPoint = (e: number, n: number, u: number) =>
    new Vector3(
      transform[0] * e + transform[4] * n + transform[8] * u + transform[12],
      transform[1] * e + transform[5] * n + transform[9] * u + transform[13],
      transform[2] * e + transform[6] * n + transform[10] * u + transform[14],
    );

  it('maps the anchor to the origin within 1 mm', () => {
    expect(enuToEcefPoint(0, 0, 0).applyMatrix4(ecefToView).length()).toBeLessThan(0.001);
  });

  it('maps 10 m up to +y and 10 m north to −z (within 1 mm)', () => {
    const up = enuToEcefPoint(0, 0, 10).applyMatrix4(ecefToView);
    expect(up.x).toBeCloseTo(0, 3);
    expect(up.y).toBeCloseTo(10, 3);
    expect(up.z).toBeCloseTo(0, 3);
    const north = enuToEcefPoint(0, 10, 0).applyMatrix4(ecefToView);
    expect(north.z).toBeCloseTo(-10, 3);
    const east = enuToEcefPoint(7, 0, 0).applyMatrix4(ecefToView);
    expect(east.x).toBeCloseTo(7, 3);
  });

  it('falls back to the bare ENU→view rotation without a transform', () => {
    const p = new Vector3(0, 0, 5).applyMatrix4(buildEcefToView(undefined));
    expect(p.y).toBeCloseTo(5, 9);
  });
});

describe('computeFitView', () => {
  it('looks at the box centre from the south-east, above it, far enough to see a 12 m box', () => {
    const box = new Box3(new Vector3(-6, 0, -5), new Vector3(6, 8, 5));
    const fit = computeFitView(box, 45, 1.5);
    expect(fit.targetView.toArray()).toEqual([0, 4, 0]);
    const offset = fit.positionView.clone().sub(fit.targetView);
    expect(offset.x).toBeGreaterThan(0);
    expect(offset.z).toBeGreaterThan(0);
    expect(offset.y).toBeGreaterThan(0);
    // radius = |(12, 8, 10)| / 2 = 8.77 m; distance = 8.77 / sin(22.5°) · 1.15 = 26.4 m
    expect(offset.length()).toBeCloseTo(26.35, 1);
    expect(fit.nearM).toBeLessThan(1);
    expect(fit.farM).toBeGreaterThan(offset.length() * 2);
  });

  it('keeps a given viewing direction', () => {
    const box = new Box3(new Vector3(-1, -1, -1), new Vector3(1, 1, 1));
    const fit = computeFitView(box, 45, 1, new Vector3(0, 0, 5));
    expect(fit.positionView.x).toBeCloseTo(0, 9);
    expect(fit.positionView.y).toBeCloseTo(0, 9);
    // radius √3 m → distance √3 / sin 22.5° · 1.15 = 5.20 m
    expect(fit.positionView.z).toBeCloseTo(5.2, 1);
  });
});

import { describe, expect, it } from 'vitest';
import { JIANGXI_OVERVIEW_CAMERA } from './camera-url';
import { cameraForRegion, METRES_PER_DEGREE, MIN_REGION_CAMERA_HEIGHT_M } from './region-camera';

describe('cameraForRegion', () => {
  it('frames Nanchang city (115.45–116.6° E, 28.15–29.2° N) from ≈ 120 km straight above its centre', () => {
    const camera = cameraForRegion([115.45, 28.15, 116.6, 29.2]);
    expect(camera.lonDeg).toBeCloseTo(116.025, 9);
    expect(camera.latDeg).toBeCloseTo(28.675, 9);
    expect([camera.headingDeg, camera.pitchDeg, camera.rollDeg]).toEqual([0, -90, 0]);
    // Width 1.15° × 111.19 km × cos 28.675° = 112.2 km < depth 1.05° × 111.19 km = 116.8 km: the depth frames it.
    const depthM = 1.05 * METRES_PER_DEGREE;
    expect(camera.heightEllipsoidalM).toBeCloseTo((depthM * 1.2) / (2 * Math.tan(Math.PI / 6)), 3);
    expect(camera.heightEllipsoidalM).toBeGreaterThan(115_000);
    expect(camera.heightEllipsoidalM).toBeLessThan(125_000);
  });

  it('uses the wider side: a box 0.4° wide and 0.1° deep at 28.7° N is framed by its width (± 1 m)', () => {
    const camera = cameraForRegion([115.7, 28.65, 116.1, 28.75], { margin: 1 });
    const widthM = 0.4 * METRES_PER_DEGREE * Math.cos((28.7 * Math.PI) / 180);
    expect(Math.abs(camera.heightEllipsoidalM - widthM / (2 * Math.tan(Math.PI / 6)))).toBeLessThan(1);
  });

  it('keeps a tiny district at least 3 km high and never goes above the province overview', () => {
    expect(cameraForRegion([115.9, 28.69, 115.9001, 28.6901]).heightEllipsoidalM).toBe(MIN_REGION_CAMERA_HEIGHT_M);
    expect(cameraForRegion([100, 20, 130, 40]).heightEllipsoidalM).toBe(JIANGXI_OVERVIEW_CAMERA.heightEllipsoidalM);
  });

  it('falls back to the Jiangxi overview for a box that is not one', () => {
    expect(cameraForRegion([116, 28, 115, 29])).toEqual(JIANGXI_OVERVIEW_CAMERA);
    expect(cameraForRegion([115, Number.NaN, 116, 29])).toEqual(JIANGXI_OVERVIEW_CAMERA);
    expect(cameraForRegion([115, -95, 116, 29])).toEqual(JIANGXI_OVERVIEW_CAMERA);
  });

  it('ignores undefined options (defaults stay)', () => {
    expect(cameraForRegion([115.45, 28.15, 116.6, 29.2], { margin: undefined })).toEqual(cameraForRegion([115.45, 28.15, 116.6, 29.2]));
  });
});

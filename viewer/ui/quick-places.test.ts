import { describe, expect, it } from 'vitest';
import { JIANGXI_OVERVIEW_CAMERA, type CameraState } from '@viewer/core/camera-url';
import { HONGGUTAN_DEMO_PLACE, isInJiangxi, isOverNanchang, modelPlace, NANCHANG_PLACE, quickPlaceOfCamera } from './quick-places';

describe('isInJiangxi', () => {
  it('accepts Nanchang and Ganzhou, rejects Karlsruhe and Abu Dhabi', () => {
    expect(isInJiangxi(NANCHANG_PLACE.lonDeg, NANCHANG_PLACE.latDeg)).toBe(true);
    expect(isInJiangxi(HONGGUTAN_DEMO_PLACE.lonDeg, HONGGUTAN_DEMO_PLACE.latDeg)).toBe(true);
    expect(isInJiangxi(114.93, 25.83)).toBe(true);
    expect(isInJiangxi(8.4365, 49.1004)).toBe(false);
    expect(isInJiangxi(54.42, 24.47)).toBe(false);
  });
});

describe('modelPlace', () => {
  it('centres half the building height above the ground (models stand on the ellipsoid) with radius ≥ 20 m', () => {
    expect(modelPlace({ lonDeg: 115.8552, latDeg: 28.6934, heightM: 0 }, 18.03)).toEqual({
      lonDeg: 115.8552,
      latDeg: 28.6934,
      heightEllipsoidalM: 9.015,
      radiusM: 20,
    });
    // An anchor 22 m up (orthometric OrthogonalHeight) is lowered to the ground in the twin: 10 m / 2 above 0.
    expect(modelPlace({ lonDeg: 1, latDeg: 2, heightM: 22 }, null)).toMatchObject({ heightEllipsoidalM: 5, radiusM: 20 });
    expect(modelPlace({ lonDeg: 1, latDeg: 2, heightM: 0 }, 60).radiusM).toBe(60);
  });
});

describe('quickPlaceOfCamera', () => {
  const at = (lonDeg: number, latDeg: number, heightEllipsoidalM: number): CameraState => ({ lonDeg, latDeg, heightEllipsoidalM, headingDeg: 0, pitchDeg: -90, rollDeg: 0 });

  it('marks the province at the opening view, Nanchang over the city, Honggutan where its flight ends', () => {
    expect(quickPlaceOfCamera(JIANGXI_OVERVIEW_CAMERA)).toBe('jiangxi');
    expect(quickPlaceOfCamera(at(115.875, 28.62, 12_000))).toBe('nanchang');
    // Where the 红谷滩示范区 quick-nav flight ended in the browser (cam=115.8528934,28.6867386,401.529,…).
    expect(quickPlaceOfCamera(at(115.8528934, 28.6867386, 401.529))).toBe('honggutan');
  });

  it('marks none elsewhere: another city, a county view, space, Honggutan from 5 km up counts as Nanchang', () => {
    expect(quickPlaceOfCamera(at(116.0, 29.7, 60_000))).toBeNull(); // 九江
    expect(quickPlaceOfCamera(at(115.9, 27.3, 200_000))).toBeNull(); // too low for the province, outside Nanchang
    expect(quickPlaceOfCamera(at(115.9, 27.3, 20_000_000))).toBeNull();
    expect(quickPlaceOfCamera(at(115.855, 28.69, 5_000))).toBe('nanchang');
  });

  it('isOverNanchang holds up to 250 km above the city only', () => {
    expect(isOverNanchang(at(115.875, 28.685, 250_000))).toBe(true);
    expect(isOverNanchang(at(115.875, 28.685, 250_001))).toBe(false);
    expect(isOverNanchang(at(114.9, 27.8, 1_000))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { createMapViewStore, northUpCamera, type MapView } from './map-view';

const VIEW: MapView = { headingDeg: 90, pitchDeg: -45, metresPerPixel: 2, centre: { lonDeg: 115.9, latDeg: 28.7 }, rangeM: 1_000 };

describe('northUpCamera', () => {
  it('puts the camera south of the same centre, same range and pitch, heading 0', () => {
    const camera = northUpCamera(VIEW, { lonDeg: 115.91, latDeg: 28.7, heightEllipsoidalM: 707, headingDeg: 90, pitchDeg: -45, rollDeg: 0 });
    expect(camera.headingDeg).toBe(0);
    expect(camera.pitchDeg).toBe(-45);
    expect(camera.lonDeg).toBe(115.9);
    // 1 000 m at 45°: 707.1 m south and 707.1 m up; 707.1 m of latitude = 0.0063592°.
    expect(camera.heightEllipsoidalM).toBeCloseTo(707.107, 3);
    expect((28.7 - camera.latDeg) * 111_195).toBeCloseTo(707.107, 0);
  });

  it('only turns the camera when the centre is the sky', () => {
    const camera = { lonDeg: 116, latDeg: 29, heightEllipsoidalM: 500, headingDeg: 200, pitchDeg: 5, rollDeg: 3 };
    expect(northUpCamera({ ...VIEW, centre: null, rangeM: null }, camera)).toEqual({ ...camera, headingDeg: 0, rollDeg: 0 });
  });
});

describe('createMapViewStore', () => {
  it('tells subscribers of each change until they unsubscribe', () => {
    const store = createMapViewStore();
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.setView(VIEW);
    store.setPointer([115.9, 28.7]);
    expect(store.getView()).toBe(VIEW);
    expect(store.getPointer()).toEqual([115.9, 28.7]);
    off();
    store.setPointer(null);
    expect(calls).toBe(2);
    expect(store.getPointer()).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { readTwinUrlState } from '@viewer/core/camera-url';
import { cameraLookingAtVillage, villageSceneHref, VILLAGE_VIEW_DISTANCE_M } from './village-scene-href';

describe('villageSceneHref', () => {
  it('opens the twin south of 李坑, looking at it, with the village selected; the twin reads it back', () => {
    const href = villageSceneHref('361130102204', [117.85, 29.24]);
    expect(href.startsWith('/?cam=')).toBe(true);
    expect(href).toContain('&sel=villages:villages-points:361130102204');
    const state = readTwinUrlState(new URL(href, 'http://localhost').searchParams);
    expect(state.selection).toEqual({ plate: 'villages', layerId: 'villages-points', featureId: '361130102204' });
    const camera = state.camera!;
    // 650 m at 35° down: 372.8 m up, 532.4 m south (≈ 0.00478°), looking north.
    expect(camera.heightEllipsoidalM).toBeCloseTo(372.8, 1);
    expect(camera.latDeg).toBeCloseTo(29.24 - 532.4 / 111_320, 4);
    expect(camera.lonDeg).toBeCloseTo(117.85, 6);
    expect(camera.headingDeg).toBe(0);
    expect(camera.pitchDeg).toBe(-35);
    // The line of sight meets the ground at the village, within 1 m.
    const groundM = camera.heightEllipsoidalM / Math.tan((35 * Math.PI) / 180);
    expect(Math.abs(groundM - (29.24 - camera.latDeg) * 111_320)).toBeLessThan(1);
    expect(Math.hypot(groundM, camera.heightEllipsoidalM)).toBeCloseTo(VILLAGE_VIEW_DISTANCE_M, 0);
  });

  it('refuses a bad code or position', () => {
    expect(() => villageSceneHref('3611', [117.85, 29.24])).toThrow(/12 digits/);
    expect(() => villageSceneHref('361130102204', [Number.NaN, 29])).toThrow(RangeError);
    expect(() => cameraLookingAtVillage([200, 29])).toThrow(/\[lon, lat\]/);
  });
});

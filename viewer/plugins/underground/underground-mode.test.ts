import * as Cesium from '@cesium/engine';
import type { Scene } from '@cesium/engine';
import { describe, expect, it } from 'vitest';
import type { CesiumModule } from '@viewer/cesium/load-cesium';
import { areaOfInterestDeg, enterUnderground, UNDERGROUND_DEFAULTS } from './underground-mode';

const Module = Cesium as unknown as CesiumModule;

describe('areaOfInterestDeg', () => {
  it('is a 1 500 m half-side square: ±0.013489° of latitude, ±0.015386° of longitude at 28.7°N', () => {
    const area = areaOfInterestDeg(115.85, 28.7, 1500);
    // 1 500 m / 6 371 008.8 m = 2.35441e-4 rad = 0.0134898°; / cos 28.7° (0.877146) = 0.0153791°.
    expect(area.northDeg - 28.7).toBeCloseTo(0.0134898, 6);
    expect(28.7 - area.southDeg).toBeCloseTo(0.0134898, 6);
    expect(area.eastDeg - 115.85).toBeCloseTo(0.0153791, 6);
    expect(115.85 - area.westDeg).toBeCloseTo(0.0153791, 6);
  });
  it('clamps latitude at the poles', () => {
    expect(areaOfInterestDeg(0, 89.95, 50_000).northDeg).toBe(89.9);
  });
});

/** The parts of a scene underground mode touches, with real CesiumJS value types. */
function fakeScene(centre: [number, number] | null) {
  const imagery = [{ alpha: 1, isDestroyed: () => false }, { alpha: 0.8, isDestroyed: () => false }];
  let renders = 0;
  const scene = {
    globe: { translucency: new Cesium.GlobeTranslucency(), ellipsoid: Cesium.Ellipsoid.WGS84 },
    screenSpaceCameraController: { enableCollisionDetection: true },
    imageryLayers: { length: imagery.length, get: (i: number) => imagery[i] },
    camera: {
      pickEllipsoid: () => (centre ? Cesium.Cartesian3.fromDegrees(centre[0], centre[1]) : undefined),
      positionCartographic: Cesium.Cartographic.fromDegrees(116, 29, 5000),
    },
    canvas: { clientWidth: 800, clientHeight: 600 },
    requestRender: () => void (renders += 1),
    isDestroyed: () => false,
  };
  return { scene, imagery, renders: () => renders };
}

describe('enterUnderground', () => {
  it('makes the ground translucent around the view centre, frees the camera, dims imagery, and restores all on exit', () => {
    const { scene, imagery } = fakeScene([115.85, 28.7]);
    const t = scene.globe.translucency;
    const before = Cesium.Rectangle.clone(t.rectangle);
    const session = enterUnderground(Module, scene as unknown as Scene);
    expect(t.enabled).toBe(true);
    expect(t.frontFaceAlphaByDistance).toEqual(new Cesium.NearFarScalar(UNDERGROUND_DEFAULTS.nearM, 0.35, UNDERGROUND_DEFAULTS.farM, 1));
    expect(scene.screenSpaceCameraController.enableCollisionDetection).toBe(false);
    expect(imagery.map((layer) => layer.alpha)).toEqual([0.6, 0.6]);
    const rectangle = t.rectangle;
    expect(Cesium.Math.toDegrees(rectangle.west)).toBeCloseTo(115.85 - 0.0153791, 5);
    expect(Cesium.Math.toDegrees(rectangle.north)).toBeCloseTo(28.7 + 0.0134898, 5);
    session.exit();
    expect(t.enabled).toBe(false);
    expect(Cesium.Rectangle.equals(t.rectangle, before)).toBe(true);
    expect(t.frontFaceAlphaByDistance).toBeUndefined();
    expect(scene.screenSpaceCameraController.enableCollisionDetection).toBe(true);
    expect(imagery.map((layer) => layer.alpha)).toEqual([1, 0.8]);
  });

  it('centres under the camera when the view centre is sky', () => {
    const { scene } = fakeScene(null);
    const session = enterUnderground(Module, scene as unknown as Scene, { radiusM: 1000 });
    const area = session.area();
    expect((area.westDeg + area.eastDeg) / 2).toBeCloseTo(116, 9);
    expect((area.southDeg + area.northDeg) / 2).toBeCloseTo(29, 9);
    session.exit();
  });
});

import { describe, expect, it } from 'vitest';
import { parseCameraParam } from '@viewer/core/camera-url';
import { buildTwinReturnHref, cameraLookingAtModel } from './twin-return-href';

describe('cameraLookingAtModel', () => {
  const model = { anchor: { lonDeg: 115.8545, latDeg: 28.6925, heightM: 20 }, heightM: 10 };

  it('puts the camera 120 m from the model, south of it, looking north and 35° down', () => {
    const camera = cameraLookingAtModel(model);
    expect(camera).not.toBeNull();
    if (!camera) return;
    // horizontal 120·cos35° = 98.3 m south → 0.000883° of latitude
    expect(camera.lonDeg).toBe(115.8545);
    expect((model.anchor.latDeg - camera.latDeg) * 111_320).toBeCloseTo(98.3, 1);
    // 20 m anchor + 5 m mid-height + 120·sin35° = 93.8 m
    // 20 m anchor height is not added: the twin stands models on the ellipsoid.
    expect(camera.heightEllipsoidalM).toBeCloseTo(73.83, 1);
    expect(camera.headingDeg).toBe(0);
    expect(camera.pitchDeg).toBe(-35);
  });

  it('returns null without an anchor', () => {
    expect(cameraLookingAtModel({ anchor: null, heightM: null })).toBeNull();
  });
});

describe('buildTwinReturnHref', () => {
  it('writes cam and sel parameters the twin can parse back (within 1e-6°)', () => {
    const href = buildTwinReturnHref({ anchor: { lonDeg: 115.8545, latDeg: 28.6925, heightM: 20 }, heightM: null }, '2IxUUNUVPB6Ob$eicCfP2N');
    const params = new URL(href, 'http://localhost').searchParams;
    const camera = parseCameraParam(params.get('cam'));
    expect(camera?.lonDeg).toBeCloseTo(115.8545, 6);
    expect(params.get('sel')).toBe('2IxUUNUVPB6Ob$eicCfP2N');
  });

  it('falls back to / without anchor or selection', () => {
    expect(buildTwinReturnHref({ anchor: null, heightM: null }, null)).toBe('/');
  });
});

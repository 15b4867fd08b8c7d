import { parseSelectionParam } from '@viewer/core/selection';
import { describe, expect, it } from 'vitest';
import { parseCameraParam } from '@viewer/core/camera-url';
import { buildTwinReturnHref, cameraLookingAtModel } from './twin-return-href';

describe('cameraLookingAtModel', () => {
  const model = { id: 'x', anchor: { lonDeg: 115.8545, latDeg: 28.6925, heightM: 20 }, heightM: 10 };

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
    expect(cameraLookingAtModel({ id: 'x', anchor: null, heightM: null })).toBeNull();
  });
});

describe('buildTwinReturnHref', () => {
  it('writes cam and sel parameters the twin can parse back (within 1e-6°)', () => {
    const href = buildTwinReturnHref({ id: '0b5e8c2e-4f1c-4d1e-9a53-3c6f0d0c9a11', anchor: { lonDeg: 115.8545, latDeg: 28.6925, heightM: 20 }, heightM: null }, '2IxUUNUVPB6Ob$eicCfP2N');
    const params = new URL(href, 'http://localhost').searchParams;
    const camera = parseCameraParam(params.get('cam'));
    expect(camera?.lonDeg).toBeCloseTo(115.8545, 6);
    expect(parseSelectionParam(params.get('sel'))).toEqual({ plate: 'twin', layerId: 'model-0b5e8c2e-4f1c-4d1e-9a53-3c6f0d0c9a11', featureId: '2IxUUNUVPB6Ob$eicCfP2N' });
  });

  it('falls back to / without anchor or selection', () => {
    expect(buildTwinReturnHref({ id: 'x', anchor: null, heightM: null }, null)).toBe('/');
  });
});

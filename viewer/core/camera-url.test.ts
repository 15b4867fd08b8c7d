import { describe, expect, it } from 'vitest';
import {
  formatCameraParam,
  formatShareableUrl,
  JIANGXI_OVERVIEW_CAMERA,
  parseCameraParam,
  readTwinUrlState,
  writeTwinUrlState,
  type CameraState,
} from './camera-url';

const FZK_VIEW: CameraState = {
  lonDeg: 115.85451234567,
  latDeg: 28.69217654321,
  heightEllipsoidalM: 48.12345,
  headingDeg: 12.5,
  pitchDeg: -32.25,
  rollDeg: 0,
};

describe('formatCameraParam / parseCameraParam', () => {
  it('round-trips within 1e-6 degrees and 1 mm', () => {
    const parsed = parseCameraParam(formatCameraParam(FZK_VIEW));
    expect(parsed).not.toBeNull();
    expect(Math.abs(parsed!.lonDeg - FZK_VIEW.lonDeg)).toBeLessThan(1e-6);
    expect(Math.abs(parsed!.latDeg - FZK_VIEW.latDeg)).toBeLessThan(1e-6);
    expect(Math.abs(parsed!.heightEllipsoidalM - FZK_VIEW.heightEllipsoidalM)).toBeLessThan(1e-3);
    expect(Math.abs(parsed!.headingDeg - 12.5)).toBeLessThan(1e-6);
    expect(Math.abs(parsed!.pitchDeg - -32.25)).toBeLessThan(1e-6);
    expect(parsed!.rollDeg).toBe(0);
  });

  it('round-trips many random poses within 1e-6 degrees', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 500; i++) {
      const camera: CameraState = {
        lonDeg: random() * 359.99 - 179.99,
        latDeg: random() * 180 - 90,
        heightEllipsoidalM: random() * 2e7,
        headingDeg: random() * 359.9,
        pitchDeg: random() * 180 - 90,
        rollDeg: random() * 359.9 - 179.9,
      };
      const parsed = parseCameraParam(formatCameraParam(camera))!;
      expect(Math.abs(parsed.lonDeg - camera.lonDeg)).toBeLessThan(1e-6);
      expect(Math.abs(parsed.latDeg - camera.latDeg)).toBeLessThan(1e-6);
      expect(Math.abs(parsed.headingDeg - camera.headingDeg)).toBeLessThan(1e-4);
      expect(Math.abs(parsed.heightEllipsoidalM - camera.heightEllipsoidalM)).toBeLessThan(1e-3);
    }
  });

  it('writes a short, readable value for the Jiangxi overview', () => {
    expect(formatCameraParam(JIANGXI_OVERVIEW_CAMERA)).toBe('115.9,27.3,1250000,0,-90,0');
  });

  it('wraps heading and roll instead of rejecting them', () => {
    expect(formatCameraParam({ ...FZK_VIEW, headingDeg: -90, rollDeg: 270 })).toMatch(/,270,-32\.25,-90$/);
    expect(parseCameraParam('115,28,100,450,-45,190')).toMatchObject({ headingDeg: 90, rollDeg: -170 });
  });

  it.each([
    null,
    '',
    'abc',
    '115,28,100,0,-45',
    '115,28,100,0,-45,0,1',
    '115,28,,0,-45,0',
    '115,28,100,0,-45,NaN',
    '115,28,100,0,-45,Infinity',
    '0x10,28,100,0,-45,0',
    '181,28,100,0,-45,0',
    '115,90.5,100,0,-45,0',
    '115,28,100,0,-91,0',
    '115,28,-20000,0,-45,0',
    '115,28,1e9,0,-45,0',
  ])('returns null for invalid input %j', (value) => {
    expect(parseCameraParam(value)).toBeNull();
  });
});

describe('readTwinUrlState / writeTwinUrlState', () => {
  it('reads camera and a valid GlobalId, and keeps other parameters when writing', () => {
    const params = new URLSearchParams('lang=en&cam=115.85,28.69,50,0,-30,0&sel=2XQ$n5SLP5MBLyL442paFx');
    const state = readTwinUrlState(params);
    expect(state.camera).toMatchObject({ lonDeg: 115.85, latDeg: 28.69, heightEllipsoidalM: 50, pitchDeg: -30 });
    expect(state.selection).toEqual({ plate: 'twin', layerId: '', featureId: '2XQ$n5SLP5MBLyL442paFx' });
    const written = writeTwinUrlState(params, { camera: JIANGXI_OVERVIEW_CAMERA, selection: null });
    expect(written.get('lang')).toBe('en');
    expect(written.get('cam')).toBe('115.9,27.3,1250000,0,-90,0');
    expect(written.has('sel')).toBe(false);
  });

  it('drops an invalid selection and camera', () => {
    const state = readTwinUrlState(new URLSearchParams('cam=1,2,3&sel=<script>'));
    expect(state).toEqual({ camera: null, selection: null });
  });
});

describe('formatShareableUrl', () => {
  it('keeps commas and $ readable, encodes the rest, and reads back the same parameters', () => {
    const params = new URLSearchParams({ cam: '115.9,27.3,1250000,0,-90,0', sel: 'twin:model-1:2XQ$n5SLP5MBLyL442paFx', q: 'a&b c' });
    const url = formatShareableUrl('/', params);
    expect(url).toBe('/?cam=115.9,27.3,1250000,0,-90,0&sel=twin:model-1:2XQ$n5SLP5MBLyL442paFx&q=a%26b+c');
    expect([...new URLSearchParams(url.slice(2))]).toEqual([...params]);
    expect(formatShareableUrl('/models/x', new URLSearchParams())).toBe('/models/x');
  });
});

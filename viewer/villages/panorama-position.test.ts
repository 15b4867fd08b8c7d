import { describe, expect, it } from 'vitest';
import { choosePanoramaVariant, compassText, defaultZoomLevel, degreesToViewerPosition, hotspotMarkerSpecs, keyboardStep, panoramaTextureWidthPx, viewerPositionToDegrees, wrapDeg } from './panorama-position';
import type { PanoramaViewVariant } from './panorama-view-data';

const RAD = Math.PI / 180;

describe('degrees ⇄ viewer positions', () => {
  it('converts yaw/pitch degrees to radians, wrapping yaw to (−180°, 180°] and clamping pitch to ±90°', () => {
    expect(degreesToViewerPosition(0, 0)).toEqual({ yaw: 0, pitch: 0 });
    const right = degreesToViewerPosition(90, 30);
    expect(right.yaw).toBeCloseTo(Math.PI / 2, 12);
    expect(right.pitch).toBeCloseTo(Math.PI / 6, 12);
    expect(degreesToViewerPosition(270, 0).yaw).toBeCloseTo(-Math.PI / 2, 12);
    expect(degreesToViewerPosition(-180, 0).yaw).toBeCloseTo(Math.PI, 12);
    expect(degreesToViewerPosition(10, 120).pitch).toBeCloseTo(Math.PI / 2, 12);
    expect(degreesToViewerPosition(10, -95).pitch).toBeCloseTo(-Math.PI / 2, 12);
  });

  it('round-trips within 1e-9° and wraps any angle', () => {
    for (const [yawDeg, pitchDeg] of [[-179.5, -45], [0.25, 89.9], [123.456, -12.5], [180, 0]]) {
      const back = viewerPositionToDegrees(degreesToViewerPosition(yawDeg, pitchDeg));
      expect(Math.abs(back.yawDeg - yawDeg)).toBeLessThan(1e-9);
      expect(Math.abs(back.pitchDeg - pitchDeg)).toBeLessThan(1e-9);
    }
    expect([wrapDeg(540), wrapDeg(-540), wrapDeg(-190), wrapDeg(190), wrapDeg(720)]).toEqual([180, 180, 170, -170, 0]);
  });
});

describe('keyboard', () => {
  it('turns 10° per arrow key, clamps pitch at ±90° and ignores other keys', () => {
    const start = { yaw: 0, pitch: 0 };
    expect(keyboardStep('ArrowRight', start)!.yaw).toBeCloseTo(10 * RAD, 12);
    expect(keyboardStep('ArrowLeft', start)!.yaw).toBeCloseTo(-10 * RAD, 12);
    expect(keyboardStep('ArrowUp', start)!.pitch).toBeCloseTo(10 * RAD, 12);
    expect(keyboardStep('ArrowDown', { yaw: 1, pitch: -85 * RAD })).toEqual({ yaw: 1, pitch: -Math.PI / 2 });
    expect(keyboardStep('Enter', start)).toBeNull();
    expect(keyboardStep('a', start)).toBeNull();
  });
});

describe('variant choice', () => {
  const variants: PanoramaViewVariant[] = (['avif', 'webp', 'jpeg'] as const).flatMap((format) => [2048, 4096].map((width) => ({ url: `/m/${width}.${format}`, format, width, height: width / 2 })));

  it('takes WebP at the narrowest width that covers the need, else the widest', () => {
    expect(choosePanoramaVariant(variants, panoramaTextureWidthPx(390))?.url).toBe('/m/2048.webp');
    expect(choosePanoramaVariant(variants, panoramaTextureWidthPx(1280))?.url).toBe('/m/4096.webp');
    expect(choosePanoramaVariant(variants, 8192)?.url).toBe('/m/4096.webp');
  });

  it('starts a phone-wide stage at the widest field of view', () => {
    expect([defaultZoomLevel(390), defaultZoomLevel(799), defaultZoomLevel(800), defaultZoomLevel(1280)]).toEqual([0, 0, 30, 30]);
  });

  it('falls back to JPEG, then AVIF, and answers null without variants', () => {
    expect(choosePanoramaVariant(variants.filter((v) => v.format !== 'webp'), 2048)?.url).toBe('/m/2048.jpeg');
    expect(choosePanoramaVariant(variants.filter((v) => v.format === 'avif'), 2048)?.url).toBe('/m/2048.avif');
    expect(choosePanoramaVariant([], 2048)).toBeNull();
  });
});

describe('hotspot markers', () => {
  const hotspots = [
    { yawDeg: -30, pitchDeg: 5, target: { kind: 'building' as const, id: 'b-1' }, labelZh: '汪氏宗祠', labelEn: 'Wang Ancestral Hall' },
    { yawDeg: 200, pitchDeg: -10, target: { kind: 'panorama' as const, id: 'p-2' }, labelZh: '村口', labelEn: null },
  ];

  it('makes one marker per hotspot with its position, kind, target and label in the locale (English falls back)', () => {
    const zh = hotspotMarkerSpecs(hotspots, 'zh-CN');
    expect(zh.map((m) => [m.id, m.kind, m.targetId, m.label])).toEqual([
      ['hotspot-0', 'building', 'b-1', '汪氏宗祠'],
      ['hotspot-1', 'panorama', 'p-2', '村口'],
    ]);
    expect(zh[0].position.yaw).toBeCloseTo(-30 * RAD, 12);
    expect(zh[1].position.yaw).toBeCloseTo(-160 * RAD, 12);
    expect(zh[1].position.pitch).toBeCloseTo(-10 * RAD, 12);
    expect(hotspotMarkerSpecs(hotspots, 'en').map((m) => m.label)).toEqual(['Wang Ancestral Hall', '村口']);
  });
});

describe('compass text', () => {
  it('names the nearest of 8 directions with the rounded heading, wrapping any angle', () => {
    expect([compassText(0, 'zh-CN'), compassText(30, 'zh-CN'), compassText(22.4, 'zh-CN'), compassText(-90, 'zh-CN'), compassText(725, 'en')]).toEqual(['北（0°）', '东北（30°）', '北（22°）', '西（270°）', 'north (5°)']);
    expect(compassText(337.6, 'en')).toBe('north (338°)');
    expect(compassText(180, 'en')).toBe('south (180°)');
  });
});

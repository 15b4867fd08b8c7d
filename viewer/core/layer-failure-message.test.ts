import { describe, expect, it } from 'vitest';
import { layerFailureMessage } from './layer-failure-message';

const layer = { kind: 'terrain' as const, id: 'dem-jiangxi', url: '/terrain/jiangxi' };

describe('layerFailureMessage', () => {
  it('names kind, layer id, url and the reason of an Error or a string', () => {
    expect(layerFailureMessage(layer, new Error('layer.json is not valid JSON'))).toBe(
      'terrain layer dem-jiangxi (/terrain/jiangxi): layer.json is not valid JSON',
    );
    expect(layerFailureMessage(layer, 'no data')).toBe('terrain layer dem-jiangxi (/terrain/jiangxi): no data');
  });

  it('reads CesiumJS tile errors with their inner request error, and objects that only have toString', () => {
    const requestError = { statusCode: 404, toString: () => 'Request has failed. Status Code: 404' };
    expect(layerFailureMessage(layer, requestError)).toBe('terrain layer dem-jiangxi (/terrain/jiangxi): Request has failed. Status Code: 404');
    const tileError = { message: 'Failed to obtain image tile X: 3 Y: 1 Level: 2.', error: requestError };
    expect(layerFailureMessage(layer, tileError)).toBe(
      'terrain layer dem-jiangxi (/terrain/jiangxi): Failed to obtain image tile X: 3 Y: 1 Level: 2. (Request has failed. Status Code: 404)',
    );
    expect(layerFailureMessage(layer, new Error('outer', { cause: new Error('inner') }))).toBe(
      'terrain layer dem-jiangxi (/terrain/jiangxi): outer (inner)',
    );
  });

  it('does not repeat a reason that already names the kind and url', () => {
    expect(layerFailureMessage(layer, new Error('terrain /terrain/jiangxi: bad layer.json'))).toBe(
      'terrain layer dem-jiangxi (/terrain/jiangxi): bad layer.json',
    );
    expect(layerFailureMessage(layer, new Error('terrain /other: bad layer.json'))).toBe(
      'terrain layer dem-jiangxi (/terrain/jiangxi): terrain /other: bad layer.json',
    );
  });

  it('says "unknown error" for nothing useful, and stops on cyclic causes', () => {
    expect(layerFailureMessage(layer, undefined)).toMatch(/: unknown error$/);
    expect(layerFailureMessage(layer, {})).toMatch(/: unknown error$/);
    const cyclic: { message: string; cause?: unknown } = { message: 'loop' };
    cyclic.cause = cyclic;
    expect(layerFailureMessage(layer, cyclic)).toMatch(/: loop$/);
  });
});

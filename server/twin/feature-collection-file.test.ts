import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '@kernel/errors';
import { readFeatureCollectionFile } from './feature-collection-file';

const dir = mkdtempSync(path.join(tmpdir(), 'gantwin-features-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `text` to a file in the temp dir and returns its path. */
function fileWith(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('readFeatureCollectionFile', () => {
  it('returns the features of a FeatureCollection', async () => {
    const file = fileWith('ok.geojson', '{"type":"FeatureCollection","features":[{"type":"Feature"},{"type":"Feature"}]}');
    expect(await readFeatureCollectionFile(file, 'seed-test')).toHaveLength(2);
  });

  it.each([
    ['a missing file', path.join(dir, 'missing.geojson'), /^seed-test: cannot read .*missing\.geojson \(is SHARED_DATA_DIR right\?\)$/],
    ['truncated JSON', fileWith('cut.geojson', '{"type":"FeatureCollection","feat'), /^seed-test: .*cut\.geojson is not a GeoJSON FeatureCollection$/],
    ['JSON without features', fileWith('no-features.geojson', '{"type":"Feature"}'), /is not a GeoJSON FeatureCollection$/],
  ])('refuses %s with an InputError naming the file', async (_name, file, message) => {
    const error: unknown = await readFeatureCollectionFile(file, 'seed-test').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
  });
});

import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '@kernel/errors';

const collectionSchema = z.object({ features: z.array(z.unknown()) });

/**
 * Reads the `features` of a GeoJSON FeatureCollection file (a seed source in `SHARED_DATA_DIR`), unvalidated:
 * each seeder checks its own feature shape.
 * @param file absolute path of the file
 * @param seeder names the caller in messages, e.g. `seed-roads`
 * @throws {InputError} naming the file when it cannot be read, is not JSON, or has no `features` array
 * @see https://www.rfc-editor.org/rfc/rfc7946#section-3.3
 */
export async function readFeatureCollectionFile(file: string, seeder: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new InputError(`${seeder}: cannot read ${file} (is SHARED_DATA_DIR right?)`, { cause, context: { file } });
  }
  try {
    return collectionSchema.parse(JSON.parse(text)).features;
  } catch (cause) {
    throw new InputError(`${seeder}: ${file} is not a GeoJSON FeatureCollection`, { cause, context: { file } });
  }
}

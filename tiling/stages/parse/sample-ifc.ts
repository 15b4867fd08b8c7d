import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * Test support: the public sample models in `../shared/data/ifc` beside the repository (never copied into it;
 * see SOURCES.md there). Tests `describe.skipIf(!HAS_SAMPLE_IFC)` with {@link SAMPLES_MISSING}.
 */

/** Absolute path of the sample folder, with a trailing slash. */
export const SAMPLE_IFC_DIR = fileURLToPath(new URL('../../../../shared/data/ifc/', import.meta.url));

/** The official 3D Tiles 1.1 JSON schemas beside the shared sample data (`../shared/schemas/3d-tiles-1.1`). */
export const SCHEMA_DIR = fileURLToPath(new URL('../../../../shared/schemas/3d-tiles-1.1/', import.meta.url));

/** Whether the schemas are present (they are not part of the repository). */
export const HAS_SCHEMA_DIR = existsSync(`${SCHEMA_DIR}tileset.schema.json`);

/** The skip note of tests that need the schemas. */
export const SCHEMA_DIR_MISSING = `needs the 3D Tiles 1.1 schemas in ${SCHEMA_DIR} (../shared/schemas beside the repo)`;

/** Whether the samples are present (they are not part of the repository). */

export const HAS_SAMPLE_IFC = existsSync(`${SAMPLE_IFC_DIR}AC20-FZK-Haus.ifc`);

/** Reason printed for skipped suites. */
export const SAMPLES_MISSING = `sample IFC files not found in ${SAMPLE_IFC_DIR} (../shared/data/ifc beside the repo): skipped`;

/**
 * Reads one sample model.
 * @param fileName e.g. `AC20-FZK-Haus.ifc`
 * @returns its bytes and file name, in the shape the `parse` stage takes
 */
export async function readSampleIfc(fileName: string): Promise<{ bytes: Uint8Array; fileName: string }> {
  return { bytes: new Uint8Array(await readFile(`${SAMPLE_IFC_DIR}${fileName}`)), fileName };
}

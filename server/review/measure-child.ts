/**
 * The child process of `review.process-submission` (run by server/jobs/limited-child.ts with the job's time and
 * memory limits): converts one submitted IFC into a tileset and writes its measures.
 *
 * Argument: one JSON {@link MeasureChildArgs}. Protocol: JSON lines on stdout (progress, then the result
 * `{ ifcSchema }`); the measures go to `measuresPath` (they may be megabytes: a file, not a pipe message). A broken,
 * unsupported or ungeoreferenceable file is a final error (`GanTwinError`); anything else may be retried.
 */
import { writeFile } from 'node:fs/promises';
import { childProtocol } from '@server/jobs/limited-child';
import { GanTwinError } from '@kernel/errors';
import { measureModel } from './indicators/measure-model';
import type { MeasureChildArgs } from './measure-child-args';

const child = childProtocol();
try {
  const args = JSON.parse(process.argv[2] ?? '') as MeasureChildArgs;
  const measures = await measureModel(args.sourcePath, { outDir: args.outDir, fallbackPlacement: args.fallbackPlacement }, { onProgress: (stage, fraction) => child.progress(stage, fraction) });
  await writeFile(args.measuresPath, JSON.stringify(measures));
  child.result({ ifcSchema: measures.schema });
  process.exit(0);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  child.error(message, error instanceof GanTwinError);
  process.exit(error instanceof GanTwinError ? 65 : 70);
}

/**
 * `npm run review:check -- <model.ifc|.ifczip> --parcel <parcel.geojson> [--lon <deg> --lat <deg> [--height <m>]
 * [--heading <deg>]]`: measures a building model and checks it against its parcel's planning conditions (报建审查).
 *
 * Prints ONE JSON object on stdout: `indicators` (parcelAreaM2, footprintM2, gfaM2, far, density, heightM, storeys,
 * setbackM per parcel edge in ring order, insideParcel), `checks` (rule, value, limit, verdict, clause, globalIds …),
 * and `model` (GFA method, placement, pre-checks). The parcel file: server/review/indicators/parcel-file.ts.
 * The tileset is written to a temporary directory, removed afterwards.
 * Exit codes (as `npm run tile`): 0 checked, whatever the verdicts · 1 bad parcel file, missing file or an IFC that
 * cannot be converted (one-line reason) · 2 bad command line · 70 internal error.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { GanTwinError, InputError, InvariantError } from '@kernel/errors';
import type { Placement } from '@tiling/index';
import { checkParcel } from '@server/review/indicators/check-parcel';
import { measureModel } from '@server/review/indicators/measure-model';
import { readParcelGeoJson } from '@server/review/indicators/parcel-file';

const EXIT_INPUT = 1;
const EXIT_USAGE = 2;
const EXIT_INTERNAL = 70;
const USAGE = 'usage: npm run review:check -- <model.ifc|.ifczip> --parcel <parcel.geojson> [--lon <deg> --lat <deg> [--height <m>] [--heading <deg>]]';

class UsageError extends Error {}

function parseCommandLine(argv: string[]): { modelPath: string; parcelPath: string; placement?: Placement } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { parcel: { type: 'string' }, lon: { type: 'string' }, lat: { type: 'string' }, height: { type: 'string' }, heading: { type: 'string' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`expected one model file, got ${positionals.length}`);
  if (!values.parcel) throw new UsageError('--parcel <parcel.geojson> is required');
  const numberOf = (name: string, text: string | undefined, fallback: number) => {
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isFinite(value)) throw new UsageError(`--${name} must be a number, got ${text}`);
    return value;
  };
  if ((values.lon === undefined) !== (values.lat === undefined)) throw new UsageError('--lon and --lat go together');
  const placement =
    values.lon === undefined
      ? undefined
      : { lonDeg: numberOf('lon', values.lon, 0), latDeg: numberOf('lat', values.lat, 0), heightM: numberOf('height', values.height, 0), headingDeg: numberOf('heading', values.heading, 0) };
  return { modelPath: positionals[0], parcelPath: values.parcel, placement };
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`review:check: ${(error as Error).message}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  let tempDir: string | null = null;
  try {
    let parcelText: string;
    try {
      parcelText = await readFile(args.parcelPath, 'utf8');
    } catch (cause) {
      throw new InputError(`${args.parcelPath}: cannot read the parcel file (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`, { cause });
    }
    const parcel = readParcelGeoJson(parcelText, basename(args.parcelPath));
    tempDir = await mkdtemp(join(tmpdir(), 'gantwin-review-'));
    const logger = { debug: () => {}, info: () => {}, warn: (m: string) => process.stderr.write(`[warn] ${m}\n`), error: (m: string) => process.stderr.write(`[error] ${m}\n`) };
    const measures = await measureModel(args.modelPath, { outDir: join(tempDir, 'tiles'), placement: args.placement }, { logger });
    const { indicators, checks } = checkParcel(measures, parcel);
    const model = { fileName: measures.fileName, gfaMethod: measures.gfa.method, anchor: measures.anchor, footprintEnu: measures.footprint.coordinates, preChecks: measures.preChecks };
    process.stdout.write(`${JSON.stringify({ indicators, checks, model }, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof InvariantError || !(error instanceof GanTwinError)) {
      process.stderr.write(`review:check: internal error: ${(error as Error).stack ?? String(error)}\n`);
      return EXIT_INTERNAL;
    }
    process.stderr.write(`review:check: ${error.message}\n`);
    return EXIT_INPUT;
  } finally {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

process.exit(await main());

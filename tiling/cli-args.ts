/**
 * Parses and validates the `npm run tile` command line (a trust boundary: zod checks every value).
 *
 * Usage: `npm run tile -- <input.ifc|.ifczip|.zip> --out <dir> [--lon <deg> --lat <deg> [--height <m>] [--heading <deg>]]
 *         [--no-meshopt] [--no-instancing] [--include-spaces] [--no-worker] [--quiet]`
 *
 * `--lon/--lat` (degrees, WGS84 ≈ CGCS2000) place the model origin and override all georeferencing in the file.
 * `--height` is the height of the model origin in metres (default 0; used as ellipsoidal height).
 * Negative values need the `=` form (`--heading=-90`, `--lon=-71.06`).
 * `--heading` is the azimuth of the model's +Y axis (the drawing's plan north), in degrees **clockwise from true
 * north** (default 0: model +Y points to true north; 90: model +Y points east and model +X points south).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { InputError } from '@kernel/errors';
import type { Placement } from './stages/georef/georeference';

/** The validated `npm run tile` command line; see the module comment for every flag and its unit. */
export interface CliArgs {
  /** The `.ifc`, `.ifczip` or `.zip` path as given. */
  inputPath: string;
  /** `--out <dir>`. */
  outDir: string;
  /** From `--lon/--lat` (degrees), `--height` (metres) and `--heading` (degrees clockwise from true north, normalised to [0, 360)). */
  placement: Placement | undefined;
  meshopt: boolean;
  instancing: boolean;
  includeSpaces: boolean;
  useWorker: boolean;
  quiet: boolean;
  /** `--help` / `-h`: print {@link CLI_HELP} and exit 0. */
  isHelp: boolean;
}

/** The one-line usage, appended to every usage error. */
export const CLI_USAGE =
  'usage: npm run tile -- <input.ifc|.ifczip|.zip> --out <dir> [--lon <deg> --lat <deg> [--height <m>] [--heading <deg>]] ' +
  '[--no-meshopt] [--no-instancing] [--include-spaces] [--no-worker] [--quiet]';

/** The `--help` text: usage, every flag with its unit, exit codes. */
export const CLI_HELP = `${CLI_USAGE}

Converts an IFC (2X3, 4, 4X3) file into a georeferenced 3D Tiles 1.1 tileset in <dir>:
tileset.json, tiles/*.glb (named by content hash), properties.json (compact, with the spatial structure),
.br/.gz siblings of those, import/elements.ndjson (one element per line, for a database), report.json.

  --out <dir>        output directory: new, empty, or an earlier conversion (replaced atomically)
  --lon/--lat <deg>  place the model origin here (WGS84 ≈ CGCS2000); overrides the file's georeferencing,
                     required for files without IfcMapConversion or IfcSite RefLatitude/RefLongitude
  --height <m>       height of the model origin, metres (default 0, used as ellipsoidal height)
  --heading <deg>    azimuth of the model's +Y axis, clockwise from true north (default 0; 90 = +Y east);
                     negative values need '=': --heading=-15
  --no-meshopt       skip EXT_meshopt_compression (keeps KHR_mesh_quantization)
  --no-instancing    bake repeated geometry instead of EXT_mesh_gpu_instancing
  --include-spaces   IfcSpace volumes become features too
  --no-worker        parse on the main thread
  --quiet            no progress, warnings and errors only

Exit codes: 0 converted · 1 the input cannot be converted (one-line reason) · 2 bad command line · 70 internal error`;

/** Lowest accepted `--height`, metres: below the lowest land (Dead Sea shore ≈ −430 m), so only typos fail. */
const MIN_HEIGHT_M = -500;
/** Highest accepted `--height`, metres: above the highest land (Everest ≈ 8849 m), so only typos fail. */
const MAX_HEIGHT_M = 9000;

const finiteNumber = (flag: string) =>
  z
    .string()
    .trim()
    .regex(/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i, `${flag} must be a number`)
    .transform(Number);

const argsSchema = z
  .object({
    lon: finiteNumber('--lon').pipe(z.number().min(-180, '--lon must be ≥ −180°').max(180, '--lon must be ≤ 180°')).optional(),
    lat: finiteNumber('--lat').pipe(z.number().min(-90, '--lat must be ≥ −90°').max(90, '--lat must be ≤ 90°')).optional(),
    height: finiteNumber('--height')
      .pipe(z.number().min(MIN_HEIGHT_M, `--height must be ≥ −${-MIN_HEIGHT_M} m`).max(MAX_HEIGHT_M, `--height must be ≤ ${MAX_HEIGHT_M} m`))
      .optional(),
    heading: finiteNumber('--heading').optional(),
  })
  .refine((v) => (v.lon === undefined) === (v.lat === undefined), '--lon and --lat must be given together')
  .refine((v) => v.lon !== undefined || (v.height === undefined && v.heading === undefined), '--height/--heading need --lon and --lat');

/**
 * Turns `process.argv.slice(2)` into validated {@link CliArgs}.
 * @throws {InputError} on unknown flags, missing input/--out, non-numeric or out-of-range coordinates.
 */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new InputError(`${(cause as Error).message}\n${CLI_USAGE}`, { cause });
  }
  const { values, positionals } = parsed;
  if (values.help) {
    return { inputPath: '', outDir: '', placement: undefined, meshopt: true, instancing: true, includeSpaces: false, useWorker: true, quiet: false, isHelp: true };
  }
  if (positionals.length !== 1) {
    throw new InputError(`expected exactly one input file, got ${positionals.length}\n${CLI_USAGE}`);
  }
  if (!values.out) throw new InputError(`--out <dir> is required\n${CLI_USAGE}`);
  const result = argsSchema.safeParse({ lon: values.lon, lat: values.lat, height: values.height, heading: values.heading });
  if (!result.success) {
    throw new InputError(result.error.issues.map((issue) => issue.message).join('; '));
  }
  const { lon, lat, height, heading } = result.data;
  return {
    inputPath: positionals[0],
    outDir: values.out,
    placement:
      lon !== undefined && lat !== undefined
        ? { lonDeg: lon, latDeg: lat, heightM: height ?? 0, headingDeg: normaliseHeadingDeg(heading ?? 0) }
        : undefined,
    meshopt: !values['no-meshopt'],
    instancing: !values['no-instancing'],
    includeSpaces: Boolean(values['include-spaces']),
    useWorker: !values['no-worker'],
    quiet: Boolean(values.quiet),
    isHelp: false,
  };
}

/** Maps any angle in degrees into [0, 360). */
function normaliseHeadingDeg(headingDeg: number): number {
  return ((headingDeg % 360) + 360) % 360;
}

const OPTIONS = {
  out: { type: 'string' },
  lon: { type: 'string' },
  lat: { type: 'string' },
  height: { type: 'string' },
  heading: { type: 'string' },
  'no-meshopt': { type: 'boolean' },
  'no-instancing': { type: 'boolean' },
  'include-spaces': { type: 'boolean' },
  'no-worker': { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `npm run tile -- <input> --out <dir> [--lon --lat --height --heading]`: converts one IFC file into a
 * georeferenced 3D Tiles 1.1 tileset (see {@link parseCliArgs} for every flag and the meaning of `--heading`).
 *
 * Writes `<dir>/tileset.json`, `<dir>/tiles/<tile>-<hash>.glb`, `<dir>/properties.json` (compact, with the spatial
 * structure; kernel/properties-file.ts), `.br`/`.gz` siblings of those, `<dir>/import/elements.ndjson` (database
 * import) and `<dir>/report.json`; prints progress on stderr and a summary on stdout.
 * Exit codes: 0 success · 1 the input cannot be converted (one-line reason) · 2 bad command line · 70 internal bug.
 * The only file of tiling/ that calls `process.exit`.
 */
import { CLI_HELP, parseCliArgs } from './cli-args';
import { GanTwinError, InvariantError } from '@kernel/errors';
import type { Logger } from '@kernel/logger';
import { convertIfc } from './pipeline';

const EXIT_CONVERSION_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_INTERNAL = 70;

function createStderrLogger(quiet: boolean): Logger {
  const write = (level: string) => (message: string) => {
    if (!quiet || level === 'warn' || level === 'error') process.stderr.write(`${clearLine()}[${level}] ${message}\n`);
  };
  return { debug: () => {}, info: write('info'), warn: write('warn'), error: write('error') };
}

function clearLine(): string {
  return process.stderr.isTTY ? '\r\x1b[2K' : '';
}

function createProgressPrinter(quiet: boolean): (stage: string, fraction: number) => void {
  let lastKey = '';
  return (stage, fraction) => {
    if (quiet) return;
    const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
    const step = process.stderr.isTTY ? pct : Math.floor(pct / 25) * 25;
    const key = `${stage}:${step}`;
    if (key === lastKey) return;
    lastKey = key;
    const width = 24;
    const filled = Math.round((pct / 100) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    process.stderr.write(`${clearLine()}${stage.padEnd(6)} ${bar} ${String(pct).padStart(3)}%${process.stderr.isTTY ? '' : '\n'}`);
  };
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`tile: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  if (args.isHelp) {
    process.stdout.write(`${CLI_HELP}\n`);
    return 0;
  }
  const logger = createStderrLogger(args.quiet);
  try {
    const { report, outDir } = await convertIfc(
      args.inputPath,
      {
        outDir: args.outDir,
        placement: args.placement,
        meshopt: args.meshopt,
        instancing: args.instancing,
        includeSpaces: args.includeSpaces,
        useWorker: args.useWorker,
      },
      { logger, onProgress: createProgressPrinter(args.quiet) },
    );
    process.stderr.write(clearLine());
    const g = report.georeference;
    const lines = [
      `tile: ${report.input.fileName} (${report.input.schema}) → ${outDir}`,
      `  features ${report.counts.features}/${report.counts.elementsWithGeometry} · tiles ${report.counts.tiles} · primitives ${report.counts.primitives} · triangles ${report.counts.triangles}`,
      g
        ? `  georef ${g.method}${g.epsg ? ` EPSG:${g.epsg}` : ''} · anchor ${g.anchor.lonDeg.toFixed(7)}°, ${g.anchor.latDeg.toFixed(7)}°, ${g.anchor.heightM.toFixed(2)} m · heading ${g.headingDeg.toFixed(3)}°`
        : '  georef none',
      report.tiling
        ? `  tiles: ${report.tiling.contentTiles} with content, depth ${report.tiling.maxLevel}, largest ${(report.tiling.largestTileBytes / 1024).toFixed(1)} KiB` +
          ` · ${report.tiling.lodTiles.length} with a simplified LOD proxy`
        : '  tiles: none',
      `  output ${(report.output.bytes / 1024).toFixed(1)} KiB in ${report.output.files} files (IFC ${(report.input.bytes / 1024).toFixed(1)} KiB)`,
      `  failures ${report.failures.length} · warnings ${report.warnings.length + (g?.warnings.length ?? 0)} (see report.json)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(clearLine());
    if (error instanceof InvariantError || !(error instanceof GanTwinError)) {
      process.stderr.write(`tile: internal error: ${(error as Error).stack ?? String(error)}\n`);
      return EXIT_INTERNAL;
    }
    process.stderr.write(`tile: ${error.message}\n`);
    // Command-line mistakes already returned EXIT_USAGE above; anything thrown by the conversion is about the input.
    return EXIT_CONVERSION_FAILED;
  }
}

process.exit(await main());

/**
 * One benchmark measurement in a fresh process (so peak RSS belongs to this run only).
 * `tsx scripts/bench/measure-one.ts geometry|pipeline <ifc> <outDir> [lon lat]` prints one JSON line:
 * { mode, timeMs, maxRssMb, ... }.
 *  - geometry: web-ifc alone — OpenModel + StreamAllMeshes fetching every vertex and index array (the floor
 *    any web-ifc based converter pays);
 *  - pipeline: the full GanTwin conversion (parse in a worker, georef, build, tile, write, meshopt, commit).
 */
import { readIfcInput } from '@tiling/index';
import { convertIfc } from '@tiling/index';

const [mode, inputPath, outDir, lon, lat] = process.argv.slice(2);

async function geometryOnly(): Promise<Record<string, number>> {
  // Loaded here, not at the top: the pipeline mode must not carry web-ifc on its main thread (+80 MB RSS).
  const WebIFC = await import('web-ifc');
  const input = await readIfcInput(inputPath);
  const started = performance.now();
  const api = new WebIFC.IfcAPI();
  await api.Init();
  // As the pipeline does: thousands of web-ifc log lines on stdout would slow the baseline down.
  api.SetLogLevel(WebIFC.LogLevel.LOG_LEVEL_OFF);
  const modelId = api.OpenModel(input.bytes, { COORDINATE_TO_ORIGIN: false });
  let placed = 0;
  let triangles = 0;
  api.StreamAllMeshes(modelId, (mesh) => {
    const geometries = mesh.geometries;
    for (let i = 0; i < geometries.size(); i++) {
      const pg = geometries.get(i);
      const geometry = api.GetGeometry(modelId, pg.geometryExpressID);
      const vertices = api.GetVertexArray(geometry.GetVertexData(), geometry.GetVertexDataSize());
      const indices = api.GetIndexArray(geometry.GetIndexData(), geometry.GetIndexDataSize());
      triangles += indices.length / 3;
      placed += vertices.length > 0 ? 1 : 0;
      geometry.delete();
    }
  });
  api.CloseModel(modelId);
  return { timeMs: performance.now() - started, placedGeometries: placed, triangles };
}

async function pipeline(): Promise<Record<string, number | string>> {
  const started = performance.now();
  const placement = lon && lat ? { lonDeg: Number(lon), latDeg: Number(lat), heightM: 0, headingDeg: 0 } : undefined;
  let report;
  try {
    ({ report } = await convertIfc(inputPath, { outDir, placement }));
  } catch (error) {
    // A clean failure (e.g. TOO_LARGE) is an outcome to report, not a crash of the benchmark.
    const err = error as Error & { code?: string };
    return { timeMs: performance.now() - started, outcome: `failed: ${err.code ?? err.name}: ${err.message}` };
  }
  return {
    outcome: 'converted',
    timeMs: performance.now() - started,
    contentTiles: report.tiling?.contentTiles ?? 0,
    largestTileBytes: report.tiling?.largestTileBytes ?? 0,
    lodTiles: report.tiling?.lodTiles.length ?? 0,
    ifcBytes: report.input.bytes,
    outputBytes: report.output.bytes,
    features: report.counts.features,
    elementsWithGeometry: report.counts.elementsWithGeometry,
    tiles: report.counts.tiles,
    primitives: report.counts.primitives,
    triangles: report.counts.triangles,
    instancedMeshes: report.counts.instancedMeshes,
    failures: report.failures.length,
  };
}

const result = mode === 'geometry' ? await geometryOnly() : await pipeline();
const maxRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ mode, ...result, maxRssMb }));
process.exit(0);

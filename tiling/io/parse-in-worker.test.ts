import { describe, expect, it } from 'vitest';
import { IfcParseError, TooLargeError, UnsupportedSchemaError } from '../errors';
import type { Logger } from '@kernel/logger';
import { ReportBuilder } from '../report';
import { HAS_SAMPLE_IFC, readSampleIfc, SAMPLES_MISSING } from '../stages/parse/sample-ifc';
import { buildStepFile, WALLS_WITH_FAILURES } from '../stages/parse/step-fixture';
import { defaultParseHeapLimitMb, parseInWorker } from './parse-in-worker';

function recordingCtx() {
  const logs: string[] = [];
  const log = (message: string) => void logs.push(message);
  const logger: Logger = { debug: log, info: log, warn: log, error: log };
  const progress: number[] = [];
  return { logs, progress, ctx: { logger, report: new ReportBuilder(), onProgress: (_stage: string, f: number) => void progress.push(f) } };
}

describe('parseInWorker', () => {
  it.skipIf(!HAS_SAMPLE_IFC)('fails with TooLargeError naming the heap limit, and the next parse works', async () => {
    const { bytes } = await readSampleIfc('AC20-FZK-Haus.ifc');
    // 8 MiB cannot even hold web-ifc's compiled JS: the worker dies, the caller does not.
    const error = await parseInWorker({ bytes: bytes.slice(), fileName: 'fzk.ifc' }, {}, recordingCtx().ctx, { heapLimitMb: 8 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooLargeError);
    expect((error as TooLargeError).code).toBe('TOO_LARGE');
    expect((error as TooLargeError).message).toMatch(/^fzk\.ifc is too large to convert: .*heap limit of 8 MiB/);
    const model = await parseInWorker({ bytes: bytes.slice(), fileName: 'fzk.ifc' }, {}, recordingCtx().ctx);
    expect(model.elements).toHaveLength(83);
  });

  it('sizes the default heap limit by the file: 1.5 GiB up to 384 MB, 4 MiB per MB above, at most 4 GiB', () => {
    expect(defaultParseHeapLimitMb(2.5e6)).toBe(1536);
    expect(defaultParseHeapLimitMb(500e6)).toBe(2000);
    expect(defaultParseHeapLimitMb(2e9)).toBe(4096);
  });

  it('re-creates typed errors with the same class and message', async () => {
    const bytes = buildStepFile('IFC2X2_FINAL', []);
    const error = await parseInWorker({ bytes, fileName: 'old.ifc' }, {}, recordingCtx().ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedSchemaError);
    expect((error as UnsupportedSchemaError).message).toMatch(/^old\.ifc: IFC schema "IFC2X2_FINAL" is not supported/);
    expect((error as UnsupportedSchemaError).context).toEqual({ file: 'old.ifc', schema: 'IFC2X2_FINAL' });

    const truncated = buildStepFile('IFC4', []).subarray(0, 120);
    await expect(parseInWorker({ bytes: truncated, fileName: 'cut.ifc' }, {}, recordingCtx().ctx)).rejects.toBeInstanceOf(IfcParseError);
  });

  it('forwards per-element report entries to ctx.report', async () => {
    const { ctx } = recordingCtx();
    const model = await parseInWorker({ bytes: buildStepFile('IFC4', WALLS_WITH_FAILURES), fileName: 'walls.ifc' }, {}, ctx);
    expect(model.elements.map((e) => e.name)).toEqual(['Good']);
    expect(ctx.report.failures.map((f) => [f.expressId, f.stage])).toEqual([
      [21, 'parse'],
      [31, 'parse'],
    ]);
  });

  it.skipIf(!HAS_SAMPLE_IFC)(`parses nanchang in a worker with progress, logs and transferred typed arrays (${HAS_SAMPLE_IFC ? '' : SAMPLES_MISSING})`, async () => {
    const input = await readSampleIfc('nanchang-residential-sample.ifc');
    const { ctx, progress, logs } = recordingCtx();
    const model = await parseInWorker(input, { includeSpaces: true }, ctx);
    expect(model.elements).toHaveLength(103);
    expect(model.projectName).toBe('南昌红谷滩示范住宅项目');
    expect(model.geometries).toBeInstanceOf(Map);
    const mesh = model.geometries.values().next().value;
    expect(mesh?.positions).toBeInstanceOf(Float32Array);
    expect(mesh?.indices).toBeInstanceOf(Uint32Array);
    expect(input.bytes.byteLength).toBe(89_558); // the caller keeps its bytes
    expect(progress[progress.length - 1]).toBe(1);
    expect(logs.some((line) => line.startsWith('parse: nanchang-residential-sample.ifc: 103 elements'))).toBe(true);
    expect(model.georeference.projectedCrs?.name).toBe('EPSG:4548');
  });
});

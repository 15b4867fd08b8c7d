import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '@server/api/root';
import { PROVINCE_READER } from '@server/accounts/test-fixtures';
import { createTrpcContext } from '@server/api/trpc';
import { models } from '@server/db/schema/twin';
import { connectTestDb } from '@server/db/test-database';

const connection = connectTestDb();
const caller = createCaller(createTrpcContext(connection.db, PROVINCE_READER));
const ids: string[] = [];

beforeAll(async () => {
  const stamp = Date.now();
  const rows = await connection.db
    .insert(models)
    .values([
      {
        name: '1# 住宅楼',
        nameEn: 'Building 1',
        fileName: 'nanchang-residential-sample.ifc',
        sourceSha256: `models-service-a-${stamp}`,
        schema: 'IFC4',
        status: 'ready',
        georefMethod: 'IfcMapConversion',
        epsg: 4548,
        anchor: { type: 'Point', coordinates: [115.8529484, 28.6931596, 22] },
        headingDeg: -14.5,
        heightM: 18.03,
        footprint: { type: 'Polygon', coordinates: [[[115.8529, 28.6931], [115.8532, 28.6931], [115.8532, 28.6932], [115.8529, 28.6931]]] },
        tilesetDir: 'a',
        elementCount: 67,
        report: { counts: { features: 67 } },
        regionCode: '360112',
      },
      { name: 'broken', fileName: 'broken.ifc', sourceSha256: `models-service-b-${stamp}`, status: 'failed', errorMessage: 'IFC_PARSE', tilesetDir: 'b' },
    ])
    .returning({ id: models.id });
  ids.push(...rows.map((r) => r.id));
});

afterAll(async () => {
  await connection.db.delete(models).where(inArray(models.id, ids));
  await connection.pool.end();
});

describe('twin.models', () => {
  it('byId returns anchor as lon/lat/height, tileset URL, footprint and report', async () => {
    const detail = await caller.twin.models.byId({ id: ids[0] });
    expect(detail).toMatchObject({
      id: ids[0],
      name: '1# 住宅楼',
      nameEn: 'Building 1',
      status: 'ready',
      epsg: 4548,
      anchor: { lonDeg: 115.8529484, latDeg: 28.6931596, heightM: 22 },
      headingDeg: -14.5,
      heightM: 18.03,
      elementCount: 67,
      tilesetUrl: `/tiles/${ids[0]}/tileset.json`,
      regionCode: '360112',
      report: { counts: { features: 67 } },
      errorMessage: null,
    });
    expect(detail.footprint?.type).toBe('Polygon');
    expect(detail.updatedAt).toBeInstanceOf(Date);
  });

  it('list includes failed models with null anchor; byId of an unknown id is NOT_FOUND', async () => {
    const list = await caller.twin.models.list();
    const failed = list.find((m) => m.id === ids[1]);
    // Without an English name the list falls back to the zh-CN one.
    expect(failed).toMatchObject({ name: 'broken', nameEn: 'broken', status: 'failed', anchor: null, heightM: null, elementCount: 0 });
    await expect(caller.twin.models.byId({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(caller.twin.models.byId({ id: 'nope' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Invalid input: id: must be a UUID, got "nope"' });
  });

  it('layers.list adds one tileset layer per ready model only', async () => {
    const layers = await caller.twin.layers.list();
    expect(layers.find((l) => l.id === `model-${ids[0]}`)).toMatchObject({
      kind: 'tileset',
      url: `/tiles/${ids[0]}/tileset.json`,
      cimLevel: 6,
      title: '1# 住宅楼',
      source: expect.stringContaining('EPSG:4548'),
    });
    expect(layers.find((l) => l.id === `model-${ids[1]}`)).toBeUndefined();
    await connection.db.update(models).set({ status: 'converting' }).where(eq(models.id, ids[0]));
    expect((await caller.twin.layers.list()).find((l) => l.id === `model-${ids[0]}`)).toBeUndefined();
    await connection.db.update(models).set({ status: 'ready' }).where(eq(models.id, ids[0]));
  });
});

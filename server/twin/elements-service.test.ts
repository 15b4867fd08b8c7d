import { eq } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '@server/api/root';
import { PROVINCE_READER } from '@server/accounts/test-fixtures';
import { createTrpcContext } from '@server/api/trpc';
import { elements, models } from '@server/db/schema/twin';
import { connectTestDb } from '@server/db/test-database';

const connection = connectTestDb();
const caller = createCaller(createTrpcContext(connection.db, PROVINCE_READER));
let modelId = '';

/** A valid 22-char GlobalId made from a number (first char 0-3, IFC base64 alphabet). */
function globalIdOf(n: number): string {
  return `2${n.toString(36).padStart(21, '0')}`;
}

beforeAll(async () => {
  const [model] = await connection.db
    .insert(models)
    .values({
      name: '测试住宅楼',
      fileName: 'fixture.ifc',
      sourceSha256: `elements-service-${Date.now()}`,
      schema: 'IFC4',
      status: 'ready',
      tilesetDir: 'fixture',
      elementCount: 120,
    })
    .returning({ id: models.id });
  modelId = model.id;
  // 60 walls (storeys 1层…3层, 20 each), 40 windows on 1层, 20 slabs without a storey.
  const rows = Array.from({ length: 120 }, (_, i) => {
    const ifcClass = i < 60 ? 'IfcWall' : i < 100 ? 'IfcWindow' : 'IfcSlab';
    const storey = i < 60 ? `${(i % 3) + 1}层` : i < 100 ? '1层' : null;
    return {
      modelId,
      globalId: globalIdOf(i),
      expressId: 1000 + i,
      ifcClass,
      name: ifcClass === 'IfcWall' ? `外墙-${String(i).padStart(3, '0')}` : `${ifcClass}_${i}`,
      storey,
      typeName: ifcClass === 'IfcWall' ? '加气混凝土 200' : null,
      material: ifcClass === 'IfcWall' ? '加气混凝土砌块' : null,
      propertySets: { Pset_WallCommon: { IsExternal: true, FireRating: 'REI60', ThermalTransmittance: 0.6 } },
    };
  });
  await connection.db.insert(elements).values(rows);
});

afterAll(async () => {
  await connection.db.delete(models).where(eq(models.id, modelId));
  await connection.pool.end();
});

describe('twin.elements.list', () => {
  it('pages a model ordered by class, name: limit 50 / offset 50 of 120', async () => {
    const first = await caller.twin.elements.list({ modelId });
    expect(first.total).toBe(120);
    expect(first.items).toHaveLength(50);
    expect(first.items[0]).toEqual({ globalId: globalIdOf(100), expressId: 1100, ifcClass: 'IfcSlab', name: 'IfcSlab_100', storey: null });
    const second = await caller.twin.elements.list({ modelId, limit: 50, offset: 50 });
    expect(second.items).toHaveLength(50);
    const third = await caller.twin.elements.list({ modelId, limit: 50, offset: 100 });
    expect(third.items).toHaveLength(20);
    const all = new Set([...first.items, ...second.items, ...third.items].map((e) => e.globalId));
    expect(all.size).toBe(120);
  });

  it('filters by class, storey and name substring (case-insensitive, LIKE metacharacters literal)', async () => {
    expect((await caller.twin.elements.list({ modelId, ifcClass: 'IfcWindow' })).total).toBe(40);
    expect((await caller.twin.elements.list({ modelId, storey: '1层' })).total).toBe(60);
    expect((await caller.twin.elements.list({ modelId, ifcClass: 'IfcWall', storey: '2层' })).total).toBe(20);
    expect((await caller.twin.elements.list({ modelId, q: 'ifcwindow_6' })).items.map((e) => e.name)).toEqual([
      'IfcWindow_60', 'IfcWindow_61', 'IfcWindow_62', 'IfcWindow_63', 'IfcWindow_64',
      'IfcWindow_65', 'IfcWindow_66', 'IfcWindow_67', 'IfcWindow_68', 'IfcWindow_69',
    ]);
    expect((await caller.twin.elements.list({ modelId, q: '外墙-00' })).total).toBe(10);
    expect((await caller.twin.elements.list({ modelId, q: '%' })).total).toBe(0);
    expect((await caller.twin.elements.list({ modelId, q: globalIdOf(7) })).items.map((e) => e.expressId)).toEqual([1007]);
  });

  it('rejects limit 0 and 501 with BAD_REQUEST, and an unknown model with NOT_FOUND', async () => {
    await expect(caller.twin.elements.list({ modelId, limit: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.twin.elements.list({ modelId, limit: 501 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.twin.elements.list({ modelId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'model 00000000-0000-4000-8000-000000000000 does not exist',
    });
  });
});

describe('twin.elements.facets', () => {
  it('counts classes (most first) and storeys', async () => {
    expect(await caller.twin.elements.facets({ modelId })).toEqual({
      classes: [
        { ifcClass: 'IfcWall', count: 60 },
        { ifcClass: 'IfcWindow', count: 40 },
        { ifcClass: 'IfcSlab', count: 20 },
      ],
      storeys: [
        { storey: '1层', count: 60 },
        { storey: '2层', count: 20 },
        { storey: '3层', count: 20 },
      ],
    });
  });
});

describe('twin.elements.byGlobalId', () => {
  it('returns the detail with model name, type, material and property sets', async () => {
    const detail = await caller.twin.elements.byGlobalId({ globalId: globalIdOf(3) });
    expect(detail).toEqual({
      globalId: globalIdOf(3),
      expressId: 1003,
      ifcClass: 'IfcWall',
      name: '外墙-003',
      storey: '1层',
      modelId,
      modelName: '测试住宅楼',
      modelNameEn: '测试住宅楼',
      typeName: '加气混凝土 200',
      material: '加气混凝土砌块',
      propertySets: { Pset_WallCommon: { IsExternal: true, FireRating: 'REI60', ThermalTransmittance: 0.6 } },
    });
  });

  it('maps a missing element to NOT_FOUND naming the GlobalId', async () => {
    const missing = globalIdOf(999_999);
    const error = await caller.twin.elements.byGlobalId({ globalId: missing, modelId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: `element with GlobalId ${missing} not found in model ${modelId}` });
  });

  it('maps a malformed GlobalId to BAD_REQUEST with a readable message', async () => {
    const error = await caller.twin.elements.byGlobalId({ globalId: 'not-a-guid' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'BAD_REQUEST',
      message:
        'Invalid input: globalId: must be a 22-character IFC GlobalId (alphabet 0-9 A-Z a-z _ $, first character 0-3), got "not-a-guid"',
    });
    await expect(caller.twin.elements.byGlobalId({ globalId: `4${'0'.repeat(21)}` })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

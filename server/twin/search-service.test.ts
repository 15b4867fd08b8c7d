import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import { ensureTestRegions, PROVINCE_READER } from '@server/accounts/test-fixtures';
import { elements, models } from '@server/db/schema/twin';
import { connectTestDb } from '@server/db/test-database';
import type { SearchAnswer, SearchResult } from '@server/host/plate-search';
import { escapeLike, mergeByQuota } from './search-service';

/**
 * The twin's search through `search.query` against real PostGIS: each result kind, scope (an internal model is
 * not found anonymously) and hostile queries.
 */

const connection = connectTestDb();
const db = connection.db;
const anonymous = createCaller(createTrpcContext(db, null));
const province = createCaller(createTrpcContext(db, PROVINCE_READER));
const stamp = randomUUID().slice(0, 8);
const modelIds: string[] = [];
/** A GlobalId unique to this run (first character 0–3, 22 characters of the IFC alphabet). */
const WALL_GLOBAL_ID = `1${stamp}Wall_$${'x'.repeat(21 - 6 - stamp.length)}`;
const INTERNAL_GLOBAL_ID = `2${stamp}${'y'.repeat(21 - stamp.length)}`;

function twinResults(answer: SearchAnswer): SearchResult[] {
  const group = answer.groups.find((candidate) => candidate.plate === 'twin');
  expect(group?.status).toBe('ok');
  return group!.results;
}

beforeAll(async () => {
  await ensureTestRegions(db);
  const rows = await db
    .insert(models)
    .values([
      {
        name: `测试别墅 ${stamp}`,
        nameEn: `Test villa ${stamp}`,
        fileName: `villa-${stamp}.ifc`,
        sourceSha256: `search-a-${stamp}`,
        status: 'ready',
        tilesetDir: `search-a-${stamp}`,
        visibility: 'public',
        anchor: { type: 'Point', coordinates: [115.8529, 28.6931, 22] },
        heightM: 12,
      },
      { name: `内部模型 ${stamp}`, fileName: `internal-${stamp}.ifc`, sourceSha256: `search-b-${stamp}`, status: 'ready', tilesetDir: `search-b-${stamp}`, visibility: 'internal', regionCode: '360402' },
      { name: `转换中 ${stamp}`, fileName: `pending-${stamp}.ifc`, sourceSha256: `search-c-${stamp}`, status: 'converting', tilesetDir: `search-c-${stamp}`, visibility: 'public' },
    ])
    .returning({ id: models.id });
  modelIds.push(...rows.map((row) => row.id));
  await db.insert(elements).values([
    {
      modelId: modelIds[0],
      globalId: WALL_GLOBAL_ID,
      expressId: 10,
      ifcClass: 'IfcWall',
      name: `Wand-Außen-${stamp} 100%_x'`,
      storey: 'Erdgeschoss',
      bboxEnu: { min: [0, 0, 0], max: [6, 8, 3] },
      footprint: { type: 'Polygon', coordinates: [[[115.853, 28.693], [115.8531, 28.693], [115.8531, 28.6931], [115.853, 28.6931], [115.853, 28.693]]] },
    },
    { modelId: modelIds[0], globalId: `0${stamp}${'z'.repeat(21 - stamp.length)}`, expressId: 11, ifcClass: 'IfcDoor', name: `Tür-${stamp}` },
    { modelId: modelIds[1], globalId: INTERNAL_GLOBAL_ID, expressId: 12, ifcClass: 'IfcSlab', name: `内部楼板-${stamp}` },
  ]);
});

afterAll(async () => {
  await db.delete(models).where(inArray(models.id, modelIds));
  await connection.pool.end();
});

describe('search.query: the twin plate', () => {
  it('finds a city by Chinese name, English name and code, flying to its extent', async () => {
    for (const q of ['九江', 'jiujiang', '3604']) {
      const [first] = twinResults(await anonymous.search.query({ q }));
      expect(first, q).toMatchObject({ kind: 'region', id: '360400', title: { 'zh-CN': '九江市', en: 'Jiujiang' } });
      expect(first.subtitle).toEqual({ 'zh-CN': '设区市 · 360400', en: 'Prefecture-level city · 360400' });
      // ensureTestRegions: a 0.02° square around (116.0, 29.7); stored regions may be the real boundary (larger).
      expect(first.action.type).toBe('fly-to-bbox');
      const [west, south, east, north] = (first.action as { bbox: number[] }).bbox;
      expect(west).toBeLessThanOrEqual(115.99);
      expect(east).toBeGreaterThanOrEqual(116.01);
      expect(south).toBeLessThanOrEqual(29.69);
      expect(north).toBeGreaterThanOrEqual(29.71);
    }
  });

  it('finds a public model by name, English name and file name, flying to its tileset', async () => {
    for (const q of [`别墅 ${stamp}`, `villa ${stamp}`.toUpperCase(), `villa-${stamp}.ifc`]) {
      const results = twinResults(await anonymous.search.query({ q })).filter((r) => r.kind === 'model');
      expect(results, q).toHaveLength(1);
      expect(results[0]).toEqual({
        kind: 'model',
        id: modelIds[0],
        title: { 'zh-CN': `测试别墅 ${stamp}`, en: `Test villa ${stamp}` },
        subtitle: { 'zh-CN': `villa-${stamp}.ifc`, en: `villa-${stamp}.ifc` },
        action: { type: 'fly-to-point', layerId: `model-${modelIds[0]}`, point: { lonDeg: 115.8529, latDeg: 28.6931, heightEllipsoidalM: 6, radiusM: 20 } },
      });
    }
    // A model still converting has no tileset: not offered.
    expect(twinResults(await province.search.query({ q: `转换中 ${stamp}` }))).toEqual([]);
  });

  it('finds an element by whole GlobalId, by a 6+ character prefix and by name, selecting it', async () => {
    const [exact] = twinResults(await anonymous.search.query({ q: WALL_GLOBAL_ID }));
    expect(exact).toMatchObject({
      kind: 'element',
      id: `${modelIds[0]}:${WALL_GLOBAL_ID}`,
      title: { 'zh-CN': `Wand-Außen-${stamp} 100%_x'` },
      action: { type: 'select', selection: { plate: 'twin', layerId: `model-${modelIds[0]}`, featureId: WALL_GLOBAL_ID } },
    });
    expect(exact.subtitle?.['zh-CN']).toBe(`IfcWall · Erdgeschoss · 测试别墅 ${stamp} · ${WALL_GLOBAL_ID}`);
    const point = (exact.action as { point: { lonDeg: number; latDeg: number; heightEllipsoidalM: number; radiusM: number } }).point;
    expect(point.lonDeg).toBeCloseTo(115.85305, 6);
    expect(point.latDeg).toBeCloseTo(28.69305, 6);
    expect(point.heightEllipsoidalM).toBeCloseTo(1.5, 9);
    // Half the box diagonal is 5.22 m; the smallest element radius (6 m) wins.
    expect(Math.hypot(6, 8, 3) / 2).toBeLessThan(6);
    expect(point.radiusM).toBe(6);

    const byPrefix = twinResults(await anonymous.search.query({ q: WALL_GLOBAL_ID.slice(0, 6 + stamp.length - 2) }));
    expect(byPrefix.map((r) => r.id)).toContain(`${modelIds[0]}:${WALL_GLOBAL_ID}`);
    // Five characters are not a prefix search (and match no name).
    expect(twinResults(await anonymous.search.query({ q: WALL_GLOBAL_ID.slice(0, 5) })).filter((r) => r.kind === 'element')).toEqual([]);

    const byName = twinResults(await anonymous.search.query({ q: `tür-${stamp}` }));
    expect(byName.map((r) => r.title['zh-CN'])).toEqual([`Tür-${stamp}`]);
    // An element without a footprint flies to its model.
    expect((byName[0].action as { point: unknown }).point).toEqual({ lonDeg: 115.8529, latDeg: 28.6931, heightEllipsoidalM: 6, radiusM: 20 });
  });

  it('keeps an internal model and its elements from anonymous callers, shows them to the province', async () => {
    for (const q of [INTERNAL_GLOBAL_ID, `内部楼板-${stamp}`, `内部模型 ${stamp}`]) {
      expect(twinResults(await anonymous.search.query({ q })), q).toEqual([]);
      expect(twinResults(await province.search.query({ q })).length, q).toBe(1);
    }
  });

  it('treats %, _, \\ and quotes as text, not as patterns or SQL', async () => {
    for (const q of ['%', '_', '%%', '\\', "'", "' OR 1=1 --", '%_%']) {
      const results = twinResults(await province.search.query({ q }));
      // Only names that contain the characters themselves may match (the wall's name holds `%`, `_` and `'`).
      for (const result of results) {
        const text = `${result.title['zh-CN']} ${result.subtitle?.['zh-CN'] ?? ''}`;
        expect(text.includes(q) || result.kind === 'region', `${q} → ${text}`).toBe(true);
      }
    }
    expect(twinResults(await province.search.query({ q: '100%_x' })).map((r) => r.id)).toEqual([`${modelIds[0]}:${WALL_GLOBAL_ID}`]);
    expect(twinResults(await province.search.query({ q: '100_%x' }))).toEqual([]);
    expect(escapeLike('a%b_c\\d')).toBe('a\\%b\\_c\\\\d');
  });

  it('refuses an empty, NUL-holding or 10 000-character query and a limit over 20 with BAD_REQUEST', async () => {
    await expect(anonymous.search.query({ q: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Invalid input: q: must not be empty' });
    await expect(anonymous.search.query({ q: 'a\u0000b' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Invalid input: q: must not contain NUL (U+0000)' });
    await expect(anonymous.search.query({ q: 'x'.repeat(10_000) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Invalid input: q: must be at most 100 characters, got 10000',
    });
    await expect(anonymous.search.query({ q: 'a', limit: 21 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('bounds the results per plate by limit', async () => {
    const answer = await province.search.query({ q: '区', limit: 3 });
    expect(twinResults(answer).length).toBeLessThanOrEqual(3);
  });
});

describe('mergeByQuota', () => {
  it('gives each kind an equal share, then fills from the lists in order', () => {
    expect(mergeByQuota<number | string>([[1, 2, 3, 4, 5], ['a', 'b'], ['x']], 6)).toEqual([1, 2, 3, 'a', 'b', 'x']);
    expect(mergeByQuota<number | string>([[1, 2, 3, 4, 5], ['a'], []], 4)).toEqual([1, 2, 3, 'a']);
    expect(mergeByQuota<number | string>([[1], ['a'], ['x']], 2)).toEqual([1, 'a']);
    expect(mergeByQuota<number>([[], [], []], 5)).toEqual([]);
  });
});

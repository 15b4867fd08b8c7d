import { describe, expect, it } from 'vitest';
import { PropertiesFileWriter, type ElementRecord, type ModelStructureRecord } from '@kernel/properties-file';
import { createModelPropertiesCache, ModelPropertiesError, type PropertiesFetch } from './model-properties-cache';

const WALL: ElementRecord = {
  globalId: '2O2Fr$t4X7Zf8NOew3FLOH',
  ifcClass: 'IfcWall',
  name: 'Wand-Ext-ERDG-1',
  storey: 'Erdgeschoss',
  typeName: 'Wandtyp 1',
  material: 'Beton',
  propertySets: { Pset_WallCommon: { IsExternal: true, LoadBearing: false, Reference: 'W1' }, BaseQuantities: { Width: 0.3 } },
};
const DOOR: ElementRecord = {
  globalId: '0LV8Pd5wX6YhCFwzb7TrxN',
  ifcClass: 'IfcDoor',
  name: null,
  storey: 'Erdgeschoss',
  typeName: null,
  material: null,
  propertySets: { Pset_WallCommon: { IsExternal: true, LoadBearing: false, Reference: 'W1' } },
};
const STRUCTURE: ModelStructureRecord = {
  projectName: 'Projekt-FZK-Haus',
  spatialTree: {
    globalId: '0lY6P5Ur90TAQnnnI6wtnb',
    ifcClass: 'IfcProject',
    name: 'Projekt-FZK-Haus',
    children: [{ globalId: '2AW2w1rTj7BQcxd1iv4JrK', ifcClass: 'IfcBuildingStorey', name: 'Erdgeschoss', elevationM: 0, children: [] }],
  },
  containment: { '2AW2w1rTj7BQcxd1iv4JrK': [WALL.globalId, DOOR.globalId] },
};

/** Real writer output, as the tiler writes it. */
function fileText(elements: ElementRecord[] = [WALL, DOOR]): string {
  const writer = new PropertiesFileWriter();
  for (const element of elements) writer.addElement(element);
  return [...writer.finish(STRUCTURE)].join('');
}

/** A fake `fetch` answering from a path → (status, body) table, counting requests; `gate` holds answers until released. */
function fakeFetch(routes: Record<string, { status: number; body: string }>) {
  const calls: string[] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> | null = null;
  const fetch: PropertiesFetch = async (url) => {
    calls.push(url);
    if (gate) await gate;
    const route = routes[url];
    if (!route) throw new TypeError('Failed to fetch');
    return { ok: route.status >= 200 && route.status < 300, status: route.status, json: async () => JSON.parse(route.body) as unknown };
  };
  return {
    fetch,
    calls,
    hold() {
      gate = new Promise<void>((resolve) => (release = resolve));
    },
    release() {
      gate = null;
      release();
    },
  };
}

const URL_A = '/tiles/a/properties.json';
const URL_B = '/tiles/b/properties.json';

describe('model properties cache', () => {
  it('loads and decodes the writer output once; peek answers from memory afterwards', async () => {
    const net = fakeFetch({ [URL_A]: { status: 200, body: fileText() } });
    const cache = createModelPropertiesCache({ fetch: net.fetch });
    expect(cache.peek('a')).toBeUndefined();
    const properties = await cache.load('a');
    expect(properties.size).toBe(2);
    expect(properties.element(WALL.globalId)).toEqual(WALL);
    expect(properties.element(DOOR.globalId)).toEqual(DOOR);
    expect(properties.element('0000000000000000000000')).toBeNull();
    expect(properties.structure()).toEqual(STRUCTURE);
    expect(cache.peek('a')).toBe(properties);
    expect(await cache.load('a')).toBe(properties);
    expect(net.calls).toEqual([URL_A]);
  });

  it('shares one request among concurrent loads', async () => {
    const net = fakeFetch({ [URL_A]: { status: 200, body: fileText() } });
    const cache = createModelPropertiesCache({ fetch: net.fetch });
    net.hold();
    const first = cache.load('a');
    const second = cache.load('a');
    expect(cache.peek('a')).toBeUndefined();
    net.release();
    const [x, y] = await Promise.all([first, second]);
    expect(x).toBe(y);
    expect(net.calls).toEqual([URL_A]);
  });

  it('keeps at most maxModels decoded files, dropping the least recently used', async () => {
    const routes = Object.fromEntries(['a', 'b', 'c'].map((id) => [`/tiles/${id}/properties.json`, { status: 200, body: fileText() }]));
    const net = fakeFetch(routes);
    const cache = createModelPropertiesCache({ fetch: net.fetch, maxModels: 2 });
    await cache.load('a');
    await cache.load('b');
    await cache.load('a'); // a is now the most recent
    await cache.load('c');
    expect(cache.modelIds()).toEqual(['a', 'c']);
    expect(cache.peek('b')).toBeUndefined();
    await cache.load('b');
    expect(net.calls).toEqual([URL_A, URL_B, '/tiles/c/properties.json', URL_B]);
  });

  it('reports a 404 with its status, remembers it for errorRetryMs, then tries again', async () => {
    const net = fakeFetch({ [URL_A]: { status: 404, body: 'not found' } });
    let nowMs = 1_000;
    const cache = createModelPropertiesCache({ fetch: net.fetch, errorRetryMs: 5_000, now: () => nowMs });
    const error = await cache.load('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelPropertiesError);
    expect((error as ModelPropertiesError).status).toBe(404);
    expect((error as ModelPropertiesError).code).toBe('NOT_FOUND');
    expect((error as Error).message).toBe(`${URL_A}: HTTP 404`);
    await expect(cache.load('a')).rejects.toBe(error);
    expect(net.calls).toEqual([URL_A]);
    nowMs += 5_000;
    await expect(cache.load('a')).rejects.toThrow('HTTP 404');
    expect(net.calls).toEqual([URL_A, URL_A]);
  });

  it('names the model and the bad field when the file does not decode, and a network failure', async () => {
    const broken = JSON.parse(fileText()) as { elements: { ifcClass: number[] } };
    broken.elements.ifcClass = [0];
    const net = fakeFetch({ [URL_A]: { status: 200, body: JSON.stringify(broken) }, [URL_B]: { status: 200, body: JSON.stringify({ format: 'gantwin.structure/0' }) } });
    const cache = createModelPropertiesCache({ fetch: net.fetch });
    await expect(cache.load('a')).rejects.toThrow(`${URL_A}: properties file: elements.ifcClass must hold 2 value indexes`);
    await expect(cache.load('b')).rejects.toThrow(`${URL_B}: properties file: format must be gantwin.properties/1, got "gantwin.structure/0"`);
    const offline = (await cache.load('c').catch((e: unknown) => e)) as ModelPropertiesError;
    expect(offline.status).toBeNull();
    expect(offline.message).toBe('/tiles/c/properties.json: Failed to fetch');
  });

  it('prefetch loads at the idle callback, once, and keeps the result for peek', async () => {
    const net = fakeFetch({ [URL_A]: { status: 200, body: fileText() } });
    const idle: (() => void)[] = [];
    const cache = createModelPropertiesCache({ fetch: net.fetch, scheduleIdle: (callback) => idle.push(callback) });
    cache.prefetch('a');
    cache.prefetch('a');
    expect(idle).toHaveLength(1);
    expect(net.calls).toEqual([]);
    idle[0]();
    await cache.load('a');
    expect(cache.peek('a')?.element(WALL.globalId)?.name).toBe('Wand-Ext-ERDG-1');
    cache.prefetch('a');
    expect(idle).toHaveLength(1);
    expect(net.calls).toEqual([URL_A]);
  });

  it('prefetch falls back to setTimeout without requestIdleCallback and swallows the error for load to report', async () => {
    const net = fakeFetch({});
    const cache = createModelPropertiesCache({ fetch: net.fetch });
    expect((globalThis as { requestIdleCallback?: unknown }).requestIdleCallback).toBeUndefined();
    cache.prefetch('a');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(net.calls).toEqual([URL_A]);
    await expect(cache.load('a')).rejects.toThrow('Failed to fetch');
    expect(net.calls).toEqual([URL_A]);
  });

  it('rejects a bound below one', () => {
    expect(() => createModelPropertiesCache({ maxModels: 0 })).toThrow('maxModels must be an integer ≥ 1, got 0');
  });
});

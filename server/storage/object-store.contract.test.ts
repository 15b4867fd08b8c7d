import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '@kernel/errors';
import { LocalObjectStore } from './local-store';
import { objectResponse } from './object-response';
import type { ObjectStore, PublishManifest } from './object-store';
import { PUBLISH_MANIFEST_NAME, readPublishManifest } from './publish-manifest';
import { S3ObjectStore } from './s3-store';
import { storeFromEnv } from './store-from-env';
import { startTestS3Server } from './test-s3-server';

/** One backend under test: how to make a fresh store, and how to tear it down. */
interface Backend {
  name: string;
  open: () => Promise<{ store: ObjectStore; close: () => Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'local directory',
    open: async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'gantwin-store-'));
      return { store: new LocalObjectStore(dir), close: () => rm(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'S3 (s3rver on 127.0.0.1)',
    open: async () => {
      const server = await startTestS3Server();
      const store = storeFromEnv(server.env);
      return {
        store,
        close: async () => {
          (store as S3ObjectStore).destroy();
          await server.stop();
        },
      };
    },
  },
];

/** `bytes` deterministic pseudo-random bytes (xorshift32, seeded) in 64 KiB chunks, and their SHA-256. */
function pseudoRandomStream(bytes: number, seed: number): { stream: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  let state = seed >>> 0 || 1;
  function* chunks(): Generator<Buffer> {
    for (let done = 0; done < bytes; done += 65536) {
      const chunk = Buffer.alloc(Math.min(65536, bytes - done));
      for (let i = 0; i < chunk.length; i += 4) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        state >>>= 0;
        chunk.writeUInt32LE(state, i);
      }
      hash.update(chunk);
      yield chunk;
    }
  }
  return { stream: Readable.from(chunks()), sha256: () => hash.digest('hex') };
}

async function sha256Of(stream: NodeJS.ReadableStream): Promise<{ hex: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { hex: hash.digest('hex'), bytes };
}

async function text(store: ObjectStore, key: string): Promise<string | null> {
  const object = await store.getStream(key);
  if (!object) return null;
  return Buffer.concat(await object.body.toArray()).toString('utf8');
}

async function keysUnder(store: ObjectStore, prefix: string, pageSize?: number): Promise<string[]> {
  const keys: string[] = [];
  for await (const item of store.list(prefix, pageSize ? { pageSize } : {})) keys.push(item.key);
  return keys.sort();
}

/** Writes a small tileset-like tree: tileset.json and `tiles` tiles, each file's text naming `label`. */
async function makeTree(root: string, label: string, tiles: number): Promise<string> {
  const dir = await mkdtemp(path.join(root, 'tree-'));
  await mkdir(path.join(dir, 'tiles'));
  await writeFile(path.join(dir, 'tileset.json'), JSON.stringify({ asset: { version: '1.1' }, label }));
  for (let i = 0; i < tiles; i += 1) await writeFile(path.join(dir, 'tiles', `${i}.glb`), `${label} tile ${i} `.repeat(50 + i));
  return dir;
}

/** Checks every file a manifest lists is stored whole (size and SHA-256). */
async function expectWhole(store: ObjectStore, manifest: PublishManifest): Promise<void> {
  expect(await readPublishManifest(store, manifest.prefix)).toEqual(manifest);
  for (const file of manifest.files) {
    const object = await store.getStream(`${manifest.prefix}/${file.path}`);
    expect(object, file.path).not.toBeNull();
    const { hex, bytes } = await sha256Of(object!.body);
    expect({ path: file.path, hex, bytes }).toEqual({ path: file.path, hex: file.sha256, bytes: file.size });
  }
}

const HOSTILE_KEYS = ['../etc/passwd', '/abs/key', 'a/../../b', 'a\\b', 'a\u0000b', '', 'a//b', 'a/', 'a/./b', '.tmp-x/y', 'k'.repeat(1025)];

describe.each(backends)('ObjectStore contract: $name', (backend) => {
  let store: ObjectStore;
  let close: () => Promise<void>;
  let scratch: string;

  beforeAll(async () => {
    ({ store, close } = await backend.open());
    scratch = await mkdtemp(path.join(tmpdir(), 'gantwin-store-scratch-'));
  });
  afterAll(async () => {
    await close?.();
    await rm(scratch, { recursive: true, force: true });
  });

  it('streams a 20 MB object both ways with equal bytes and SHA-256 (putStream → getStream, putFile → getToFile)', async () => {
    const size = 20 * 1024 * 1024;
    const source = pseudoRandomStream(size, 42);
    await store.putStream('sources/big.ifc', source.stream, { contentType: 'application/x-step' });
    const object = await store.getStream('sources/big.ifc');
    expect(object).toMatchObject({ key: 'sources/big.ifc', size, contentType: 'application/x-step' });
    expect(await sha256Of(object!.body)).toEqual({ hex: source.sha256(), bytes: size });

    const local = path.join(scratch, 'big-in.bin');
    const again = pseudoRandomStream(size, 7);
    await pipeline(again.stream, createWriteStream(local));
    await store.putFile('sources/big2.bin', local);
    const downloaded = path.join(scratch, 'nested', 'big-out.bin');
    const info = await store.getToFile('sources/big2.bin', downloaded);
    expect(info.size).toBe(size);
    expect(await sha256Of(createReadStream(downloaded))).toEqual({ hex: again.sha256(), bytes: size });
  });

  it('answers head, exists and byte ranges; missing objects are null', async () => {
    await store.putStream('misc/abc.txt', Readable.from([Buffer.from('0123456789')]));
    const info = await store.head('misc/abc.txt');
    expect(info).toMatchObject({ key: 'misc/abc.txt', size: 10, contentType: 'text/plain; charset=utf-8' });
    expect(info!.etag).toMatch(/^".+"$/);
    expect(Math.abs(info!.lastModified.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await store.exists('misc/abc.txt')).toBe(true);

    const part = await store.getStream('misc/abc.txt', { range: { start: 2, end: 5 } });
    expect(part).toMatchObject({ size: 10, range: { start: 2, end: 5 } });
    expect(Buffer.concat(await part!.body.toArray()).toString()).toBe('2345');
    const tail = await store.getStream('misc/abc.txt', { range: { start: 7, end: 999 } });
    expect(tail!.range).toEqual({ start: 7, end: 9 });
    expect(Buffer.concat(await tail!.body.toArray()).toString()).toBe('789');
    await expect(store.getStream('misc/abc.txt', { range: { start: 10 } })).rejects.toThrow(InputError);

    await store.putStream('misc/empty.bin', Readable.from([]));
    const empty = await store.getStream('misc/empty.bin');
    expect(empty).toMatchObject({ size: 0 });
    expect(Buffer.concat(await empty!.body.toArray()).length).toBe(0);
    await store.putStream('misc/abc.txt', Readable.from([Buffer.from('replaced!!')])); // overwrite: same size, new bytes
    expect(await text(store, 'misc/abc.txt')).toBe('replaced!!');
    expect((await store.head('misc/abc.txt'))!.etag).not.toBe(info!.etag);

    expect(await store.getStream('misc/none.txt')).toBeNull();
    expect(await store.head('misc/none.txt')).toBeNull();
    expect(await store.exists('misc/none.txt')).toBe(false);
    expect(await store.head('misc')).toBeNull(); // a folder is not an object
    await expect(store.getToFile('misc/none.txt', path.join(scratch, 'none'))).rejects.toThrow(NotFoundError);
  });

  it.each(HOSTILE_KEYS)('rejects the hostile key %j with an InputError naming it, before touching storage', async (key) => {
    const named = key.length > 100 ? 'must be at most 1024 bytes' : JSON.stringify(key);
    await expect(store.putStream(key, Readable.from([Buffer.from('x')]))).rejects.toThrow(InputError);
    await expect(store.getStream(key)).rejects.toThrow(named);
    await expect(store.head(key)).rejects.toThrow(InputError);
    await expect(store.getToFile(key, path.join(scratch, 'x'))).rejects.toThrow(InputError);
    if (key !== '' && key !== 'a/') {
      await expect(store.deletePrefix(key)).rejects.toThrow(InputError);
      await expect(keysUnder(store, key)).rejects.toThrow(InputError);
    }
  });

  it('lists a folder page by page (page size 7, 25 objects) and deletes a folder without touching its siblings', async () => {
    const keys = Array.from({ length: 25 }, (_, i) => `pages/p${String(i).padStart(2, '0')}/o.json`);
    for (const key of keys) await store.putStream(key, Readable.from([Buffer.from(key)]));
    await store.putStream('pages-other/x.json', Readable.from([Buffer.from('{}')]));
    await store.putStream('pagesx.json', Readable.from([Buffer.from('{}')]));
    expect(await keysUnder(store, 'pages', 7)).toEqual(keys);
    expect(await keysUnder(store, 'pages/', 7)).toEqual(keys);
    const listed = [];
    for await (const item of store.list('pages/p03')) listed.push(item);
    expect(listed).toEqual([expect.objectContaining({ key: 'pages/p03/o.json', size: 16 })]);

    await store.deletePrefix('pages');
    expect(await keysUnder(store, 'pages')).toEqual([]);
    expect(await store.exists('pages-other/x.json')).toBe(true);
    expect(await store.exists('pagesx.json')).toBe(true);
    await store.deletePrefix('pages'); // no-op
  });

  it('publishes a tree whole under a fresh version prefix, manifest last', async () => {
    const tree = await makeTree(scratch, 'v1', 10);
    const manifest = await store.publishTree(tree, 'tilesets/a');
    expect(manifest.prefix).toBe(`tilesets/a/${manifest.publishId}`);
    expect(manifest.files.map((f) => f.path)).toEqual(['tileset.json', ...Array.from({ length: 10 }, (_, i) => `tiles/${i}.glb`)].sort());
    expect(manifest.totalBytes).toBe(manifest.files.reduce((s, f) => s + f.size, 0));
    await expectWhole(store, manifest);
    expect(await keysUnder(store, manifest.prefix)).toEqual([...manifest.files.map((f) => `${manifest.prefix}/${f.path}`), `${manifest.prefix}/${PUBLISH_MANIFEST_NAME}`].sort());
  });

  it('leaves no manifest when a publish fails or dies half-way: readers keep the old version, the sweep removes the orphan', async () => {
    const live = await store.publishTree(await makeTree(scratch, 'live', 6), 'tilesets/b');
    const row = { prefix: live.prefix }; // what the database row points at
    const next = await makeTree(scratch, 'next', 9);

    // 1. An error after half the files: the publish rejects and removes what it had stored.
    const failing = store.publishTree(next, 'tilesets/b', {
      concurrency: 1,
      onProgress: ({ filesDone }) => {
        if (filesDone === 5) throw new Error('injected failure after 5 of 10 files');
      },
    });
    await expect(failing).rejects.toThrow('injected failure');
    expect(await keysUnder(store, 'tilesets/b')).toEqual(await keysUnder(store, live.prefix));

    // 2. A worker that stops for good after half the files (as if killed): nothing is cleaned up.
    let halfDone!: () => void;
    const reachedHalf = new Promise<void>((resolve) => (halfDone = resolve));
    void store.publishTree(next, 'tilesets/b', {
      concurrency: 1,
      onProgress: ({ filesDone }) => {
        if (filesDone < 5) return undefined;
        halfDone();
        return new Promise<void>(() => undefined); // never resumes
      },
    });
    await reachedHalf;
    expect(await text(store, `${row.prefix}/tileset.json`)).toContain('"live"');
    await expectWhole(store, live);
    const manifests = (await keysUnder(store, 'tilesets/b')).filter((k) => k.endsWith(`/${PUBLISH_MANIFEST_NAME}`));
    expect(manifests).toEqual([`${live.prefix}/${PUBLISH_MANIFEST_NAME}`]);

    expect(await store.sweepUnpublished('tilesets/b', 3600_000)).toEqual({ removed: [] }); // too young to sweep
    const swept = await store.sweepUnpublished('tilesets/b', 0);
    expect(swept.removed).toHaveLength(1);
    expect(swept.removed[0]).not.toBe(live.publishId);
    expect(await keysUnder(store, 'tilesets/b')).toEqual(await keysUnder(store, live.prefix));
    await expectWhole(store, live);
    expect(await store.sweepUnpublished('tilesets/b', 0)).toEqual({ removed: [] });
    await expect(store.sweepUnpublished('tilesets/b', -1)).rejects.toThrow(InputError);
    await expect(store.sweepUnpublished('../b', 0)).rejects.toThrow(InputError);
  });

  it('completes two concurrent publishes of one prefix, each manifest whole', async () => {
    const [one, two] = await Promise.all([
      store.publishTree(await makeTree(scratch, 'one', 12), 'tilesets/c'),
      store.publishTree(await makeTree(scratch, 'two', 7), 'tilesets/c'),
    ]);
    expect(one.publishId).not.toBe(two.publishId);
    expect(one.files).toHaveLength(13);
    expect(two.files).toHaveLength(8);
    await expectWhole(store, one);
    await expectWhole(store, two);
    expect(await text(store, `${one.prefix}/tileset.json`)).toContain('"one"');
    expect(await text(store, `${two.prefix}/tileset.json`)).toContain('"two"');
  });

  it('serves objects over HTTP: 200 with headers, 304, 206, 416, 404, HEAD', async () => {
    const body = Buffer.from('{"asset":{"version":"1.1"},"geometricError":100}');
    await store.putStream('http/tileset.json', Readable.from([body]));
    const url = 'http://localhost/tiles/x/tileset.json';
    const full = await objectResponse(store, 'http/tileset.json', new Request(url), { cacheControl: 'public, max-age=0, must-revalidate' });
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('application/json');
    expect(full.headers.get('content-length')).toBe(String(body.length));
    expect(full.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await full.arrayBuffer())).toEqual(body);
    const etag = full.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect(new Date(full.headers.get('last-modified')!).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const cached = await objectResponse(store, 'http/tileset.json', new Request(url, { headers: { 'If-None-Match': `"other", W/${etag}` } }));
    expect(cached.status).toBe(304);
    expect(cached.headers.get('etag')).toBe(etag);
    expect(await cached.text()).toBe('');
    const changed = await objectResponse(store, 'http/tileset.json', new Request(url, { headers: { 'If-None-Match': '"other"' } }));
    expect(changed.status).toBe(200);
    await changed.body?.cancel();

    const part = await objectResponse(store, 'http/tileset.json', new Request(url, { headers: { Range: 'bytes=2-6' } }));
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 2-6/${body.length}`);
    expect(part.headers.get('content-length')).toBe('5');
    expect(await part.text()).toBe(body.subarray(2, 7).toString());
    const suffix = await objectResponse(store, 'http/tileset.json', new Request(url, { headers: { Range: 'bytes=-4' } }));
    expect(suffix.status).toBe(206);
    expect(await suffix.text()).toBe(body.subarray(body.length - 4).toString());

    for (const range of ['bytes=abc', 'bytes=5-2', `bytes=${body.length}-`, 'bytes=-0', 'items']) {
      const bad = await objectResponse(store, 'http/tileset.json', new Request(url, { headers: { Range: range } }));
      expect({ range, status: bad.status }).toEqual({ range, status: 416 });
      expect(bad.headers.get('content-range')).toBe(`bytes */${body.length}`);
    }
    expect((await objectResponse(store, 'http/missing.glb', new Request(url))).status).toBe(404);
    const head = await objectResponse(store, 'http/tileset.json', new Request(url, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(body.length));
    expect(await head.text()).toBe('');
  });

  it('names itself without credentials', () => {
    const line = store.describe();
    expect(line).toMatch(store.kind === 'local' ? /^local directory \// : /^S3 bucket gantwin-test at http:\/\/127\.0\.0\.1:\d+ \(region us-east-1, path-style\)$/);
    expect(line).not.toContain('S3RVER');
  });
});

describe('test-s3-server', () => {
  it('stops cleanly and removes its folder', async () => {
    const server = await startTestS3Server('stop-check');
    const store = storeFromEnv(server.env) as S3ObjectStore;
    await store.putStream('k.txt', Readable.from([Buffer.from('hi')]));
    expect(await store.exists('k.txt')).toBe(true);
    store.destroy();
    await server.stop();
    await expect(stat(path.dirname(server.env.STORAGE_DIR))).rejects.toThrow();
  });
});

import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '@kernel/errors';
import { InputError } from '@kernel/errors';
import { IMMUTABLE_CACHE, REVALIDATE_CACHE, isContentHashedName, isSafeSegment, resolveTileFile, tileFileForModel } from './tile-files';

const root = mkdtempSync(path.join(tmpdir(), 'gantwin-tiles-'));
const tilesRoot = path.join(root, 'tiles');
const modelDir = path.join(tilesRoot, 'model-a');
mkdirSync(path.join(modelDir, 'tiles'), { recursive: true });
mkdirSync(path.join(tilesRoot, 'model-b'), { recursive: true });
writeFileSync(path.join(modelDir, 'tileset.json'), '{"asset":{"version":"1.1"}}');
writeFileSync(path.join(modelDir, 'tiles', '0.glb'), Buffer.from('glTF'));
writeFileSync(path.join(modelDir, 'notes.txt'), 'not a tile file');
writeFileSync(path.join(modelDir, 'tileset.json.br'), 'br bytes');
writeFileSync(path.join(modelDir, 'tileset.json.gz'), 'gzip bytes');
writeFileSync(path.join(modelDir, 'tiles', '0-0a1b2c3d4e5f.glb'), Buffer.from('glTF hashed'));
mkdirSync(path.join(modelDir, 'import'));
writeFileSync(path.join(modelDir, 'import', 'elements.json'), '{"secret":1}');
symlinkSync(path.join(modelDir, 'import', 'elements.json'), path.join(modelDir, 'link-import.json'));
symlinkSync(path.join(root, 'secret.json'), path.join(modelDir, 'tiles', '0.glb.gz'));
writeFileSync(path.join(tilesRoot, 'model-b', 'tileset.json'), '{}');
writeFileSync(path.join(root, 'secret.json'), '{"password":1}');
symlinkSync(path.join(root, 'secret.json'), path.join(modelDir, 'link-out.json'));
symlinkSync(path.join(tilesRoot, 'model-b'), path.join(modelDir, 'other'));
symlinkSync(path.join(modelDir, 'tileset.json'), path.join(modelDir, 'link-in.json'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resolveTileFile', () => {
  it('serves tileset.json (no-cache) with its .br/.gz siblings, content types and sizes', async () => {
    const json = await resolveTileFile(tilesRoot, 'model-a', ['tileset.json']);
    const version = (name: string) => ({ absolutePath: path.join(modelDir, name), sizeBytes: statSync(path.join(modelDir, name)).size, mtimeMs: statSync(path.join(modelDir, name)).mtimeMs });
    expect(json).toEqual({
      ...version('tileset.json'),
      contentType: 'application/json; charset=utf-8',
      cacheControl: REVALIDATE_CACHE,
      encoded: { br: version('tileset.json.br'), gzip: version('tileset.json.gz') },
    });
    expect(json?.sizeBytes).toBe(27);
    expect(json?.encoded.br?.sizeBytes).toBe(8);
  });

  it('marks only content-hashed names immutable: an un-hashed glb of an older output is revalidated', async () => {
    expect(await resolveTileFile(tilesRoot, 'model-a', ['tiles', '0-0a1b2c3d4e5f.glb'])).toMatchObject({ cacheControl: IMMUTABLE_CACHE, sizeBytes: 11, encoded: {} });
    expect(await resolveTileFile(tilesRoot, 'model-a', ['tiles', '0.glb'])).toMatchObject({ contentType: 'model/gltf-binary', cacheControl: REVALIDATE_CACHE, sizeBytes: 4 });
    expect(['0-0a1b2c3d4e5f.glb', 'a-b-000000000000.json'].every(isContentHashedName)).toBe(true);
    expect(['0.glb', '0-0A1B2C3D4E5F.glb', '0-0a1b2c3d4e5.glb', '0-0a1b2c3d4e5fa.glb', '0a1b2c3d4e5f.glb', '0-0a1b2c3d4e5g.glb'].some(isContentHashedName)).toBe(false);
  });

  it('never serves the import/ folder (any case, or through a symlink), nor a sibling by its own name or one leaving the folder', async () => {
    expect(await resolveTileFile(tilesRoot, 'model-a', ['import', 'elements.json'])).toBeNull();
    expect(await resolveTileFile(tilesRoot, 'model-a', ['IMPORT', 'elements.json'])).toBeNull();
    expect(await resolveTileFile(tilesRoot, 'model-a', ['link-import.json'])).toBeNull();
    expect(await resolveTileFile(tilesRoot, 'model-a', ['tileset.json.br'])).toBeNull();
    expect(await resolveTileFile(tilesRoot, 'model-a', ['tileset.json.gz'])).toBeNull();
    // tiles/0.glb.gz is a symlink to a file outside the model: not offered.
    expect((await resolveTileFile(tilesRoot, 'model-a', ['tiles', '0.glb']))?.encoded).toEqual({});
  });

  it.each([
    [['..', 'secret.json']],
    [['tiles', '..', '..', '..', 'secret.json']],
    [['..%2F..%2Fsecret.json']],
    [['%2e%2e', 'secret.json']],
    [['../secret.json']],
    [['..\\secret.json']],
    [['/etc/passwd']],
    [['C:', 'secret.json']],
    [['tileset.json\0.glb']],
    [['.', 'tileset.json']],
    [['', 'tileset.json']],
    [[]],
  ])('refuses traversal, encoded and absolute segments: %j', async (segments) => {
    expect(await resolveTileFile(tilesRoot, 'model-a', segments)).toBeNull();
  });

  it('refuses symlinks that leave the model directory, even into a sibling model, but follows ones inside', async () => {
    expect(await resolveTileFile(tilesRoot, 'model-a', ['link-out.json'])).toBeNull();
    expect(await resolveTileFile(tilesRoot, 'model-a', ['other', 'tileset.json'])).toBeNull();
    expect(await resolveTileFile(tilesRoot, 'model-a', ['link-in.json'])).toMatchObject({ absolutePath: path.join(modelDir, 'tileset.json') });
  });

  it('refuses unknown file types, directories, missing files and unsafe model directories', async () => {
    expect(await resolveTileFile(tilesRoot, 'model-a', ['notes.txt'])).toBeNull();
    expect(await resolveTileFile(tilesRoot, 'model-a', ['tiles'])).toBeNull();
    expect(await resolveTileFile(tilesRoot, 'model-a', ['missing.glb'])).toBeNull();
    expect(await resolveTileFile(tilesRoot, '../tiles/model-a', ['tileset.json'])).toBeNull();
    expect(await resolveTileFile(tilesRoot, modelDir, ['tileset.json'])).toBeNull();
    expect(await resolveTileFile(tilesRoot, 'missing-model', ['tileset.json'])).toBeNull();
  });

  it('isSafeSegment accepts plain names only', () => {
    expect(['tileset.json', '0.glb', 'tiles', '1-2_3.subtree'].every(isSafeSegment)).toBe(true);
    expect(['..', '.', '', 'a/b', 'a\\b', 'a%2e', 'c:', 'x'.repeat(256)].some(isSafeSegment)).toBe(false);
  });
});

describe('tileFileForModel', () => {
  it('maps a bad id to InputError and an unknown model or file to NotFoundError', async () => {
    const { connectTestDb } = await import('@server/db/test-database');
    const { models } = await import('@server/db/schema/twin');
    const { eq } = await import('drizzle-orm');
    const connection = connectTestDb();
    try {
      await expect(tileFileForModel(connection.db, null, tilesRoot, '../x', ['tileset.json'])).rejects.toBeInstanceOf(InputError);
      await expect(tileFileForModel(connection.db, null, tilesRoot, '00000000-0000-4000-8000-000000000000', ['tileset.json'])).rejects.toBeInstanceOf(NotFoundError);
      const [row] = await connection.db
        .insert(models)
        .values({ name: 'tiles', fileName: 'a.ifc', sourceSha256: `tile-files-${Date.now()}`, status: 'ready', tilesetDir: 'model-a', visibility: 'public' })
        .returning({ id: models.id });
      try {
        expect(await tileFileForModel(connection.db, null, tilesRoot, row.id, ['tiles', '0.glb'])).toMatchObject({ contentType: 'model/gltf-binary' });
        await expect(tileFileForModel(connection.db, null, tilesRoot, row.id, ['..', 'model-b', 'tileset.json'])).rejects.toBeInstanceOf(NotFoundError);
      } finally {
        await connection.db.delete(models).where(eq(models.id, row.id));
      }
    } finally {
      await connection.pool.end();
    }
  });
});

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, InputError } from '@kernel/errors';
import { isSweepable, listTreeFiles, newPublishId, publishIdTime, storeTreeFiles } from './publish-manifest';

describe('publish ids', () => {
  it('encode their UTC start time to the millisecond and differ between calls', () => {
    const at = new Date('2026-12-07T04:10:22.123Z');
    const id = newPublishId(at);
    expect(id).toMatch(/^20261207T041022123Z-[0-9a-f]{12}$/);
    expect(publishIdTime(id)).toBe(at.getTime());
    expect(newPublishId(at)).not.toBe(id);
    expect(publishIdTime('tiles')).toBeNull();
    expect(publishIdTime(`.tmp-${id}`)).toBeNull();
  });

  it('are sweepable only without a manifest and once older than the threshold', () => {
    const started = Date.parse('2026-12-07T00:00:00.000Z');
    const id = newPublishId(new Date(started));
    const hour = 3600_000;
    expect(isSweepable(id, false, 24 * hour, started + 25 * hour)).toBe(true);
    expect(isSweepable(id, false, 24 * hour, started + 23 * hour)).toBe(false);
    expect(isSweepable(id, true, 24 * hour, started + 99 * hour)).toBe(false);
    expect(isSweepable('not-an-id', false, 0, started)).toBe(false);
  });
});

describe('listTreeFiles / storeTreeFiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gantwin-tree-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists regular files sorted by relative POSIX path with sizes', async () => {
    const tree = path.join(dir, 'ok');
    await mkdir(path.join(tree, 'tiles', 'sub'), { recursive: true });
    await writeFile(path.join(tree, 'tileset.json'), '{}');
    await writeFile(path.join(tree, 'tiles', 'sub', 'b.glb'), 'bbbb');
    await writeFile(path.join(tree, 'tiles', 'a.glb'), 'aaa');
    expect((await listTreeFiles(tree)).map(({ relPath, size }) => ({ relPath, size }))).toEqual([
      { relPath: 'tiles/a.glb', size: 3 },
      { relPath: 'tiles/sub/b.glb', size: 4 },
      { relPath: 'tileset.json', size: 2 },
    ]);
  });

  it('refuses symlinks and a top-level publish-manifest.json', async () => {
    const linked = path.join(dir, 'linked');
    await mkdir(linked);
    await symlink('/etc/hostname', path.join(linked, 'escape.json'));
    await expect(listTreeFiles(linked)).rejects.toThrow(InputError);
    await expect(listTreeFiles(linked)).rejects.toThrow('escape.json is not a regular file');
    const clash = path.join(dir, 'clash');
    await mkdir(clash);
    await writeFile(path.join(clash, 'publish-manifest.json'), '{}');
    await expect(listTreeFiles(clash)).rejects.toThrow('may not contain publish-manifest.json');
  });

  it('writes no manifest for a publish that took longer than maxDurationMs', async () => {
    const files = [{ relPath: 'a.glb', absPath: '/unused', size: 1 }];
    await expect(storeTreeFiles({ files, versionPrefix: 'p/x', publishId: 'x', startedAt: Date.now() - 10_000 }, { maxDurationMs: 5_000 }, async () => '00')).rejects.toThrow(ConflictError);
    const manifest = await storeTreeFiles({ files, versionPrefix: 'p/x', publishId: 'x', startedAt: Date.now() }, {}, async () => 'ab');
    expect(manifest).toMatchObject({ format: 1, publishId: 'x', prefix: 'p/x', files: [{ path: 'a.glb', size: 1, sha256: 'ab' }], totalBytes: 1 });
  });

  it('stops starting files after the first failure and rethrows it', async () => {
    const files = Array.from({ length: 20 }, (_, i) => ({ relPath: `t/${i}.glb`, absPath: '/unused', size: 1 }));
    const started: number[] = [];
    const failing = storeTreeFiles({ files, versionPrefix: 'p/y', publishId: 'y', startedAt: Date.now() }, { concurrency: 3 }, async (file) => {
      const i = Number(file.relPath.slice(2, -4));
      started.push(i);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (i === 4) throw new Error('disk on fire');
      return 'ok';
    });
    await expect(failing).rejects.toThrow('disk on fire');
    expect(started.length).toBeLessThan(9); // 3 in flight when file 4 failed, at most a couple more begun
  });
});

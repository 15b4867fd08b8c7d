import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, InvariantError } from '@kernel/errors';
import { assertReplaceableOutputDir, commitOutput } from './commit-output';

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('commitOutput', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'gantwin-commit-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes nested files and reports bytes and count', async () => {
    const out = join(root, 'a', 'tileset');
    const result = await commitOutput(out, [
      { path: 'tileset.json', bytes: bytesOf('{"asset":{}}') },
      { path: 'tiles/0/0-0.glb', bytes: new Uint8Array(100) },
    ]);
    expect(result).toEqual({ bytes: 112, files: 2 });
    expect(await readFile(join(out, 'tileset.json'), 'utf8')).toBe('{"asset":{}}');
    expect((await readFile(join(out, 'tiles/0/0-0.glb'))).byteLength).toBe(100);
    expect(await readdir(join(root, 'a'))).toEqual(['tileset']);
  });

  it('replaces an old output directory completely', async () => {
    const out = join(root, 'replace');
    await mkdir(out);
    await writeFile(join(out, 'stale.glb'), 'old');
    await writeFile(join(out, 'tileset.json'), 'old'); // an earlier conversion
    await commitOutput(out, [{ path: 'tileset.json', bytes: bytesOf('new') }]);
    expect(await readFile(join(out, 'tileset.json'), 'utf8')).toBe('new');
    expect(await readdir(out)).toEqual(['tileset.json']);
    expect(await readdir(root)).not.toContain(expect.stringMatching(/\.(tmp|old)-/));
  });

  it('rejects absolute and `..` paths before writing anything', async () => {
    const out = join(root, 'bad');
    for (const path of ['/etc/passwd', '../escape.json', 'tiles/../../x', 'a//b', '', 'C:/x', 'a\\b']) {
      await expect(commitOutput(out, [{ path, bytes: bytesOf('x') }])).rejects.toThrow(InvariantError);
    }
    await expect(commitOutput(out, [{ path: 'a', bytes: bytesOf('x') }, { path: 'a', bytes: bytesOf('y') }])).rejects.toThrow(/listed twice/);
    expect(existsSync(out)).toBe(false);
  });

  it('leaves the old output intact and no temp directory when a write fails', async () => {
    const out = join(root, 'keep');
    await mkdir(out);
    await writeFile(join(out, 'tileset.json'), 'old');
    // A file and a directory of the same name cannot both exist: the second write fails.
    await expect(
      commitOutput(out, [
        { path: 'tiles', bytes: bytesOf('file') },
        { path: 'tiles/0.glb', bytes: bytesOf('glb') },
      ]),
    ).rejects.toThrow();
    expect(await readFile(join(out, 'tileset.json'), 'utf8')).toBe('old');
    expect((await readdir(root)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });
});

describe('assertReplaceableOutputDir / commitOutput guard', () => {
  it('accepts a missing path, an empty directory and an earlier conversion', async () => {
    const root = await mkdtemp(join(tmpdir(), 'gantwin-guard-'));
    expect(() => assertReplaceableOutputDir(join(root, 'new'))).not.toThrow();
    await mkdir(join(root, 'empty'));
    expect(() => assertReplaceableOutputDir(join(root, 'empty'))).not.toThrow();
    await mkdir(join(root, 'earlier'));
    await writeFile(join(root, 'earlier', 'tileset.json'), '{}');
    expect(() => assertReplaceableOutputDir(join(root, 'earlier'))).not.toThrow();
    await rm(root, { recursive: true, force: true });
  });

  it("refuses a user's non-empty folder and keeps its files", async () => {
    const root = await mkdtemp(join(tmpdir(), 'gantwin-guard-'));
    const documents = join(root, 'documents');
    await mkdir(documents);
    await writeFile(join(documents, 'thesis.docx'), 'important');
    await expect(commitOutput(documents, [{ path: 'tileset.json', bytes: new Uint8Array([1]) }])).rejects.toThrow(
      /documents: refusing to replace a non-empty directory that holds no earlier conversion/,
    );
    expect(await readFile(join(documents, 'thesis.docx'), 'utf8')).toBe('important');
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a path that is a file', async () => {
    const root = await mkdtemp(join(tmpdir(), 'gantwin-guard-'));
    await writeFile(join(root, 'tileset.json'), '{}');
    expect(() => assertReplaceableOutputDir(join(root, 'tileset.json'))).toThrow(InputError);
    expect(() => assertReplaceableOutputDir(join(root, 'tileset.json'))).toThrow(/is an existing file; it must be a directory/);
    await rm(root, { recursive: true, force: true });
  });

  it('turns a file-system failure into a one-line InputError naming the path', async () => {
    await expect(commitOutput('/proc/gantwin-nope', [{ path: 'a.json', bytes: new Uint8Array([1]) }])).rejects.toThrow(
      /\/proc\/gantwin-nope: cannot write the output \(E[A-Z]+: /,
    );
  });
});

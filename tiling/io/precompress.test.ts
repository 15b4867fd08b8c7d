import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { StagedOutput } from './commit-output';
import { Precompressor, type PrecompressOptions } from './precompress';

/** Precompresses `files` (absolute) in order with one {@link Precompressor}; returns the bytes written. */
async function precompressAll(files: string[], options: Partial<PrecompressOptions> = {}): Promise<number> {
  const precompressor = new Precompressor(options);
  for (const file of files) precompressor.add(file, readFileSync(file).length);
  return precompressor.finish();
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'gantwin-precompress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** JSON-like text that compresses well, `n` records long. */
const sampleText = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ globalId: `id-${i}`, ifcClass: 'IfcWall', storey: `${i % 7}F` })));

describe('precompressed siblings', () => {
  it('writes .br and .gz that decompress to the file, smaller than it', async () => {
    const file = path.join(dir, 'a.json');
    writeFileSync(file, sampleText(2000));
    const written = await precompressAll([file]);
    const original = readFileSync(file);
    const br = readFileSync(`${file}.br`);
    const gz = readFileSync(`${file}.gz`);
    expect(brotliDecompressSync(br).equals(original)).toBe(true);
    expect(gunzipSync(gz).equals(original)).toBe(true);
    expect(written).toBe(br.length + gz.length);
    expect(br.length).toBeLessThan(original.length / 5);
    expect(br.length).toBeLessThan(gz.length);
  });

  it('spends the best brotli quality on the first bytes only (later files at the fast quality)', async () => {
    const [first, second] = ['b.json', 'c.json'].map((name) => path.join(dir, name));
    for (const f of [first, second]) writeFileSync(f, sampleText(3000));
    const size = readFileSync(first).length;
    await precompressAll([first, second], { bestQuality: 11, fastQuality: 1, bestQualityBytes: size });
    // Same bytes in, two qualities out: quality 1 is measurably larger.
    expect(readFileSync(`${second}.br`).length).toBeGreaterThan(readFileSync(`${first}.br`).length * 1.2);
  });

  it('gives JSON text the best brotli quality and binary files the binary quality', async () => {
    const [text, binary] = ['e.json', 'e.glb'].map((name) => path.join(dir, name));
    for (const f of [text, binary]) writeFileSync(f, sampleText(3000));
    await precompressAll([text, binary], { bestQuality: 11, binaryQuality: 1, fastQuality: 11 });
    // Same bytes in, the .glb compressed at quality 1: measurably larger.
    expect(readFileSync(`${binary}.br`).length).toBeGreaterThan(readFileSync(`${text}.br`).length * 1.2);
    expect(brotliDecompressSync(readFileSync(`${binary}.br`)).equals(readFileSync(binary))).toBe(true);
  });

  it('reports the first failure once every running file has ended, and nothing after it starts', async () => {
    const present = path.join(dir, 'd.json');
    writeFileSync(present, sampleText(100));
    const precompressor = new Precompressor({ concurrency: 1 });
    precompressor.add(path.join(dir, 'missing.json'), 10);
    precompressor.add(present, readFileSync(present).length);
    await expect(precompressor.finish()).rejects.toThrow(/ENOENT/);
    expect(existsSync(`${present}.br`)).toBe(false);
  });

  it('are written in the staged directory and committed with the rest; unknown paths are refused', async () => {
    const outDir = path.join(dir, 'out');
    const staged = await StagedOutput.open(outDir);
    await staged.write({ path: 'tiles/0-abc.glb', bytes: new TextEncoder().encode(sampleText(500)) });
    await expect(staged.startPrecompress('tiles/missing.glb')).rejects.toThrow(/not written/);
    await staged.startPrecompress('tiles/0-abc.glb');
    await staged.finishPrecompress();
    const { files } = await staged.commit();
    expect(files).toBe(3);
    expect(brotliDecompressSync(readFileSync(path.join(outDir, 'tiles/0-abc.glb.br'))).toString()).toBe(sampleText(500));
  });
});

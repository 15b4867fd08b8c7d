import { MeshoptSimplifier } from 'meshoptimizer';
import { beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '@tiling/report';
import { build } from '@tiling/stages/build/build';
import type { BuiltModel } from '@tiling/stages/build/built-model';
import { createBoxMesh, createSyntheticGeoreference, createSyntheticModel } from '@tiling/stages/build/synthetic-model';
import type { MeshGeometry } from '@tiling/stages/parse/parsed-model';
import { tile } from '@tiling/stages/tile/tile';
import type { OutputFile } from '@tiling/io/output-file';
import { simplifyMesh, storedTriangles } from './lod-proxy';
import type { TilesetJson } from './tileset-json';
import { readPropertyTable, readTileGlb } from './validate-output';
import { write } from './write';

const ctx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder() });

/** UV sphere of radius r centred at c: (rings + 1) × (segments + 1) vertices, smooth normals, outward winding. */
function sphereMesh(r: number, rings: number, segments: number, c: [number, number, number] = [0, 0, 0]): MeshGeometry {
  const positions: number[] = [];
  const normals: number[] = [];
  const indices: number[] = [];
  for (let i = 0; i <= rings; i++) {
    const theta = (Math.PI * i) / rings;
    for (let j = 0; j <= segments; j++) {
      const phi = (2 * Math.PI * j) / segments;
      const n = [Math.sin(theta) * Math.cos(phi), Math.cos(theta), Math.sin(theta) * Math.sin(phi)];
      normals.push(...n);
      positions.push(c[0] + r * n[0], c[1] + r * n[1], c[2] + r * n[2]);
    }
  }
  for (let i = 0; i < rings; i++) {
    for (let j = 0; j < segments; j++) {
      const a = i * (segments + 1) + j;
      const b = a + segments + 1;
      indices.push(a, a + 1, b, a + 1, b + 1, b);
    }
  }
  return { positions: new Float32Array(positions), normals: new Float32Array(normals), indices: new Uint32Array(indices) };
}

/** Distance from point p to triangle abc (Ericson, Real-Time Collision Detection §5.1.5). */
function pointTriangleDistance(p: number[], a: number[], b: number[], c: number[]): number {
  const sub = (u: number[], v: number[]) => [u[0] - v[0], u[1] - v[1], u[2] - v[2]];
  const dot = (u: number[], v: number[]) => u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  const at = (u: number[], v: number[], w: number) => [u[0] + v[0] * w, u[1] + v[1] * w, u[2] + v[2] * w];
  const ab = sub(b, a), ac = sub(c, a), ap = sub(p, a);
  const d1 = dot(ab, ap), d2 = dot(ac, ap);
  let q: number[];
  if (d1 <= 0 && d2 <= 0) q = a;
  else {
    const bp = sub(p, b), d3 = dot(ab, bp), d4 = dot(ac, bp);
    const cp = sub(p, c), d5 = dot(ab, cp), d6 = dot(ac, cp);
    const vc = d1 * d4 - d3 * d2, vb = d5 * d2 - d1 * d6, va = d3 * d6 - d5 * d4;
    if (d3 >= 0 && d4 <= d3) q = b;
    else if (d6 >= 0 && d5 <= d6) q = c;
    else if (vc <= 0 && d1 >= 0 && d3 <= 0) q = at(a, ab, d1 / (d1 - d3));
    else if (vb <= 0 && d2 >= 0 && d6 <= 0) q = at(a, ac, d2 / (d2 - d6));
    else if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0) q = at(b, sub(c, b), (d4 - d3) / (d4 - d3 + (d5 - d6)));
    else {
      const denom = 1 / (va + vb + vc);
      q = at(at(a, ab, vb * denom), ac, vc * denom);
    }
  }
  const d = sub(p, q);
  return Math.hypot(d[0], d[1], d[2]);
}

/** Largest distance from any vertex of `original` to the surface of `simplified` (one-sided Hausdorff). */
function maxDeviation(original: MeshGeometry, simplified: MeshGeometry): number {
  const v = (m: MeshGeometry, i: number) => [m.positions[i * 3], m.positions[i * 3 + 1], m.positions[i * 3 + 2]];
  let worst = 0;
  for (let i = 0; i < original.positions.length / 3; i++) {
    const p = v(original, i);
    let best = Infinity;
    for (let t = 0; t < simplified.indices.length; t += 3) {
      best = Math.min(best, pointTriangleDistance(p, v(simplified, simplified.indices[t]), v(simplified, simplified.indices[t + 1]), v(simplified, simplified.indices[t + 2])));
    }
    worst = Math.max(worst, best);
  }
  return worst;
}

describe('simplifyMesh', () => {
  beforeAll(async () => {
    await MeshoptSimplifier.ready;
  });

  it('simplifies a dense 1 m sphere within the asked error and says how far it went', () => {
    const sphere = sphereMesh(1, 48, 96); // 9 216 triangles
    const { mesh, errorM } = simplifyMesh(sphere, 0.01, { simplifier: MeshoptSimplifier, creaseAngleDeg: 40 });
    const triangles = mesh.indices.length / 3;
    expect(triangles).toBeLessThan(0.25 * 9216);
    expect(triangles).toBeGreaterThanOrEqual(Math.floor(0.05 * 9216));
    expect(errorM).toBeGreaterThan(0);
    expect(errorM).toBeLessThanOrEqual(0.01);
    // Measured independently: no vertex of the original is further from the simplified surface than the error the
    // proxy reports (which becomes the tile's geometricError).
    const deviation = maxDeviation(sphere, mesh);
    expect(deviation).toBeGreaterThan(0);
    expect(deviation).toBeLessThanOrEqual(errorM);
  });

  it('keeps a part made of many parts smaller than the error, at its floor, instead of pruning it whole', () => {
    // 20 × 20 dense 5 cm spheres over 2 m: each smaller than the 0.5 m error, the whole far larger.
    const parts: MeshGeometry[] = [];
    for (let i = 0; i < 20; i++) for (let j = 0; j < 20; j++) parts.push(sphereMesh(0.025, 6, 12, [i * 0.1, 0, j * 0.1]));
    const positions = new Float32Array(parts.reduce((n, p) => n + p.positions.length, 0));
    const normals = new Float32Array(positions.length);
    const indices = new Uint32Array(parts.reduce((n, p) => n + p.indices.length, 0));
    let pv = 0;
    let pi = 0;
    for (const p of parts) {
      positions.set(p.positions, pv * 3);
      normals.set(p.normals, pv * 3);
      indices.set(p.indices.map((k) => k + pv), pi);
      pv += p.positions.length / 3;
      pi += p.indices.length;
    }
    const cluster = { positions, normals, indices };
    const { mesh } = simplifyMesh(cluster, 0.5, { simplifier: MeshoptSimplifier, creaseAngleDeg: 40 });
    // The floor (5 % of the triangles) stops the simplifier; one pass of collapses may overshoot it a little.
    expect(mesh.indices.length / 3).toBeGreaterThanOrEqual(0.8 * 0.05 * (indices.length / 3));
    expect(mesh.indices.length).toBeLessThan(indices.length);
  });

  it('leaves a box (12 triangles) as it is', () => {
    const box = createBoxMesh(1, 2, 3);
    expect(simplifyMesh(box, 0.5, { simplifier: MeshoptSimplifier, creaseAngleDeg: 40 })).toEqual({ mesh: box, errorM: 0 });
  });
});

describe('write with LOD proxies', () => {
  let built: BuiltModel;
  let files: OutputFile[];
  let tileset: TilesetJson;

  beforeAll(async () => {
    await MeshoptSimplifier.ready;
    built = await build(createSyntheticModel({ boxes: 30, slabs: 2 }), createSyntheticGeoreference(), {}, ctx());
    // A dense 1 m dome on the first feature: the heavy content a proxy is for.
    const sphere = sphereMesh(1, 48, 96);
    built.features[0].parts.push({ ...sphere, color: [0.8, 0.2, 0.2, 1] });
    built.features[0].triangles += sphere.indices.length / 3;
    const tiled = await tile(built, {}, ctx());
    ({ files } = await write(tiled, {}, ctx(), { lod: { simplifier: MeshoptSimplifier, minTriangles: 5_000 } }));
    tileset = JSON.parse(new TextDecoder().decode(files.find((f) => f.path === 'tileset.json')!.bytes)) as TilesetJson;
  });

  it('makes the heavy tile REPLACE its simplified proxy by the full content, with an honest geometricError', () => {
    const root = tileset.root;
    expect(root.refine).toBe('REPLACE');
    // Content-addressed names: <tile id>[-full]-<12 hex of the GLB's SHA-256>.glb.
    expect(root.content?.uri).toMatch(/^tiles\/0-[0-9a-f]{12}\.glb$/);
    const full = root.children![0];
    expect(full).toMatchObject({ refine: 'ADD', geometricError: 0 });
    expect(full.content?.uri).toMatch(/^tiles\/0-full-[0-9a-f]{12}\.glb$/);
    expect(root.geometricError).toBeGreaterThan(0);
    expect(root.geometricError).toBeLessThanOrEqual(tileset.geometricError);
  });

  it('keeps every feature pickable in the proxy with fewer triangles than the full content', async () => {
    const proxy = await readTileGlb(files.find((f) => f.path === tileset.root.content!.uri)!.bytes);
    const full = await readTileGlb(files.find((f) => f.path === tileset.root.children![0].content!.uri)!.bytes);
    const proxyIds = readPropertyTable(proxy).map((row) => row.globalId);
    expect(proxyIds).toEqual(readPropertyTable(full).map((row) => row.globalId));
    expect(proxyIds).toHaveLength(built.features.length);
    const triangles = (doc: typeof proxy) =>
      doc.getRoot().listMeshes().flatMap((m) => m.listPrimitives()).reduce((n, p) => n + p.getIndices()!.getCount() / 3, 0);
    expect(triangles(proxy)).toBeLessThan(0.5 * triangles(full));
    expect(triangles(full)).toBeGreaterThanOrEqual(storedTriangles(built.features, built.instanceGroups));
  });
});

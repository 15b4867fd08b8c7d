import type { IfcAPI } from 'web-ifc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '../../report';
import { EXACT_SOLIDS, exactSolidsIfc } from './exact-solids-fixture';
import { geometriesReversedByWebIfc, reverseTriangles } from './face-winding';
import { createIfcApi, parseIfc } from './parse';
import type { MeshGeometry } from './parsed-model';

let api: IfcAPI;
beforeAll(async () => {
  api = await createIfcApi();
});
afterAll(() => api?.Dispose());

/** Σ det(a, b, c) / 6 over the triangles, m³ (positive: counter-clockwise seen from outside). */
function signedVolume(mesh: MeshGeometry): number {
  const p = mesh.positions;
  let v = 0;
  for (let t = 0; t < mesh.indices.length; t += 3) {
    const [a, b, c] = [mesh.indices[t] * 3, mesh.indices[t + 1] * 3, mesh.indices[t + 2] * 3];
    v += p[a] * (p[b + 1] * p[c + 2] - p[b + 2] * p[c + 1]) - p[a + 1] * (p[b] * p[c + 2] - p[b + 2] * p[c]) + p[a + 2] * (p[b] * p[c + 1] - p[b + 1] * p[c]);
  }
  return v / 6;
}

const list = (items: { geometryExpressID: number; flatTransformation: number[] }[]) => ({ size: () => items.length, get: (i: number) => items[i] });
const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
const MIRROR_Y = [1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

describe('face winding of meshes web-ifc shares between plain and mirrored copies', () => {
  it('counts mirrored placements per geometry: odd = reversed by web-ifc', () => {
    const reversed = geometriesReversedByWebIfc(
      list([
        { geometryExpressID: 1, flatTransformation: MIRROR_Y },
        { geometryExpressID: 2, flatTransformation: MIRROR_Y },
        { geometryExpressID: 2, flatTransformation: MIRROR_Y },
        { geometryExpressID: 3, flatTransformation: IDENTITY },
        { geometryExpressID: 3, flatTransformation: MIRROR_Y },
      ]),
    );
    expect([...reversed].sort()).toEqual([1, 3]);
  });

  it('reverseTriangles is its own inverse and matches web-ifc (i0, i1, i2) → (i2, i1, i0)', () => {
    const indices = Uint32Array.from([0, 1, 2, 3, 4, 5]);
    reverseTriangles(indices);
    expect([...indices]).toEqual([2, 1, 0, 5, 4, 3]);
    reverseTriangles(indices);
    expect([...indices]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('parse keeps the outward winding of a mapped box whose first use is mirrored', async () => {
    const model = await parseIfc({ bytes: exactSolidsIfc(), fileName: 'exact.ifc' }, { ifcApi: api }, { logger: SILENT_LOGGER, report: new ReportBuilder() });
    expect(model.elements.map((e) => e.name)).toEqual(EXACT_SOLIDS.map((s) => s.name));
    // Every geometry of the fixture is a closed solid made outward by web-ifc: positive in its own frame.
    for (const [id, mesh] of model.geometries) expect(signedVolume(mesh), `geometry #${id}`).toBeGreaterThan(0);
  });
});

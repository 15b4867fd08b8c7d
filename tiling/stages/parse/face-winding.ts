/**
 * Undoes web-ifc's face reversal of shared meshes under mirroring mapped items, so every geometry is read with
 * the winding it was made with, whichever element happens to read it first.
 *
 * Notes (web-ifc 0.0.78; found with the mirrored boxes of exact-solids-fixture.ts)
 * - web-ifc keeps one mesh per representation item (geometryExpressID). While it flattens an element, every
 *   placement of that item whose transform mirrors (an IfcCartesianTransformationOperator3D(nonUniform) with a
 *   negative determinant) reverses the shared mesh's triangles, (i0, i1, i2) → (i2, i1, i0), normals unchanged
 *   (IfcGeometryProcessor::AddComposedMeshToFlatMesh → IfcGeometry::ReverseFaces). The next element starts from
 *   the unreversed mesh again. Measured on the fixture: an element with one mirrored copy reads the mesh
 *   reversed, with a plain and a mirrored copy reversed (both copies), with two mirrored copies unreversed.
 *   `flatTransformation` keeps the mirror.
 * - The parse stage reads each geometry once, on its first use, and `build` flips the winding of every placement
 *   whose transform mirrors (bake-geometry.ts), as glTF requires. A mesh first read inside an element with an
 *   odd number of mirrored copies of it was therefore drawn inside out everywhere: the mirrored copies flipped
 *   twice, the plain copies not at all (the fixture's 2 m³ box measured −2 m³ in every copy when the mirrored
 *   element came first in the file).
 * - Fix: count, in the element being streamed, the mirrored placements of the geometry being read; when odd,
 *   reverse the triangles back (the same permutation). Then every cached mesh has web-ifc's original winding and
 *   bakeMesh's det < 0 flip is the only one. If a later web-ifc stops reversing, the fixture test
 *   (tiling/exact-geometry.test.ts) fails on the mirrored copies and this must go.
 * - Not used: orienting by the normals. web-ifc's own normals disagree with the winding on extrusions along −Z
 *   (it swaps two indices per triangle and keeps the normals: 4 beams in duplex, 10 in janesville), so the
 *   normals are no reference for the winding.
 */

/** A placed geometry as web-ifc's `FlatMesh.geometries` hands it over (only the fields used here). */
export interface WebIfcPlacement {
  geometryExpressID: number;
  /** Column-major 4×4, geometry-local → model (web-ifc's Y-up frame, metres). */
  flatTransformation: ArrayLike<number>;
}

/**
 * Geometry ids that web-ifc hands over reversed while this element is streamed: those placed by an odd number
 * of mirroring transforms (determinant of the linear part < 0) in `placements`.
 * @param placements the element's placed geometries (web-ifc `FlatMesh.geometries`, or any `get(i)`/`size()` list)
 * @returns the ids to pass through {@link reverseTriangles} when read now
 * @see web-ifc IfcGeometryProcessor::AddComposedMeshToFlatMesh (testReverse / ReverseFaces)
 */
export function geometriesReversedByWebIfc(placements: { size(): number; get(index: number): WebIfcPlacement }): Set<number> {
  const reversed = new Set<number>();
  for (let i = 0; i < placements.size(); i++) {
    const pg = placements.get(i);
    const m = pg.flatTransformation;
    const det = m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) + m[8] * (m[1] * m[6] - m[5] * m[2]);
    if (!(det < 0)) continue;
    if (reversed.has(pg.geometryExpressID)) reversed.delete(pg.geometryExpressID);
    else reversed.add(pg.geometryExpressID);
  }
  return reversed;
}

/**
 * Reverses every triangle in place: (i0, i1, i2) → (i2, i1, i0), the permutation web-ifc applies (so applying it
 * again restores web-ifc's original order exactly).
 * @param indices triangle list (length a multiple of 3)
 */
export function reverseTriangles(indices: Uint32Array): void {
  for (let t = 0; t + 2 < indices.length; t += 3) {
    const first = indices[t];
    indices[t] = indices[t + 2];
    indices[t + 2] = first;
  }
}

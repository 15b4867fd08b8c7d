import { WebIFC } from './web-ifc-module';
import { refOf, refsOf, textOf, type StepLines } from './step-lines';

/**
 * Finds IfcProducts that declare a `Body` shape representation but for which web-ifc streamed no mesh at all
 * (e.g. a representation item that references a missing or unsupported entity). web-ifc skips these silently;
 * the report must name them.
 */

/**
 * @param lines the open model
 * @param streamedIds express ids of every product web-ifc streamed (with or without triangles)
 * @param isExcluded products that are never features (spatial elements, openings, spaces when off)
 * @returns express ids of products with a Body representation and no streamed mesh, in file order
 * @see IfcProduct.Representation, IfcShapeRepresentation.RepresentationIdentifier ('Body')
 */
export function findProductsWithoutMesh(
  lines: StepLines,
  streamedIds: ReadonlySet<number>,
  isExcluded: (expressId: number) => boolean,
): number[] {
  const missing: number[] = [];
  for (const id of lines.idsOfType(WebIFC.IFCPRODUCT, true)) {
    if (streamedIds.has(id) || isExcluded(id)) continue;
    const shapeId = refOf(lines.args(id)[6]);
    if (shapeId === null) continue;
    const hasBody = refsOf(lines.args(shapeId)[2]).some((repId) => textOf(lines.args(repId)[1]) === 'Body');
    if (hasBody) missing.push(id);
  }
  return missing;
}

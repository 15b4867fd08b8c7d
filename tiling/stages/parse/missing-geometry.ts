import { WebIFC } from './web-ifc-module';
import { refOf, refsOf, textOf, type StepLines } from './step-lines';

/**
 * Finds IfcProducts that declare a `Body` shape representation but for which web-ifc streamed no mesh at all
 * (e.g. a representation item that references a missing or unsupported entity). web-ifc skips these silently;
 * the report must name them.
 */

/**
 * The `Body` shape representations of a product.
 * @param lines the open model
 * @param productId express id of an IfcProduct
 * @returns express ids of its IfcShapeRepresentations whose RepresentationIdentifier is `Body`, in file order
 *   (empty when it has no Representation)
 * @see IfcProduct.Representation, IfcShapeRepresentation.RepresentationIdentifier ('Body')
 */
export function bodyRepresentationsOf(lines: StepLines, productId: number): number[] {
  const shapeId = refOf(lines.args(productId)[6]);
  return shapeId === null ? [] : bodyRepresentationsOfShape(lines, shapeId);
}

/**
 * The `Body` shape representations of an IfcProductDefinitionShape.
 * @param lines the open model
 * @param shapeId express id of an IfcProductDefinitionShape
 * @returns express ids of its IfcShapeRepresentations whose RepresentationIdentifier is `Body`, in file order
 * @see IfcProductDefinitionShape.Representations, IfcShapeRepresentation.RepresentationIdentifier ('Body')
 */
export function bodyRepresentationsOfShape(lines: StepLines, shapeId: number): number[] {
  return refsOf(lines.args(shapeId)[2]).filter((repId) => textOf(lines.args(repId)[1]) === 'Body');
}

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
    if (bodyRepresentationsOf(lines, id).length > 0) missing.push(id);
  }
  return missing;
}

import { Buffer } from 'node:buffer';
import { InputError } from '@kernel/errors';
import { ALWAYS_EXCLUDED } from './geometry-stream';
import { bodyRepresentationsOf, bodyRepresentationsOfShape } from './missing-geometry';
import { refOf, refsOf, textOf, type StepLines } from './step-lines';
import { WebIFC } from './web-ifc-module';

/**
 * The `parse` stage's last check: a file in which no element has triangles cannot be tiled, and the user must
 * learn which entities had geometry and why web-ifc did not mesh it (issue #8).
 *
 * Notes:
 * - Before this check such a file failed two stages later, in `tile`, with "<file> has no element with
 *   triangles; nothing to tile", naming neither an entity nor a cause.
 * - web-ifc 0.0.78 does mesh IfcTriangulatedIrregularNetwork (IFC4X3 ADD2 terrain TIN) under
 *   IfcGeotechnicalStratum and IfcGeographicElement, with or without Normals, PnIndex, a TagList or an
 *   IfcMappedItem around it (checked with hand-built files). What it leaves without a mesh: representation items
 *   that are not surfaces or solids (IfcBoundingBox, IfcPolyline, IfcGeometricCurveSet, IfcCartesianPoint), a
 *   TIN whose CoordIndex points past its point list, and items referencing missing entities (zero triangles).
 * - Entities its schema does not know are not products to web-ifc at all: it neither streams nor lists them,
 *   so they are found by their type code and named from the file text. The case seen: `IFCSOLIDSTRATUM` of the
 *   IFC4X3 drafts (RC4; ADD2 replaced it by IfcGeotechnicalStratum with PredefinedType SOLID), which web-ifc's
 *   IFC4X3 schema lacks although we accept IFC4X3_RC1–RC4 files.
 * - The diagnosis runs only when nothing meshed, so it may read every line (`GetAllLines`) without slowing the
 *   normal path.
 */

/** Entities named one by one in the message; the rest are counted. */
const MAX_NAMED = 3;
/** Representation items named per entity. */
const MAX_ITEMS = 3;
/** IfcMappedItem → IfcRepresentationMap → items, followed this deep. */
const MAX_MAPPING_DEPTH = 3;
/** Name web-ifc gives a type code its schema does not define. */
const UNKNOWN_TYPE = '<web-ifc-type-unknown>';
const GLOBAL_ID = /^[0-9A-Za-z_$]{22}$/;

/** What the `parse` stage knows when it checks. */
export interface MeshOutcome {
  fileName: string;
  /** The STEP file as read (used only to name entities web-ifc does not know). */
  bytes: Uint8Array;
  lines: StepLines;
  /** Whether IfcSpace volumes are features (the `includeSpaces` option). */
  includeSpaces: boolean;
  /** Elements with at least one triangle. */
  elementCount: number;
  /** Per-element failures of streaming and of the Body check, with web-ifc's reason. */
  failures: ReadonlyArray<{ expressId: number; reason: string }>;
}

/** One entity with a Body representation and no triangles, as named in the error's context. */
export interface UnmeshedEntity {
  expressId: number;
  globalId: string | null;
  ifcClass: string;
  /** Its Body representation items, e.g. `IfcBoundingBox #7`, `IfcMappedItem #9 → IfcPolyline #20`. */
  items: string[];
  reason: string;
}

/** A line's class as web-ifc knows it, or its keyword from the file text (upper case) when web-ifc does not. */
function classOf(lines: StepLines, bytes: Uint8Array, id: number): string {
  const name = lines.className(id);
  return name === UNKNOWN_TYPE ? (keywordInFile(bytes, id) ?? `an entity of a type web-ifc does not know`) : name;
}

/** The keyword of `#id=KEYWORD(` in the STEP text, or null. */
function keywordInFile(bytes: Uint8Array, id: number): string | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const needle = `#${id}`;
  for (let at = buffer.indexOf(needle, 0, 'latin1'); at >= 0; at = buffer.indexOf(needle, at + 1, 'latin1')) {
    const after = buffer.subarray(at + needle.length, at + needle.length + 80).toString('latin1');
    const match = /^\s*=\s*([A-Za-z0-9_]+)\s*\(/.exec(after);
    if (match) return match[1].toUpperCase(); // a reference `#id` is followed by `,` or `)`, a definition by `=`
  }
  return null;
}

/** `IfcBoundingBox #7`, following IfcMappedItem to the mapped items; `#999 (not in the file)` for a dangling reference. */
function describeItem(lines: StepLines, bytes: Uint8Array, itemId: number, depth = 0): string {
  if (lines.typeCode(itemId) === 0) return `#${itemId} (not in the file)`;
  const ifcClass = classOf(lines, bytes, itemId);
  if (ifcClass !== 'IfcMappedItem' || depth >= MAX_MAPPING_DEPTH) return `${ifcClass} #${itemId}`;
  const mapId = refOf(lines.args(itemId)[0]);
  const representationId = mapId === null ? null : refOf(lines.args(mapId)[1]);
  const mapped = representationId === null ? [] : refsOf(lines.args(representationId)[3]);
  return `${ifcClass} #${itemId} → ${mapped.map((id) => describeItem(lines, bytes, id, depth + 1)).join(', ') || 'nothing'}`;
}

/** Descriptions of the items of Body representations, the first {@link MAX_ITEMS} and a count of the rest. */
function describeBodyItems(lines: StepLines, bytes: Uint8Array, representationIds: number[]): string[] {
  const items = representationIds.flatMap((repId) => refsOf(lines.args(repId)[3]));
  const named = items.slice(0, MAX_ITEMS).map((id) => describeItem(lines, bytes, id));
  return items.length > MAX_ITEMS ? [...named, `${items.length - MAX_ITEMS} more`] : named;
}

function globalIdOf(lines: StepLines, id: number): string | null {
  const text = textOf(lines.args(id)[0]);
  return text !== null && GLOBAL_ID.test(text) ? text : null;
}

function describeEntity(entity: UnmeshedEntity): string {
  const body = entity.items.length > 0 ? `Body is ${entity.items.join(', ')}` : 'Body has no items';
  return `${entity.ifcClass} #${entity.expressId} (GlobalId ${entity.globalId ?? 'none'}): ${body}; ${entity.reason}`;
}

/** Entities of types web-ifc does not know that reference an IfcProductDefinitionShape (products to the file). */
function unknownProducts(lines: StepLines, bytes: Uint8Array, webIfc: string): { entities: UnmeshedEntity[]; count: number } {
  const entities: UnmeshedEntity[] = [];
  let count = 0;
  const all = lines.api.GetAllLines(lines.modelId);
  for (let i = 0; i < all.size(); i += 1) {
    const id = all.get(i);
    if (lines.className(id) !== UNKNOWN_TYPE) continue;
    const shapeId = lines.args(id).flatMap(refsOf).find((ref) => lines.typeCode(ref) === WebIFC.IFCPRODUCTDEFINITIONSHAPE);
    if (shapeId === undefined) continue;
    count += 1;
    if (entities.length >= MAX_NAMED) continue;
    entities.push({
      expressId: id,
      globalId: globalIdOf(lines, id),
      ifcClass: classOf(lines, bytes, id),
      items: describeBodyItems(lines, bytes, bodyRepresentationsOfShape(lines, shapeId)),
      reason: `${webIfc} does not know this entity (it is not in its schema), so it never meshes it`,
    });
  }
  return { entities, count };
}

/**
 * Throws when no element has triangles, naming the entities that had a Body representation and why web-ifc
 * left them without a mesh.
 *
 * The message names the file, how many products (IfcProduct subtypes web-ifc knows, openings and — without
 * `includeSpaces` — spaces left out) have a Body representation, and the first {@link MAX_NAMED} of them with
 * class, `#id`, GlobalId, their Body items (class and `#id`, through IfcMappedItem) and web-ifc's reason, e.g.
 * `IfcGeographicElement #11 (GlobalId 0000000000000000000011): Body is IfcBoundingBox #7; web-ifc 0.0.78
 * produced no mesh for the Body representation`. Entities of types web-ifc does not know that carry a
 * representation (e.g. `IFCSOLIDSTRATUM`) and spaces left out are named too.
 *
 * @param outcome what parse produced: file, open model, element count and per-element failures
 * @throws {InputError} when `elementCount` is 0; `context` holds `file`, `productsWithBody`, `unmeshed` and
 *   `unknownEntities` ({@link UnmeshedEntity} lists, first few), `spacesLeftOut`
 * @see IfcProduct.Representation, IfcShapeRepresentation (RepresentationIdentifier 'Body', Items),
 *   IfcMappedItem; IFC 4.3 IfcTriangulatedIrregularNetwork
 */
export function assertSomethingMeshed(outcome: MeshOutcome): void {
  if (outcome.elementCount > 0) return;
  const { fileName, bytes, lines, includeSpaces } = outcome;
  const webIfc = `web-ifc ${String(lines.api.GetVersion())}`;
  const reasonOf = new Map(outcome.failures.map((f) => [f.expressId, f.reason]));
  let productsWithBody = 0;
  let spacesLeftOut = 0;
  const unmeshed: UnmeshedEntity[] = [];
  // idsOfType lists by type; name entities in file order.
  for (const id of lines.idsOfType(WebIFC.IFCPRODUCT, true).sort((a, b) => a - b)) {
    const ifcClass = lines.className(id);
    if (ALWAYS_EXCLUDED.has(ifcClass) || bodyRepresentationsOf(lines, id).length === 0) continue;
    if (ifcClass === 'IfcSpace' && !includeSpaces) {
      spacesLeftOut += 1;
      continue;
    }
    productsWithBody += 1;
    if (unmeshed.length >= MAX_NAMED) continue;
    const reason = reasonOf.get(id) ?? 'web-ifc produced no mesh for the Body representation';
    unmeshed.push({
      expressId: id,
      globalId: globalIdOf(lines, id),
      ifcClass,
      items: describeBodyItems(lines, bytes, bodyRepresentationsOf(lines, id)),
      reason: reason.replace(/^web-ifc\b/, webIfc),
    });
  }
  const unknown = unknownProducts(lines, bytes, webIfc);

  const more = (total: number, named: number) => (total > named ? `; and ${total - named} more` : '');
  let message = `${fileName}: no element has triangles, nothing to tile; ${productsWithBody} product${productsWithBody === 1 ? '' : 's'} with a Body representation`;
  if (unmeshed.length > 0) message += `: ${unmeshed.map(describeEntity).join('; ')}${more(productsWithBody, unmeshed.length)}`;
  if (unknown.count > 0) {
    const one = unknown.count === 1;
    message += `. ${unknown.count} entit${one ? 'y' : 'ies'} with a representation ${one ? 'is' : 'are'} of a type ${webIfc} does not know: `;
    message += `${unknown.entities.map(describeEntity).join('; ')}${more(unknown.count, unknown.entities.length)}`;
  }
  if (spacesLeftOut > 0) message += `. ${spacesLeftOut} IfcSpace with a Body representation left out (includeSpaces is off)`;
  throw new InputError(message, {
    context: { file: fileName, productsWithBody, unmeshed, unknownEntities: unknown.entities, spacesLeftOut },
  });
}

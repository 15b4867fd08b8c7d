import { WebIFC } from './web-ifc-module';
import type { PropertySets, PropertyValue } from './parsed-model';
import { numberOf, refOf, refsOf, textOf, type StepLines } from './step-lines';

/**
 * Property sets, quantity sets, type name and material of each element, read from the relations once for the
 * whole model with cached resolution (each IfcPropertySet is read once however many elements share it).
 *
 * Notes: on revit2012_janesville_restaurant.ifc (1,514 elements, 6,204 IfcRelDefinesByProperties) this takes
 * 1.8 s on a heavily loaded 2-core machine, against 18 ms per element (≈ 27 s in all) for web-ifc's
 * `properties.getPropertySets` + `getTypeProperties` + `getMaterialsProperties`, which scan the relations
 * again for every element. Relations, sets and their properties are read in batches ({@link StepLines.prefetch}).
 * Type-object property sets (IfcTypeObject.HasPropertySets) are merged under the occurrence's own sets; an
 * occurrence value wins. Positional attribute indices follow the IFC entity definitions (same in IFC2X3/4/4X3).
 */

/** What the semantics reader produces per element. */
export interface ElementSemantics {
  propertySets: PropertySets;
  typeName: string | null;
  material: string | null;
}

type Props = Record<string, PropertyValue>;

/** Relations read per batch (≈ 4 raw lines each: relation, set, two properties). */
const RELATION_BATCH = 8_192;

const EMPTY: ElementSemantics = { propertySets: {}, typeName: null, material: null };

/**
 * Property sets with the same values (in the same order) share one object, up to this many distinct ones, each at
 * most {@link INTERN_MAX_KEY_CHARS} characters as JSON: generated and type-driven models repeat a few value
 * combinations over thousands of IfcPropertySet entities, and every copy lived in the parse worker, in the message
 * to the main thread and in the main thread (structured cloning keeps shared objects shared).
 */
const INTERN_MAX_SETS = 50_000;
const INTERN_MAX_KEY_CHARS = 512;

/** Resolves property set / quantity / material entities with caches. */
class SemanticsResolver {
  private readonly sets = new Map<number, { name: string; props: Props } | null>();
  private readonly interned = new Map<string, Props>();
  private readonly materials = new Map<number, string | null>();

  constructor(private readonly lines: StepLines) {}

  /** Batch-reads property sets and their properties / quantities (one level of nesting). */
  prefetchSets(setIds: number[]): void {
    this.lines.prefetch(setIds);
    const members: number[] = [];
    for (const id of setIds) {
      const args = this.lines.args(id);
      for (const ref of refsOf(args[4])) members.push(ref);
      for (const ref of refsOf(args[5])) members.push(ref);
    }
    this.lines.prefetch(members);
  }

  /** IfcPropertySet / IfcElementQuantity → name and values; null for other IfcPropertySetDefinitions. */
  propertySet(id: number): { name: string; props: Props } | null {
    let set = this.sets.get(id);
    if (set !== undefined) return set;
    const cls = this.lines.className(id);
    const args = this.lines.args(id);
    const name = textOf(args[2]) ?? `#${id}`;
    set = null;
    if (cls === 'IfcPropertySet') {
      const props: Props = {};
      for (const propId of refsOf(args[4])) this.addProperty(props, propId, '');
      set = { name, props: this.intern(props) };
    } else if (cls === 'IfcElementQuantity') {
      const props: Props = {};
      for (const quantityId of refsOf(args[5])) this.addQuantity(props, quantityId, '');
      set = { name, props: this.intern(props) };
    }
    this.sets.set(id, set);
    return set;
  }

  /** The one shared object for these values (never mutated afterwards: merges copy, see `mergeInto`). */
  private intern(props: Props): Props {
    const key = JSON.stringify(props);
    if (key.length > INTERN_MAX_KEY_CHARS) return props;
    const known = this.interned.get(key);
    if (known) return known;
    if (this.interned.size < INTERN_MAX_SETS) this.interned.set(key, props);
    return props;
  }

  private addProperty(props: Props, id: number, prefix: string): void {
    const cls = this.lines.className(id);
    const args = this.lines.args(id);
    const name = prefix + (textOf(args[0]) ?? `#${id}`);
    switch (cls) {
      case 'IfcPropertySingleValue':
        props[name] = this.lines.valueOf(args[2]);
        break;
      case 'IfcPropertyEnumeratedValue':
      case 'IfcPropertyListValue':
        props[name] = this.joinValues(args[2]);
        break;
      case 'IfcPropertyBoundedValue': {
        const upper = this.lines.valueOf(args[2]);
        const lower = this.lines.valueOf(args[3]);
        const setPoint = this.lines.valueOf(args[5]);
        props[name] = setPoint ?? (lower === null && upper === null ? null : `${lower ?? ''}..${upper ?? ''}`);
        break;
      }
      case 'IfcPropertyTableValue':
        props[name] = null;
        break;
      case 'IfcComplexProperty':
        for (const subId of refsOf(args[3])) this.addProperty(props, subId, `${name}.`);
        break;
      case 'IfcPropertyReferenceValue':
        props[name] = textOf(args[2]);
        break;
      default:
        break;
    }
  }

  private joinValues(list: unknown): PropertyValue {
    if (!Array.isArray(list)) return this.lines.valueOf(list);
    const values = list.map((v) => this.lines.valueOf(v)).filter((v) => v !== null);
    if (values.length === 1) return values[0];
    return values.length === 0 ? null : values.join(', ');
  }

  private addQuantity(props: Props, id: number, prefix: string): void {
    const cls = this.lines.className(id);
    const args = this.lines.args(id);
    const name = prefix + (textOf(args[0]) ?? `#${id}`);
    if (cls === 'IfcPhysicalComplexQuantity') {
      for (const subId of refsOf(args[2])) this.addQuantity(props, subId, `${name}.`);
    } else if (cls.startsWith('IfcQuantity')) {
      props[name] = numberOf(args[3]);
    }
  }

  /** Material name(s) of an IfcMaterialSelect, unique, joined with ` / `. */
  material(id: number): string | null {
    let name = this.materials.get(id);
    if (name !== undefined) return name;
    const names = new Set<string>();
    this.collectMaterialNames(id, names, 0);
    name = names.size === 0 ? null : [...names].join(' / ');
    this.materials.set(id, name);
    return name;
  }

  private collectMaterialNames(id: number, names: Set<string>, depth: number): void {
    if (depth > 4) return;
    const args = this.lines.args(id);
    const next = (arg: unknown) => {
      for (const ref of refsOf(arg)) this.collectMaterialNames(ref, names, depth + 1);
    };
    switch (this.lines.className(id)) {
      case 'IfcMaterial': {
        const name = textOf(args[0]);
        if (name) names.add(name);
        break;
      }
      case 'IfcMaterialLayerSetUsage':
      case 'IfcMaterialProfileSetUsage':
      case 'IfcMaterialProfileSetUsageTapering':
      case 'IfcMaterialLayer':
      case 'IfcMaterialLayerWithOffsets':
      case 'IfcMaterialList':
        next(args[0]);
        break;
      case 'IfcMaterialLayerSet':
        next(args[0]);
        break;
      case 'IfcMaterialConstituentSet':
      case 'IfcMaterialProfileSet':
      case 'IfcMaterialConstituent':
      case 'IfcMaterialProfile':
      case 'IfcMaterialProfileWithOffsets':
        next(args[2]);
        break;
      default:
        break;
    }
  }
}

function mergeInto(target: PropertySets, source: PropertySets | undefined, copy: boolean): void {
  if (!source) return;
  for (const [setName, props] of Object.entries(source)) {
    target[setName] = copy || target[setName] ? { ...target[setName], ...props } : props;
  }
}

/**
 * Reads property sets, quantity sets, type name and material for the given elements.
 *
 * @param lines the open model
 * @param elementIds express ids of the elements wanted
 * @returns express id → semantics (every id of `elementIds` present; quantities in project units, as in the file)
 * @see IfcRelDefinesByProperties, IfcRelDefinesByType, IfcRelAssociatesMaterial, IfcPropertySingleValue,
 *   IfcPropertyEnumeratedValue, IfcPropertyListValue, IfcPropertyBoundedValue, IfcElementQuantity
 */
export function readElementSemantics(lines: StepLines, elementIds: ReadonlySet<number>): Map<number, ElementSemantics> {
  const resolver = new SemanticsResolver(lines);
  const ownSets = new Map<number, PropertySets>();
  const typeOf = new Map<number, number>();
  const materialOf = new Map<number, string | null>();

  // Batch reads: relations, then the property sets they name, then the properties of those sets; the raw
  // lines of each batch are released before the next (bounded memory, see StepLines.release).
  const propertyRels = lines.idsOfType(WebIFC.IFCRELDEFINESBYPROPERTIES);
  for (let start = 0; start < propertyRels.length; start += RELATION_BATCH) {
    const batch = propertyRels.slice(start, start + RELATION_BATCH);
    lines.prefetch(batch);
    const relevant: Array<{ related: number[]; setIds: number[] }> = [];
    for (const relId of batch) {
      const args = lines.args(relId);
      const related = refsOf(args[4]).filter((id) => elementIds.has(id));
      if (related.length > 0) relevant.push({ related, setIds: refsOf(args[5]) });
    }
    resolver.prefetchSets(relevant.flatMap((r) => r.setIds));
    for (const { related, setIds } of relevant) {
      for (const setId of setIds) {
        const set = resolver.propertySet(setId);
        if (!set) continue;
        for (const id of related) {
          let sets = ownSets.get(id);
          if (!sets) ownSets.set(id, (sets = {}));
          sets[set.name] = sets[set.name] ? { ...sets[set.name], ...set.props } : set.props;
        }
      }
    }
    lines.release();
  }

  for (const relId of lines.idsOfType(WebIFC.IFCRELDEFINESBYTYPE)) {
    const args = lines.args(relId);
    const typeId = refOf(args[5]);
    if (typeId === null) continue;
    for (const id of refsOf(args[4])) if (elementIds.has(id)) typeOf.set(id, typeId);
  }
  const typeIds = new Set(typeOf.values());

  for (const relId of lines.idsOfType(WebIFC.IFCRELASSOCIATESMATERIAL)) {
    const args = lines.args(relId);
    const materialId = refOf(args[5]);
    if (materialId === null) continue;
    for (const id of refsOf(args[4])) {
      if (elementIds.has(id) || typeIds.has(id)) materialOf.set(id, resolver.material(materialId));
    }
  }

  const typeInfo = new Map<number, { name: string | null; sets: PropertySets }>();
  for (const typeId of typeIds) {
    const args = lines.args(typeId);
    const sets: PropertySets = {};
    for (const setId of refsOf(args[5])) {
      const set = resolver.propertySet(setId);
      if (set) sets[set.name] = set.props;
    }
    typeInfo.set(typeId, { name: textOf(args[2]), sets });
  }

  const result = new Map<number, ElementSemantics>();
  for (const id of elementIds) {
    const typeId = typeOf.get(id);
    const type = typeId === undefined ? undefined : typeInfo.get(typeId);
    const own = ownSets.get(id);
    let propertySets: PropertySets;
    if (type && Object.keys(type.sets).length > 0) {
      propertySets = {};
      mergeInto(propertySets, type.sets, false);
      mergeInto(propertySets, own, true);
    } else {
      propertySets = own ?? {};
    }
    const material = materialOf.get(id) ?? (typeId === undefined ? null : materialOf.get(typeId) ?? null);
    result.set(id, own || type || material ? { propertySets, typeName: type?.name ?? null, material } : { ...EMPTY, propertySets: {} });
  }
  return result;
}

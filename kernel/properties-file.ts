/**
 * The compact property file of a converted model, `properties.json` (format `gantwin.properties/1`): every element's
 * semantics and the model's spatial structure, dictionary-encoded, for browsers. The tiler writes it
 * ({@link PropertiesFileWriter}); the viewer and the server read it ({@link decodePropertiesFile}).
 *
 * Layout (all references are indexes):
 * - `values`: every distinct scalar once (class, name, storey, type and material names, property-set names,
 *   property names and values); a value is a string, a finite number, a boolean or null.
 * - `sets`: every distinct property set once, `[nameRef, propertyRef, valueRef, propertyRef, valueRef, …]` (the
 *   same type-driven set on 300 doors is stored once).
 * - `elements`: columns in element order — `globalId` (the one copy besides the tiles' property tables), `ifcClass`,
 *   `name`, `storey`, `typeName`, `material` (value refs) and `sets` (set indexes per element).
 * - `spatialTree`: IfcProject → IfcSite → IfcBuilding → IfcBuildingStorey … with GlobalId, class/name refs, storey
 *   elevation and (when parsed) property sets and ObjectType; `containment`: spatial GlobalId → element indexes.
 *
 * Class, name and storey are also in every tile's property table (a pick shows them at once); they are here so
 * that a selection from the tree or a link shows its panel without the element's tile. Nothing only the database
 * import needs (express ids, ENU bounds) is in this file. Measured sizes: docs/bench-tiling.md.
 */

/** Path of this file in a converted model's output folder (served to browsers). */
export const PROPERTIES_FILE_PATH = 'properties.json';
/**
 * Folder of a converted model's output that only a database import reads (`import/elements.ndjson`: express ids,
 * ENU bounds); never served nor published (server/twin/tile-files.ts, server/review/).
 */
export const IMPORT_FOLDER = 'import';

/** The `format` of files this module writes and reads. */
export const PROPERTIES_FILE_FORMAT = 'gantwin.properties/1';

/** A property value as the tiler keeps it (IfcPropertySingleValue / IfcQuantity*, units as stated in the file). */
export type PropertyScalar = string | number | boolean | null;

/** Property set name → property name → value. */
export type PropertySetMap = Record<string, Record<string, PropertyScalar>>;

/** One element as the writer takes it and the reader returns it. */
export interface ElementRecord {
  /** IfcRoot.GlobalId, 22 characters. */
  globalId: string;
  ifcClass: string;
  name: string | null;
  storey: string | null;
  typeName: string | null;
  material: string | null;
  propertySets: PropertySetMap;
}

/** A node of the spatial tree as the writer takes it and the reader returns it. */
export interface SpatialRecord {
  globalId: string;
  ifcClass: string;
  name: string | null;
  /** IfcBuildingStorey Elevation, metres; storeys that state it only. */
  elevationM?: number;
  /** Only when the tiler parsed spatial property sets. */
  propertySets?: PropertySetMap;
  /** IfcObject.ObjectType; only when the tiler parsed spatial property sets. */
  objectType?: string | null;
  children: SpatialRecord[];
}

/** The structure part, in the shape `structure.json` had (containment by GlobalId). */
export interface ModelStructureRecord {
  projectName: string | null;
  spatialTree: SpatialRecord | null;
  /** Spatial element GlobalId → GlobalIds of the elements it contains. */
  containment: Record<string, string[]>;
}

/** A spatial node on disk: `g` GlobalId, `c`/`n` class/name refs, `e` elevation, `s` set indexes, `o` ObjectType ref, `k` children. */
interface SpatialWire {
  g: string;
  c: number;
  n: number;
  e?: number;
  s?: number[];
  o?: number;
  k: SpatialWire[];
}

/** The file as JSON. */
export interface PropertiesFileJson {
  format: typeof PROPERTIES_FILE_FORMAT;
  projectName: string | null;
  values: PropertyScalar[];
  sets: number[][];
  elements: {
    globalId: string[];
    ifcClass: number[];
    name: number[];
    storey: number[];
    typeName: number[];
    material: number[];
    sets: number[][];
  };
  spatialTree: SpatialWire | null;
  containment: Record<string, number[]>;
}

/**
 * Builds `properties.json` element by element. Memory: the distinct values and property sets plus four integers
 * and one GlobalId per element (the elements themselves are not kept).
 * @example const w = new PropertiesFileWriter(); for (const e of elements) w.addElement(e); const chunks = w.finish(structure);
 */
export class PropertiesFileWriter {
  private readonly values: PropertyScalar[] = [];
  /** Keyed by the value itself (SameValueZero: `1`, `'1'` and `true` stay apart; no key strings are allocated). */
  private readonly valueIndex = new Map<PropertyScalar, number>();
  private readonly sets: number[][] = [];
  private readonly setIndex = new Map<string, number>();
  private readonly elementIndex = new Map<string, number>();
  private readonly columns: PropertiesFileJson['elements'] = { globalId: [], ifcClass: [], name: [], storey: [], typeName: [], material: [], sets: [] };

  private ref(value: PropertyScalar): number {
    // Non-finite numbers cannot be written as JSON: stored as null (the parse stage never produces them).
    const safe = typeof value === 'number' && !Number.isFinite(value) ? null : value;
    let index = this.valueIndex.get(safe);
    if (index === undefined) {
      index = this.values.push(safe) - 1;
      this.valueIndex.set(safe, index);
    }
    return index;
  }

  private setRefs(propertySets: PropertySetMap | undefined): number[] {
    const out: number[] = [];
    for (const [setName, properties] of Object.entries(propertySets ?? {})) {
      const wire = [this.ref(setName)];
      for (const [name, value] of Object.entries(properties)) wire.push(this.ref(name), this.ref(value));
      const key = wire.join(',');
      let index = this.setIndex.get(key);
      if (index === undefined) {
        index = this.sets.push(wire) - 1;
        this.setIndex.set(key, index);
      }
      out.push(index);
    }
    return out;
  }

  /**
   * Adds one element (in the order the file lists them).
   * @throws {Error} when the GlobalId was added before (the tiler keys elements by GlobalId)
   */
  addElement(element: ElementRecord): void {
    if (this.elementIndex.has(element.globalId)) throw new Error(`properties file: GlobalId ${element.globalId} added twice`);
    const c = this.columns;
    this.elementIndex.set(element.globalId, c.globalId.length);
    c.globalId.push(element.globalId);
    c.ifcClass.push(this.ref(element.ifcClass));
    c.name.push(this.ref(element.name));
    c.storey.push(this.ref(element.storey));
    c.typeName.push(this.ref(element.typeName));
    c.material.push(this.ref(element.material));
    c.sets.push(this.setRefs(element.propertySets));
  }

  private spatial(node: SpatialRecord): SpatialWire {
    return {
      g: node.globalId,
      c: this.ref(node.ifcClass),
      n: this.ref(node.name),
      ...(node.elevationM !== undefined && Number.isFinite(node.elevationM) ? { e: node.elevationM } : {}),
      ...(node.propertySets ? { s: this.setRefs(node.propertySets) } : {}),
      ...(node.objectType !== undefined ? { o: this.ref(node.objectType) } : {}),
      k: node.children.map((child) => this.spatial(child)),
    };
  }

  /**
   * The file as text chunks (written by the caller as they come), with the spatial structure. Containment entries
   * naming an element that was never added are dropped (they have no properties to show).
   */
  *finish(structure: ModelStructureRecord): Generator<string> {
    const spatialTree = structure.spatialTree ? this.spatial(structure.spatialTree) : null;
    const containment: Record<string, number[]> = {};
    for (const [spatialId, elementIds] of Object.entries(structure.containment)) {
      const indexes = elementIds.map((id) => this.elementIndex.get(id)).filter((i): i is number => i !== undefined);
      if (indexes.length > 0) containment[spatialId] = indexes;
    }
    yield `{"format":${JSON.stringify(PROPERTIES_FILE_FORMAT)},"projectName":${JSON.stringify(structure.projectName)}`;
    yield `,"values":${JSON.stringify(this.values)}`;
    yield `,"sets":${JSON.stringify(this.sets)}`;
    const c = this.columns;
    yield `,"elements":{"globalId":${JSON.stringify(c.globalId)},"ifcClass":${JSON.stringify(c.ifcClass)},"name":${JSON.stringify(c.name)}`;
    yield `,"storey":${JSON.stringify(c.storey)},"typeName":${JSON.stringify(c.typeName)},"material":${JSON.stringify(c.material)}`;
    yield `,"sets":${JSON.stringify(c.sets)}}`;
    yield `,"spatialTree":${JSON.stringify(spatialTree)},"containment":${JSON.stringify(containment)}}`;
  }
}

/** A decoded `properties.json`: lookups by GlobalId and index, and the structure. */
export interface ModelProperties {
  /** Number of elements. */
  readonly size: number;
  /** The element index of a GlobalId, or undefined. */
  indexOf(globalId: string): number | undefined;
  /** The element with this GlobalId (property sets decoded on each call), or null. */
  element(globalId: string): ElementRecord | null;
  /** The element at `index` (0 ≤ index < size), or null. */
  elementAt(index: number): ElementRecord | null;
  /** Spatial tree and containment in the `structure.json` shape. */
  structure(): ModelStructureRecord;
}

const isInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** Whether `v` may stand in the value dictionary: a string, a finite number, a boolean or null. */
const isScalar = (v: unknown): v is PropertyScalar =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/**
 * A map with no prototype: names from the file (`__proto__`, `constructor`, `toString`) become ordinary own keys,
 * and a lookup of a name the file does not hold answers `undefined`, never an inherited member.
 */
const bareRecord = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/**
 * Checks and decodes a parsed `properties.json`. Checks are structural and cheap (O(file size)); every reference is
 * range-checked and every dictionary value must be a scalar, so that a damaged or hostile file fails here with the
 * field named, never later in a panel (an object among the values would crash React's rendering of it).
 * Names from the file are data: decoded property sets, their properties and the containment map are objects
 * without a prototype, so `__proto__`, `constructor` or `toString` are ordinary keys and no prototype is touched.
 * The spatial tree may be at most 64 levels deep (recursion bound).
 * @throws {Error} naming the format or the first bad field
 */
export function decodePropertiesFile(json: unknown): ModelProperties {
  const file = json as PropertiesFileJson;
  if (!file || typeof file !== 'object' || file.format !== PROPERTIES_FILE_FORMAT) {
    throw new Error(`properties file: format must be ${PROPERTIES_FILE_FORMAT}, got ${JSON.stringify((file as { format?: unknown } | null)?.format ?? null)}`);
  }
  const { values, sets, elements } = file;
  if (!Array.isArray(values) || !Array.isArray(sets) || !elements || !Array.isArray(elements.globalId)) throw new Error('properties file: values, sets and elements.globalId must be arrays');
  for (const [i, v] of values.entries()) {
    if (!isScalar(v)) throw new Error(`properties file: values[${i}] is not a string, finite number, boolean or null`);
  }
  const n = elements.globalId.length;
  const checkValueRefs = (name: string, refs: unknown) => {
    if (!Array.isArray(refs) || refs.length !== n || !refs.every((r) => isInt(r) && r < values.length)) throw new Error(`properties file: elements.${name} must hold ${n} value indexes`);
  };
  for (const column of ['ifcClass', 'name', 'storey', 'typeName', 'material'] as const) checkValueRefs(column, elements[column]);
  const setRefsOk = (refs: unknown) => Array.isArray(refs) && refs.every((r) => isInt(r) && r < sets.length);
  if (!Array.isArray(elements.sets) || elements.sets.length !== n || !elements.sets.every(setRefsOk)) throw new Error(`properties file: elements.sets must hold ${n} lists of set indexes`);
  for (const [i, wire] of sets.entries()) {
    if (!Array.isArray(wire) || wire.length % 2 !== 1 || !wire.every((r) => isInt(r) && r < values.length)) throw new Error(`properties file: sets[${i}] is not [name, property, value, …] value indexes`);
  }
  const index = new Map<string, number>();
  for (const [i, id] of elements.globalId.entries()) {
    if (typeof id !== 'string') throw new Error(`properties file: elements.globalId[${i}] is not a string`);
    index.set(id, i);
  }
  const text = (ref: number): string | null => {
    const v = values[ref];
    return v === null || v === undefined ? null : String(v);
  };
  const decodeSets = (refs: readonly number[]): PropertySetMap => {
    const out: PropertySetMap = bareRecord();
    for (const setRef of refs) {
      const wire = sets[setRef];
      const properties = bareRecord<PropertyScalar>();
      for (let j = 1; j < wire.length; j += 2) properties[String(values[wire[j]])] = values[wire[j + 1]];
      out[String(values[wire[0]])] = properties;
    }
    return out;
  };
  const elementAt = (i: number): ElementRecord | null =>
    Number.isInteger(i) && i >= 0 && i < n
      ? {
          globalId: elements.globalId[i],
          ifcClass: text(elements.ifcClass[i]) ?? '',
          name: text(elements.name[i]),
          storey: text(elements.storey[i]),
          typeName: text(elements.typeName[i]),
          material: text(elements.material[i]),
          propertySets: decodeSets(elements.sets[i]),
        }
      : null;
  const spatial = (wire: SpatialWire, depth: number): SpatialRecord => {
    if (depth > 64 || !wire || typeof wire.g !== 'string' || !isInt(wire.c) || !isInt(wire.n) || !Array.isArray(wire.k)) throw new Error('properties file: spatialTree node is malformed (or deeper than 64)');
    if (!(wire.c < values.length) || !(wire.n < values.length)) throw new Error(`properties file: spatial node ${wire.g} has bad value indexes`);
    if (wire.s !== undefined && !setRefsOk(wire.s)) throw new Error(`properties file: spatial node ${wire.g} has bad set indexes`);
    if (wire.e !== undefined && !(typeof wire.e === 'number' && Number.isFinite(wire.e))) throw new Error(`properties file: spatialTree node ${wire.g} has a bad elevation`);
    return {
      globalId: wire.g,
      ifcClass: text(wire.c) ?? '',
      name: text(wire.n),
      ...(wire.e !== undefined ? { elevationM: wire.e } : {}),
      ...(wire.s ? { propertySets: decodeSets(wire.s) } : {}),
      ...(wire.o !== undefined ? { objectType: isInt(wire.o) ? text(wire.o) : null } : {}),
      children: wire.k.map((child) => spatial(child, depth + 1)),
    };
  };
  const spatialTree = file.spatialTree ? spatial(file.spatialTree, 0) : null;
  const containment = file.containment ?? {};
  if (typeof containment !== 'object' || Array.isArray(containment)) throw new Error('properties file: containment must be an object of element indexes');
  for (const [id, refs] of Object.entries(containment)) {
    if (!Array.isArray(refs) || !refs.every((r) => isInt(r) && r < n)) throw new Error(`properties file: containment of ${id} must hold element indexes`);
  }
  return {
    size: n,
    indexOf: (globalId) => index.get(globalId),
    element: (globalId) => {
      const i = index.get(globalId);
      return i === undefined ? null : elementAt(i);
    },
    elementAt,
    structure: () => ({
      projectName: typeof file.projectName === 'string' ? file.projectName : null,
      spatialTree,
      containment: Object.assign(
        bareRecord<string[]>(),
        Object.fromEntries(Object.entries(containment).map(([id, refs]) => [id, refs.map((r) => elements.globalId[r])])),
      ),
    }),
  };
}

/**
 * `EXT_instance_features` for glTF-Transform (which does not ship it): feature IDs per GPU instance. The node's
 * `EXT_mesh_gpu_instancing.attributes._FEATURE_ID_<n>` holds one ID per instance; this extension on the same
 * node says which attribute, how many features, and which `EXT_structural_metadata` property table they index.
 *
 * Notes: the property table is stored as its index (each tile GLB has exactly one table, index 0), not as a
 * reference, which keeps this small; reading keeps the index as written.
 * @see https://github.com/CesiumGS/glTF/tree/3d-tiles-next/extensions/2.0/Vendor/EXT_instance_features
 */
import {
  Extension,
  ExtensionProperty,
  type IProperty,
  type Nullable,
  PropertyType,
  type ReaderContext,
  type WriterContext,
} from '@gltf-transform/core';

/** The extension name as written in `extensionsUsed`. */
export const EXT_INSTANCE_FEATURES = 'EXT_instance_features';

interface IInstanceFeatures extends IProperty {
  featureCount: number;
  /** n of the instance attribute `_FEATURE_ID_n`. */
  attribute: number;
  /** Index into EXT_structural_metadata.propertyTables, or null. */
  propertyTable: number | null;
}

interface InstanceFeaturesDef {
  featureIds: { featureCount: number; attribute?: number; propertyTable?: number }[];
}

/** One feature-ID set of an instanced node (the extension supports several; we write one). */
export class InstanceFeatures extends ExtensionProperty<IInstanceFeatures> {
  static override EXTENSION_NAME = EXT_INSTANCE_FEATURES;
  public declare extensionName: typeof EXT_INSTANCE_FEATURES;
  public declare propertyType: 'InstanceFeatures';
  public declare parentTypes: [PropertyType.NODE];

  protected override init(): void {
    this.extensionName = EXT_INSTANCE_FEATURES;
    this.propertyType = 'InstanceFeatures';
    this.parentTypes = [PropertyType.NODE];
  }

  protected override getDefaults(): Nullable<IInstanceFeatures> {
    return Object.assign(super.getDefaults(), { featureCount: 0, attribute: 0, propertyTable: null });
  }

  /** Number of distinct features the instance IDs refer to (≥ 1). */
  getFeatureCount(): number {
    return this.get('featureCount');
  }
  setFeatureCount(featureCount: number): this {
    return this.set('featureCount', featureCount);
  }
  /** n of the `_FEATURE_ID_n` instance attribute. */
  getAttribute(): number {
    return this.get('attribute');
  }
  setAttribute(attribute: number): this {
    return this.set('attribute', attribute);
  }
  /** Index of the EXT_structural_metadata property table, or null. */
  getPropertyTable(): number | null {
    return this.get('propertyTable');
  }
  setPropertyTable(propertyTable: number | null): this {
    return this.set('propertyTable', propertyTable);
  }
}

/** glTF-Transform extension class for `EXT_instance_features` (register it on the Document and on NodeIO). */
export class EXTInstanceFeatures extends Extension {
  public static override readonly EXTENSION_NAME = EXT_INSTANCE_FEATURES;
  public override readonly extensionName = EXT_INSTANCE_FEATURES;

  /** Creates an {@link InstanceFeatures} to attach with `node.setExtension(EXT_INSTANCE_FEATURES, …)`. */
  createInstanceFeatures(): InstanceFeatures {
    return new InstanceFeatures(this.document.getGraph());
  }

  /** @hidden */
  public override read(context: ReaderContext): this {
    (context.jsonDoc.json.nodes ?? []).forEach((nodeDef, nodeIndex) => {
      const def = nodeDef.extensions?.[EXT_INSTANCE_FEATURES] as InstanceFeaturesDef | undefined;
      const first = def?.featureIds?.[0];
      if (!first) return;
      const prop = this.createInstanceFeatures()
        .setFeatureCount(first.featureCount)
        .setAttribute(first.attribute ?? 0)
        .setPropertyTable(first.propertyTable ?? null);
      context.nodes[nodeIndex].setExtension(EXT_INSTANCE_FEATURES, prop);
    });
    return this;
  }

  /** @hidden */
  public override write(context: WriterContext): this {
    for (const node of this.document.getRoot().listNodes()) {
      const prop = node.getExtension<InstanceFeatures>(EXT_INSTANCE_FEATURES);
      if (!prop) continue;
      const nodeDef = context.jsonDoc.json.nodes![context.nodeIndexMap.get(node)!];
      const featureId: InstanceFeaturesDef['featureIds'][number] = {
        featureCount: prop.getFeatureCount(),
        attribute: prop.getAttribute(),
      };
      const table = prop.getPropertyTable();
      if (table !== null) featureId.propertyTable = table;
      nodeDef.extensions = nodeDef.extensions ?? {};
      nodeDef.extensions[EXT_INSTANCE_FEATURES] = { featureIds: [featureId] } satisfies InstanceFeaturesDef;
    }
    return this;
  }
}

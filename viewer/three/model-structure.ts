/**
 * The `structure.json` file of a converted model (IFC spatial tree + containment), validated where it
 * enters the browser.
 *
 * @see tiling/stages/parse/parsed-model.ts (SpatialNode, containment)
 */
import { z } from 'zod';
import type { SpatialTreeNode } from '@viewer/ui/spatial-tree';

/** Parsed `structure.json`. */
export interface ModelStructure {
  spatialTree: SpatialTreeNode | null;
  /** Spatial element globalId → globalIds of the elements it contains. */
  containment: Record<string, string[]>;
}

const spatialNodeSchema: z.ZodType<SpatialTreeNode> = z.lazy(() =>
  z.object({
    globalId: z.string(),
    ifcClass: z.string(),
    name: z.string().nullable(),
    children: z.array(spatialNodeSchema),
  }),
);

const structureSchema = z.object({
  spatialTree: spatialNodeSchema.nullable(),
  containment: z.record(z.string(), z.array(z.string())),
});

/**
 * Validates a decoded `structure.json` (extra fields such as `expressId` are dropped).
 *
 * @throws {z.ZodError} when the shape does not match (message lists the paths).
 */
export function parseModelStructure(json: unknown): ModelStructure {
  return structureSchema.parse(json);
}

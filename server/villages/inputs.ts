import { z } from 'zod';
import { VILLAGE_THEME_SLUGS } from '@data/villages/themes';
import { nulSafeText, regionCodeSchema } from '@kernel/zod-fields';

/**
 * Zod inputs of the `villages` plate's public and publish procedures (the curators' editor has its own in
 * ./curate/). Every bound is stated: a public request can ask for at most 100 cards.
 */


/** `villages.public.list`. */
export const publicListInput = z.object({
  q: nulSafeText(40).optional(),
  cityCode: regionCodeSchema.optional(),
  countyCode: regionCodeSchema.optional(),
  nationalBatch: z.number().int().min(1).max(6).optional(),
  theme: z.enum(VILLAGE_THEME_SLUGS as [string, ...string[]]).optional(),
  limit: z.number().int().min(1).max(100).default(24),
  offset: z.number().int().min(0).max(10_000).default(0),
});

/** `villages.public.byCode`, `villages.curate.publish|unpublish` (the same input as the scene's). */
export { villageCodeInput } from './scene-inputs';

import path from 'node:path';
import { z } from 'zod';
import { InputError } from '@kernel/errors';
import { adminCodeSchema } from '@kernel/zod-fields';
import { defineJob } from '@server/jobs/job-handler';
import { convertModel, type ConvertModelResult } from './convert-model';

/**
 * The twin plate's job `twin.convert-model`: one IFC file → tileset + `models`/`elements` rows (convert-model.ts),
 * run by the worker process. A failed conversion (broken IFC, unsupported schema, bad georeferencing) is final:
 * it throws an `InputError` with the tiler's reason, which the worker records without retrying. A failure that may
 * go away (file system, database, a crashed parser) throws a plain `Error`, which the queue retries per its policy.
 */

/** Zod schema of a placement (WGS84 degrees, metres; heading clockwise from true north). */
const placementSchema = z
  .object({
    lonDeg: z.number().min(-180).max(180),
    latDeg: z.number().min(-90).max(90),
    heightM: z.number(),
    headingDeg: z.number().min(-360).max(360),
  })
  .strict();

/**
 * The job payload. `sourcePath` is made absolute at enqueue: the worker may run in another process and cwd.
 */
export const convertModelPayloadSchema = z
  .object({
    sourcePath: z
      .string()
      .min(1)
      .transform((p) => path.resolve(p)),
    name: z.string().trim().min(1),
    nameEn: z.string().trim().min(1).max(200).nullable().optional(),
    placement: placementSchema.optional(),
    regionCode: adminCodeSchema.nullable().optional(),
    visibility: z.enum(['public', 'internal']).optional(),
    force: z.boolean().optional(),
  })
  .strict();

/** What a caller enqueues (the fields of `ConvertModelInput` the queue carries). */
export type ConvertModelPayload = z.input<typeof convertModelPayloadSchema>;

/** A completed job's output: the conversion result and how long it took (seconds, wall clock). */
export type ConvertModelJobOutput = ConvertModelResult & { elapsedS: number };

/**
 * Queue policy: retries (2×, after 30–60 s then 60–120 s, jittered backoff) only for what may get better; expiry
 * 2 h (pg-boss abandons a handler after its expiry and would start a second conversion, so it must exceed the
 * longest conversion: the largest sample, a 7.8 s railway, is far from it; uploads may be 100× bigger).
 */
export const CONVERT_MODEL_POLICY = { retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 2 * 60 * 60 } as const;

/** `twin.convert-model`: see the module doc. */
export const CONVERT_MODEL_JOB = defineJob<z.output<typeof convertModelPayloadSchema>, ConvertModelJobOutput, ConvertModelPayload>({
  queue: 'twin.convert-model',
  payloadSchema: convertModelPayloadSchema,
  policy: CONVERT_MODEL_POLICY,
  async run(payload, ctx) {
    const started = performance.now();
    const result = await convertModel(ctx.db, payload, { tilesDir: ctx.tilesDir, logger: ctx.logger });
    if (result.status === 'failed' && result.isRetryable) throw new Error(result.error ?? 'convert-model: conversion failed');
    if (result.status === 'failed') {
      throw new InputError(result.error ?? `${path.basename(payload.sourcePath)}: conversion failed`, { context: { jobId: ctx.jobId, modelId: result.id } });
    }
    return { ...result, elapsedS: (performance.now() - started) / 1000 };
  },
});

import { z } from 'zod';
import { defineJob } from '@server/jobs/job-handler';
import { maintainReadingPartitions } from './reading-partitions';
import { sensorsEnv } from './sensors-env';

/**
 * `sensors.maintain-partitions`: creates the reading partitions ahead and drops those past the retention
 * (./reading-partitions.ts). Idempotent; enqueue it daily (the worker has no scheduler yet) — until then the seed
 * step of every `npm start` runs it, and readings of missing months land in the default partition meanwhile.
 */
export const MAINTAIN_PARTITIONS_JOB = defineJob({
  queue: 'sensors.maintain-partitions',
  payloadSchema: z.object({}).strict(),
  policy: { expireInSeconds: 600, retryLimit: 2 },
  cron: '17 3 * * *',
  async run(_payload, ctx) {
    const settings = sensorsEnv();
    const result = await maintainReadingPartitions(ctx.db, Date.now(), settings.SENSORS_READING_RETENTION_MONTHS, settings.SENSORS_PARTITION_MONTHS_AHEAD);
    ctx.logger.info(`sensors.maintain-partitions: created=${result.created} dropped=${result.dropped}`);
    return result;
  },
});

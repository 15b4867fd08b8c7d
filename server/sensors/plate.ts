import { SENSORS_LAYERS } from '@data/sensors/layers';
import { definePlate } from '@server/host/server-plate';
import { SENSORS_GEO_LAYERS } from './geo-layer-sources';
import { maintainReadingPartitions } from './reading-partitions';
import { sensorsRouter } from './router';
import { seedAlarmRules, seedDemoSensors } from './seed-sensors';
import { sensorsEnv } from './sensors-env';

/**
 * The `sensors` plate (物联感知 + 告警, shared by lifelines and sites): sensor registry, reading ingest
 * (`POST /api/sensors/readings`), monthly-partitioned readings with retention, alarm rules as data, alarms and their
 * workflow, and the `sensors-devices` catalogue layer (./geo-layer-sources.ts). Seeds the default alarm rules, the demo sensors of central Nanchang and the reading partitions.
 */
export const SENSORS_PLATE = definePlate({
  slug: 'sensors',
  router: sensorsRouter,
  jobs: async () => [
    (await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ './maintain-partitions-job')).MAINTAIN_PARTITIONS_JOB,
    (await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ './no-data-job')).CHECK_NO_DATA_JOB,
  ],
  geoLayers: SENSORS_GEO_LAYERS,
  layers: SENSORS_LAYERS,
  async seed(db) {
    const rules = await seedAlarmRules(db);
    const sensors = await seedDemoSensors(db);
    const settings = sensorsEnv();
    const partitions = await maintainReadingPartitions(db, Date.now(), settings.SENSORS_READING_RETENTION_MONTHS, settings.SENSORS_PARTITION_MONTHS_AHEAD);
    return `alarm rules inserted=${rules}, demo sensors inserted=${sensors}, reading partitions created=${partitions.created} dropped=${partitions.dropped}`;
  },
});

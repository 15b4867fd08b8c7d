/**
 * `npm run mqtt:up`: makes sure an MQTT broker is there for the ingest consumer and the simulator. With `MQTT_URL`
 * set it does nothing (that broker is the operator's). Otherwise it starts the project-local Mosquitto
 * (server/sensors/local-broker.ts: 127.0.0.1:`MQTT_LOCAL_PORT`, default 18830, data in `.gantwin/mqtt`), or reuses
 * it when it already runs. The last stdout line is `MQTT_URL=<url>`; logs go to stderr. `npm run mqtt:down` stops it.
 */
import { ensureLocalBroker } from '@server/sensors/local-broker';
import { mqttEnv } from '@server/sensors/sensors-env';

const settings = mqttEnv();
try {
  if (settings.MQTT_URL) {
    console.error('mqtt-up: MQTT_URL is set: no local broker');
    console.log(`MQTT_URL=${settings.MQTT_URL}`);
  } else {
    const broker = await ensureLocalBroker({ port: settings.MQTT_LOCAL_PORT, logger: { debug: () => {}, info: (m) => console.error(m), warn: (m) => console.error(`warning: ${m}`), error: (m) => console.error(`error: ${m}`) } });
    console.log(`MQTT_URL=${broker.url}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

/**
 * `npm run mqtt:down`: stops the project-local Mosquitto (`.gantwin/mqtt`) that `npm start` / `npm run mqtt:up`
 * started; its sessions and queued messages stay on disk for the next start. Does nothing with `MQTT_URL` set.
 */
import { stopLocalBroker } from '@server/sensors/local-broker';
import { mqttEnv } from '@server/sensors/sensors-env';

const settings = mqttEnv();
if (settings.MQTT_URL) {
  console.error('mqtt-down: MQTT_URL is set: no local broker to stop');
} else {
  const stopped = await stopLocalBroker({ port: settings.MQTT_LOCAL_PORT });
  console.error(stopped ? 'mqtt-down: local broker stopped' : 'mqtt-down: local broker was not running');
}

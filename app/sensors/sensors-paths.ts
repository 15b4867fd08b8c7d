/** The sensors plate's page routes and who opens them, in one place for links and gates. */
export const SENSORS_PATHS = {
  /** The sensor registry (物联设备台账): watchers read, admins register and issue tokens. */
  devices: '/sensors/devices',
  twin: '/',
} as const;

/** Roles that open the sensors pages (the watcher roles of server/sensors/watcher-roles.ts; procedures check again). */
export const SENSORS_PAGE_ROLES = ['inspector', 'officer', 'admin'] as const;

/** The catalogue id of the sensors layer (data/sensors/layers.ts): clustered points coloured by state. */
export const SENSORS_LAYER_ID = 'sensors-devices';

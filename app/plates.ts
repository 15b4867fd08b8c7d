import type { ClientPlate } from './shell/client-plate';
import { LIFELINES_CLIENT_PLATE } from './lifelines/plate';
import { REVIEW_CLIENT_PLATE } from './review/plate';
import { SENSORS_CLIENT_PLATE } from './sensors/plate';
import { TWIN_CLIENT_PLATE } from './twin/plate';
import { VILLAGES_CLIENT_PLATE } from './villages/plate';

/**
 * The plates the twin shell hosts, one line each, in layer-panel order. Adding a plate = creating
 * `app/<slug>/plate.tsx` (see app/twin/plate.tsx) and adding it here. A plate with nothing on the globe
 * (e.g. `accounts`, whose pages are under /admin) needs no entry.
 */
export const CLIENT_PLATES: readonly ClientPlate[] = [TWIN_CLIENT_PLATE, REVIEW_CLIENT_PLATE, LIFELINES_CLIENT_PLATE, SENSORS_CLIENT_PLATE, VILLAGES_CLIENT_PLATE];

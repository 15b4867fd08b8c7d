import { ACCOUNTS_PLATE } from './accounts/plate';
import { LIFELINES_PLATE } from './lifelines/plate';
import { REVIEW_PLATE } from './review/plate';
import { SENSORS_PLATE } from './sensors/plate';
import { TWIN_PLATE } from './twin/plate';
import { VILLAGES_PLATE } from './villages/plate';

/**
 * The server's plates, one line each. Adding a plate = creating `server/<slug>/plate.ts` (see server/twin/plate.ts)
 * and adding it here: the root router, the worker's queues, `/api/geo`, the catalogue and the seed step follow.
 */
export const SERVER_PLATES = [TWIN_PLATE, ACCOUNTS_PLATE, REVIEW_PLATE, LIFELINES_PLATE, SENSORS_PLATE, VILLAGES_PLATE] as const;

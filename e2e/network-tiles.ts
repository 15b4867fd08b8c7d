/**
 * Support of the lifelines journeys: waiting for the worker's network tile builds (`lifelines.build-network-tiles`,
 * queued by the demo seed) as the signed-in caller sees them.
 */
import { expect, type Page } from '@playwright/test';

/**
 * Waits until the caller's composed root of `network` (`/tiles/lifelines/<network>/tileset.json`) lists at least
 * `atLeast` region builds, polling every 2 s for up to `timeoutMs`.
 */
export async function waitForNetworkBuilds(page: Page, network: string, atLeast: number, timeoutMs: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const response = await page.request.get(`/tiles/lifelines/${network}/tileset.json`);
        const json = (await response.json()) as { root: { children?: unknown[] } };
        return json.root.children?.length ?? 0;
      },
      { timeout: timeoutMs, intervals: [2_000] },
    )
    .toBeGreaterThanOrEqual(atLeast);
}

/**
 * Records the page's Content-Security-Policy violations (`securitypolicyviolation` events), so journeys can assert
 * that the CesiumJS globe and the BIM view run under the CSP of server/api/content-security-policy.ts.
 */
import type { Page } from '@playwright/test';

/** Starts recording on every document the page loads; the returned function reads what was refused so far. */
export async function recordCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as { __cspViolations?: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.effectiveDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return () => page.evaluate(() => (window as { __cspViolations?: string[] }).__cspViolations ?? []);
}

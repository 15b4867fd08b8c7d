import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string) => join(root, 'data/fixtures/review', name);
const dir = mkdtempSync(join(tmpdir(), 'gantwin-review-cli-'));
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/review-check.ts'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, TMPDIR: dir } });

describe('npm run review:check', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON object for the fixture and exits 0, leaving no temporary tileset', () => {
    const result = run(fixture('l-building.ifc'), '--parcel', fixture('parcel.geojson'));
    expect(result.stderr).not.toContain('error');
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout) as { indicators: Record<string, unknown>; checks: { rule: string; verdict: string; clause: unknown; value: unknown; limit: unknown }[] };
    expect(Object.keys(out.indicators).sort()).toEqual(['density', 'far', 'footprintM2', 'gfaM2', 'heightM', 'insideParcel', 'parcelAreaM2', 'setbackM', 'storeys']);
    expect(Math.abs((out.indicators.footprintM2 as number) - 440)).toBeLessThan(4.4);
    expect(Math.abs((out.indicators.gfaM2 as number) - 1320)).toBeLessThan(13.2);
    expect(out.checks).toHaveLength(9);
    expect(out.checks.every((c) => c.verdict === 'pass' && c.clause && c.value !== undefined && c.limit !== undefined)).toBe(true);
    // The run's temporary tileset directory (gantwin-review-* under TMPDIR) is gone (tsx keeps its own cache there).
    expect(readdirSync(dir).filter((name) => name.startsWith('gantwin-review-'))).toEqual([]);
  });

  it('refuses a bad parcel file, a missing model, a broken IFC (exit 1) and a bad command line (exit 2)', () => {
    writeFileSync(join(dir, 'bad.geojson'), JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }));
    const bad = run(fixture('l-building.ifc'), '--parcel', join(dir, 'bad.geojson'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/bad\.geojson: geometry.*Polygon/);
    const missing = run(join(dir, 'nope.ifc'), '--parcel', fixture('parcel.geojson'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('nope.ifc');
    const broken = join(root, 'data/fixtures/review/parcel.geojson'); // JSON, not STEP
    expect(run(broken, '--parcel', fixture('parcel.geojson')).status).toBe(1);
    expect(run(fixture('l-building.ifc')).status).toBe(2);
  });
});

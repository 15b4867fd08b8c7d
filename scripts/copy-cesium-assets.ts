/**
 * Copies CesiumJS's static runtime files (web workers, textures, widget CSS, third-party wasm) from
 * `node_modules/cesium/Build/Cesium/{Workers,Assets,Widgets,ThirdParty}` to `public/cesium/`, where the twin
 * page loads them with `window.CESIUM_BASE_URL = '/cesium'`. Runs as `predev` / `prebuild`.
 *
 * Skips the copy when `public/cesium/VERSION` already names the installed cesium version, so `npm run dev`
 * stays fast. Pass `--force` to copy anyway.
 *
 * @see https://cesium.com/learn/cesiumjs-learn/cesiumjs-quickstart/ (CESIUM_BASE_URL)
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The sub-folders of `Build/Cesium` that CesiumJS fetches at runtime. */
export const CESIUM_ASSET_DIRS = ['Workers', 'Assets', 'Widgets', 'ThirdParty'] as const;

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const sourceRoot = join(projectRoot, 'node_modules', 'cesium', 'Build', 'Cesium');
const targetRoot = join(projectRoot, 'public', 'cesium');
const stampPath = join(targetRoot, 'VERSION');

async function readText(path: string): Promise<string | null> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const packageJson = JSON.parse(
    await readFile(join(projectRoot, 'node_modules', 'cesium', 'package.json'), 'utf8'),
  ) as { version: string };
  const force = process.argv.includes('--force');
  if (!force && (await readText(stampPath)) === packageJson.version) {
    console.log(`copy-cesium-assets: public/cesium already has cesium ${packageJson.version}`);
    return;
  }
  const startedMs = Date.now();
  await rm(targetRoot, { recursive: true, force: true });
  await mkdir(targetRoot, { recursive: true });
  for (const dir of CESIUM_ASSET_DIRS) {
    await cp(join(sourceRoot, dir), join(targetRoot, dir), { recursive: true });
  }
  await writeFile(stampPath, `${packageJson.version}\n`);
  console.log(
    `copy-cesium-assets: copied ${CESIUM_ASSET_DIRS.join(', ')} of cesium ${packageJson.version} ` +
      `to public/cesium in ${Date.now() - startedMs} ms`,
  );
}

await main();

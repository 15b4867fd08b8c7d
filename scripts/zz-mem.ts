import { convertIfc } from '@tiling/index';
import { rmSync } from 'node:fs';
let peak = 0; let stage = 'start';
const peaks: Record<string, number> = {};
setInterval(() => { const r = Math.round(process.memoryUsage().rss / 2**20); peaks[stage] = Math.max(peaks[stage] ?? 0, r); }, 100).unref();
const t = performance.now();
const log = (m: string) => { const mu = process.memoryUsage(); console.log(((performance.now()-t)/1000).toFixed(1), 'rss', Math.round(mu.rss/2**20), 'heap', Math.round(mu.heapUsed/2**20), 'ab', mu.arrayBuffers>>20, m); };
rmSync(process.argv[3], { recursive: true, force: true });
await convertIfc(process.argv[2], { outDir: process.argv[3], placement: { lonDeg: 115.85, latDeg: 28.69, heightM: 0, headingDeg: 0 } }, {
  logger: { debug: log, info: log, warn: log, error: log } as any,
  onProgress: (s) => { stage = s; },
});
console.log("PEAKS", peaks, 'maxRSS', process.resourceUsage().maxRSS >> 10);

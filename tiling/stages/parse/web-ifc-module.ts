/**
 * web-ifc, loaded through `require` instead of an ESM `import`.
 *
 * Notes: web-ifc's Node entry is a 5.9 MB CommonJS file. An ESM `import` of it runs cjs-module-lexer over the
 * whole file to find named exports and, under tsx (the parse worker from TypeScript source), also tsx's load
 * hook: measured in a fresh worker on 2026-11-30, `import('web-ifc')` took 380–520 ms, `require('web-ifc')`
 * 200–220 ms. The worker pays this on every conversion (geometry-only web-ifc pays it once, before timing).
 */
import { createRequire } from 'node:module';
import type * as WebIfcModule from 'web-ifc';

/** The web-ifc module (`IfcAPI`, IFC type codes, `LogLevel`), same object as `import * as WebIFC from 'web-ifc'`. */
export const WebIFC: typeof WebIfcModule = createRequire(import.meta.url)('web-ifc') as typeof WebIfcModule;

/**
 * Import boundaries of STYLE.md rule 2: dependencies point one way and there are no cycles.
 * `npm run lint:deps` must stay at zero violations.
 */

/**
 * Plate slugs (kernel/plate-slugs.json, the house style's table; the plate host refuses a plate not listed there).
 * A plate's folders are server/<slug>/, viewer/<slug>/, app/<slug>/, data/<slug>/ and server/db/schema/<slug>.ts.
 */
const PLATES = require('./kernel/plate-slugs.json');
const PLATE_GROUP = `(${PLATES.join('|')})`;
/**
 * Files of a plate that other plates may import (its public surface). `accounts` is the base every plate builds
 * on: who the actor is (session-actor), region scope, the audit trail, and its test fixtures and sign-in endpoint
 * for other plates' tests.
 */
const PLATE_PUBLIC_FILES = [
  '^server/accounts/(region-scope|session-actor|audit|types|test-fixtures|auth-http-handler|account-names)\\.ts$',
  // The twin's buildings (model footprints) for other plates' spatial answers (lifelines: 关阀分析 affected buildings).
  '^server/twin/building-footprints\\.ts$',
  '^app/accounts/(account-menu-slot|locale-control)\\.tsx$',
  '^viewer/accounts/forbidden-notice\\.tsx$',
];
/** Test code and test support may reach other plates' tables (fixtures); production code may not. */
const TEST_FILES = '(\\.test\\.ts|/test-fixtures\\.ts|/access-walk\\.ts)$';

module.exports = {
  forbidden: [
    ...['server', 'viewer', 'app', 'data'].map((side) => ({
      name: `no-plate-imports-another-plates-internals-${side}`,
      comment: `A plate's ${side}/<slug>/ imports another plate only through its public files (PLATE_PUBLIC_FILES).`,
      severity: 'error',
      from: { path: `^${side}/${PLATE_GROUP}/` },
      to: { path: `^(server|viewer|app|data)/${PLATE_GROUP}/`, pathNot: [`^(server|viewer|app|data)/$1/`, ...PLATE_PUBLIC_FILES] },
    })),
    {
      name: 'no-plate-reads-another-plates-tables',
      comment: "A plate's code uses its own tables (server/db/schema/<slug>.ts); another plate's data comes through that plate's services.",
      severity: 'error',
      from: { path: `^server/${PLATE_GROUP}/`, pathNot: TEST_FILES },
      to: { path: `^server/db/schema/${PLATE_GROUP}\\.ts$`, pathNot: '^server/db/schema/$1\\.ts$' },
    },
    {
      name: 'the-host-stays-neutral',
      comment: 'The plate host (server/host, jobs, api, db, geo, storage; app/shell; viewer core, cesium, ui) knows plates only through the plate lists.',
      severity: 'error',
      from: { path: '^(server/(host|jobs|api|db|geo|storage)|app/shell|viewer/(core|cesium|ui|plugins))/', pathNot: TEST_FILES },
      to: { path: `^(server|app|viewer)/${PLATE_GROUP}/`, pathNot: PLATE_PUBLIC_FILES },
    },
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'kernel-imports-nothing-of-ours',
      comment: 'kernel/ is what every part shares: it depends on no folder of ours and on no framework.',
      severity: 'error',
      from: { path: '^kernel/' },
      to: { path: '^(app|viewer|server|scripts|data|tiling)/|node_modules/(next|react|pg|drizzle-orm|@cesium|cesium|three)/' },
    },
    {
      name: 'tiling-imports-only-the-kernel',
      severity: 'error',
      from: { path: '^tiling/' },
      to: { path: '^(app|viewer|server|scripts|data)/' },
    },
    {
      name: 'tiling-only-through-its-public-entry',
      comment: 'Code outside tiling/ uses the library through tiling/index.ts only (the CLI is run, not imported).',
      severity: 'error',
      from: { path: '^(app|viewer|server|scripts|data)/' },
      to: { path: '^tiling/', pathNot: '^tiling/(index|bench-support)\\.ts$' },
    },
    {
      name: 'tiling-bench-support-only-for-scripts',
      comment: 'tiling/bench-support.ts (measurement fixtures) is for the benchmark scripts, not the product.',
      severity: 'error',
      from: { path: '^(app|viewer|server|data)/' },
      to: { path: '^tiling/bench-support\\.ts$' },
    },
    {
      name: 'viewer-never-imports-server-or-next',
      severity: 'error',
      from: { path: '^viewer/' },
      to: { path: '^(server|app|scripts)/|node_modules/next/' },
    },
    {
      name: 'viewer-core-is-engine-free',
      severity: 'error',
      from: { path: '^viewer/core/' },
      to: { path: 'node_modules/(cesium|three|3d-tiles-renderer)/' },
    },
    {
      name: 'server-never-imports-viewer-or-app',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^(viewer|app)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.next|\\.gantwin|public)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};

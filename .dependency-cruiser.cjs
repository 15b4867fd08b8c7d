/**
 * Import boundaries of STYLE.md rule 2: dependencies point one way and there are no cycles.
 * `npm run lint:deps` must stay at zero violations.
 */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'tiling-imports-nothing-of-ours',
      severity: 'error',
      from: { path: '^tiling/' },
      to: { path: '^(app|viewer|server|scripts|data)/' },
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

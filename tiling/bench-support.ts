/**
 * The tiling library's second entry, for `npm run bench:tiling` only: measurement fixtures that check the output
 * against independent computations (PROJ for georeferencing; exact solids for volumes and areas). Not used by the
 * conversion; the dependency rules allow it from scripts/ besides index.ts.
 */
export { measureLongModelErrors } from './stages/build/long-model-fixture';
export { EXACT_SOLIDS, exactSolidsIfc } from './stages/parse/exact-solids-fixture';
export { exactnessTable, measureTileset } from './stages/write/measure-solids';

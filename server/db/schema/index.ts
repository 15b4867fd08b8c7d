/**
 * The whole Drizzle schema, one file per plate (STYLE rule 19). drizzle-kit reads this file.
 */
export * from './regions';
export * from './twin';
export * from './accounts';
export * from './review';
export * from './lifelines';
export * from './sensors';
export * from './villages';

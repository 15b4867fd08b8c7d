import { relations } from 'drizzle-orm';
import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { multiPolygon, point } from '../columns/geo';

/**
 * Shared reference data, not a plate's own table: the administrative divisions (GB/T 2260) every plate scopes its
 * records by (accounts, models, later submissions, sensors…). Seeded by the `twin` plate (server/twin/seed-regions.ts);
 * every plate may read it (the dependency rules forbid reading another plate's schema file, not this one).
 */

/** Administrative level of a region. */
export type RegionLevel = 'province' | 'city' | 'county';

/** Administrative regions: Jiangxi province, its 11 prefecture cities and 100 counties/districts. */
export const regions = pgTable(
  'regions',
  {
    /** 6-digit admin code (360000 province, 360100 南昌市, 360102 东湖区 …). */
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level').$type<RegionLevel>().notNull(),
    parentCode: text('parent_code'),
    /** Label point, lon/lat degrees WGS84 (converted from the source's `cp`). */
    center: point('center').notNull(),
    /** Boundary in WGS84 lon/lat degrees (converted vertex by vertex from the source CRS). */
    boundary: multiPolygon('boundary').notNull(),
    /** Provenance of the geometry (package@version path). */
    source: text('source').notNull(),
    /** CRS of the source coordinates and the conversion applied, e.g. `GCJ-02 (converted with gcoord)`. */
    sourceCrs: text('source_crs').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('regions_parent_idx').on(t.parentCode),
    index('regions_level_idx').on(t.level),
    index('regions_center_gist').using('gist', t.center),
    index('regions_boundary_gist').using('gist', t.boundary),
  ],
);

/** Regions form a tree through `parentCode`. */
export const regionsRelations = relations(regions, ({ one, many }) => ({
  parent: one(regions, { fields: [regions.parentCode], references: [regions.code], relationName: 'region_parent' }),
  children: many(regions, { relationName: 'region_parent' }),
}));

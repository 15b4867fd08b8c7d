import { expect } from 'vitest';
import type { Actor } from '@server/api/actor';
import type { createCaller } from '@server/api/root';
import type { Db } from '@server/db/client';

/**
 * Test support: the shape of a plate's rows in the access walk (server/host/procedure-access.test.ts). Each plate
 * keeps `server/<slug>/access-walk.ts` exporting `ACCESS_WALK` = {@link definePlateAccessWalk}(…): one row per
 * procedure of its router, saying what four callers must get. A procedure without a row fails the walk.
 */

/** A tRPC server-side caller of the whole app. */
export type AppCaller = ReturnType<typeof createCaller>;

/** What a call must give: success (optionally checked), or a tRPC error code. */
export type AccessOutcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | ((result: unknown) => void);

/** The records a plate's rows aim at, created once by its `setUp`. */
export interface AccessWalkSetUp {
  /** The test database. */
  db: Db;
  /** Creates an account in a region (through the accounts service) and returns it as an actor. */
  account(role: Actor['role'], regionCode: string): Promise<Actor>;
}

/** One procedure's row. */
export interface AccessRow<Targets> {
  call(caller: AppCaller, targets: Targets): Promise<unknown>;
  /** Anonymous caller. */
  anonymous: AccessOutcome;
  /** Signed in with a role the procedure does not allow (null: every signed-in role may call it). */
  wrongRole: AccessOutcome | null;
  /** 南昌市 caller on the plate's 九江市 record. */
  cityAOnB: AccessOutcome;
  /** Province caller on the same record. */
  province: AccessOutcome;
  /** Role of the city and province callers (default `planner`; the wrong-role caller is a 九江 planner). */
  callerRole?: Actor['role'];
}

/**
 * What a region-scoped (`private`) GeoJSON source must give each caller: a check of the feature ids it answers
 * (anonymous, the 南昌 caller and the province caller; all get HTTP 200).
 */
export interface GeoAccessRow<Targets> {
  anonymous(featureIds: string[], targets: Targets): void;
  cityA(featureIds: string[], targets: Targets): void;
  province(featureIds: string[], targets: Targets): void;
}

/** A plate's part of the walk: its records and one row per procedure (`<slug>.<path>`) and private GeoJSON source. */
export interface PlateAccessWalk<Targets> {
  setUp(ctx: AccessWalkSetUp): Promise<Targets>;
  rows: Readonly<Record<string, AccessRow<Targets>>>;
  /** One row per `private` GeoJSON source of the plate, by layer id (public sources are checked generically). */
  geoRows?: Readonly<Record<string, GeoAccessRow<Targets>>>;
}

/** Declares a plate's access walk (keeps the type of its targets). */
export function definePlateAccessWalk<Targets>(walk: PlateAccessWalk<Targets>): PlateAccessWalk<Targets> {
  return walk;
}

/** Ids of a list result (`{ id }[]`). */
export function idsOf(result: unknown): string[] {
  return (result as { id: string }[]).map((row) => row.id);
}

/** Asserts that a call ended as `expected`. */
export async function expectAccessOutcome(expected: AccessOutcome, promise: Promise<unknown>): Promise<void> {
  let code = 'ok';
  let result: unknown;
  try {
    result = await promise;
  } catch (error) {
    code = (error as { code?: string }).code ?? 'THROWN';
    if (code === 'THROWN') throw error;
  }
  if (typeof expected === 'function') {
    expect(code).toBe('ok');
    expected(result);
  } else {
    expect(code).toBe(expected);
  }
}

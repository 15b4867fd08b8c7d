/**
 * The parcel editor's state (a draft of text fields as typed, corners and per-edge setbacks) and its conversion to
 * and from the shape `review.parcels.*` uses. Pure: no React, no engine.
 *
 * Units: the API keeps density and green ratio as fractions 0–1; the form shows percent. Heights metres, sunlight
 * hours. Corners are `[lonDeg, latDeg]` WGS84, open ring; saving sends the closed ring counter-clockwise (as the
 * server stores it) with the setbacks moved along with their edges (../core/polygon-ring.ts `toCounterClockwise`).
 */
import { closeRing, openRing, ringSelfIntersects, toCounterClockwise } from '@viewer/core/polygon-ring';

/** What an edge borders. */
export type EdgeKind = 'road-red-line' | 'neighbour';

/** One edge's setback (退线), metres. */
export interface EdgeSetback {
  kind: EdgeKind;
  distanceM: number;
}

/** A parcel as `review.parcels.list` returns it (the fields the page needs). */
export interface ParcelLike {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  regionCode: string;
  boundary: { coordinates: number[][][] };
  landUse: string;
  heightLimitM: number | null;
  farMin: number | null;
  farMax: number | null;
  densityMax: number | null;
  greenRatioMin: number | null;
  setbacks: EdgeSetback[];
  sunlightHoursMin: number | null;
  isDemo: boolean;
  notes: string;
  areaM2: number;
  version: number;
}

/** The numeric fields of the form, as typed (empty = not set). */
export const DRAFT_NUMBER_FIELDS = ['heightLimitM', 'farMin', 'farMax', 'densityMaxPct', 'greenRatioMinPct', 'sunlightHoursMin'] as const;
export type DraftNumberField = (typeof DRAFT_NUMBER_FIELDS)[number];

/** The editor's state. `id` null = a new parcel. */
export interface ParcelDraft extends Record<DraftNumberField, string> {
  id: string | null;
  version: number;
  code: string;
  name: string;
  nameEn: string;
  regionCode: string;
  landUse: string;
  notes: string;
  corners: [number, number][];
  isClosed: boolean;
  setbacks: EdgeSetback[];
}

/** The setback of a new edge until the planner sets it. */
export const NEW_EDGE_SETBACK: EdgeSetback = { kind: 'neighbour', distanceM: 0 };

/** The input of `review.parcels.create` (with `id`/`version`: `update`). */
export interface ParcelSaveInput {
  id?: string;
  version?: number;
  code: string;
  name: string;
  nameEn: string | null;
  regionCode: string;
  boundary: { type: 'Polygon'; coordinates: [number, number][][] };
  landUse: string;
  heightLimitM: number | null;
  farMin: number | null;
  farMax: number | null;
  densityMax: number | null;
  greenRatioMin: number | null;
  sunlightHoursMin: number | null;
  setbacks: EdgeSetback[];
  notes: string;
}

const numberText = (value: number | null, scale = 1) => (value === null ? '' : String(Number((value * scale).toFixed(6))));

/** An empty draft for a new parcel in `regionCode`. */
export function emptyDraft(regionCode: string): ParcelDraft {
  return { id: null, version: 0, code: '', name: '', nameEn: '', regionCode, landUse: 'R2', notes: '', corners: [], isClosed: false, setbacks: [], heightLimitM: '', farMin: '', farMax: '', densityMaxPct: '', greenRatioMinPct: '', sunlightHoursMin: '' };
}

/** The draft of a stored parcel. */
export function draftFromParcel(parcel: ParcelLike): ParcelDraft {
  return {
    id: parcel.id,
    version: parcel.version,
    code: parcel.code,
    name: parcel.name,
    nameEn: parcel.nameEn ?? '',
    regionCode: parcel.regionCode,
    landUse: parcel.landUse,
    notes: parcel.notes,
    corners: openRing(parcel.boundary.coordinates[0].map(([lon, lat]) => [lon, lat] as const)),
    isClosed: true,
    setbacks: parcel.setbacks.map((s) => ({ ...s })),
    heightLimitM: numberText(parcel.heightLimitM),
    farMin: numberText(parcel.farMin),
    farMax: numberText(parcel.farMax),
    densityMaxPct: numberText(parcel.densityMax, 100),
    greenRatioMinPct: numberText(parcel.greenRatioMin, 100),
    sunlightHoursMin: numberText(parcel.sunlightHoursMin),
  };
}

/** `setbacks` resized to `edgeCount`: extra ones cut from the end, missing ones added as {@link NEW_EDGE_SETBACK}. */
export function fitSetbacks(setbacks: readonly EdgeSetback[], edgeCount: number): EdgeSetback[] {
  return Array.from({ length: Math.max(0, edgeCount) }, (_, i) => (setbacks[i] ? { ...setbacks[i] } : { ...NEW_EDGE_SETBACK }));
}

/** Why a draft cannot be saved: a message key and the field it concerns. */
export interface DraftProblem {
  key: 'error.field' | 'error.ring' | 'error.selfIntersects';
  field?: DraftNumberField | `setback-${number}`;
}

/** The typed text as a number (`null` when empty), or `undefined` when it is not a finite number. */
function parseNumber(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The API input of a draft, or the first problem the page can name before asking the server (the server checks
 * everything again and its message is shown as is).
 */
export function draftToInput(draft: ParcelDraft): { input: ParcelSaveInput } | { problem: DraftProblem } {
  const numbers: Partial<Record<DraftNumberField, number | null>> = {};
  for (const field of DRAFT_NUMBER_FIELDS) {
    const value = parseNumber(draft[field]);
    if (value === undefined) return { problem: { key: 'error.field', field } };
    numbers[field] = value;
  }
  const badSetback = draft.setbacks.findIndex((s) => !Number.isFinite(s.distanceM));
  if (badSetback >= 0) return { problem: { key: 'error.field', field: `setback-${badSetback + 1}` } };
  if (!draft.isClosed || draft.corners.length < 3) return { problem: { key: 'error.ring' } };
  if (ringSelfIntersects(draft.corners)) return { problem: { key: 'error.selfIntersects' } };
  const { corners, perEdge } = toCounterClockwise(draft.corners, fitSetbacks(draft.setbacks, draft.corners.length));
  const percent = (value: number | null | undefined) => (value == null ? null : Number((value / 100).toFixed(6)));
  return {
    input: {
      ...(draft.id ? { id: draft.id, version: draft.version } : {}),
      code: draft.code.trim(),
      name: draft.name.trim(),
      nameEn: draft.nameEn.trim() === '' ? null : draft.nameEn.trim(),
      regionCode: draft.regionCode,
      boundary: { type: 'Polygon', coordinates: [closeRing(corners)] },
      landUse: draft.landUse.trim(),
      heightLimitM: numbers.heightLimitM ?? null,
      farMin: numbers.farMin ?? null,
      farMax: numbers.farMax ?? null,
      densityMax: percent(numbers.densityMaxPct),
      greenRatioMin: percent(numbers.greenRatioMinPct),
      sunlightHoursMin: numbers.sunlightHoursMin ?? null,
      setbacks: perEdge,
      notes: draft.notes,
    },
  };
}

/** A region as `twin.regions.list` returns it (the fields the pickers need). */
export interface RegionRow {
  code: string;
  name: string;
}

/**
 * The regions a parcel may be given by an account of `actorRegion`: its own and those under it (GB/T 2260 codes:
 * a province `36xxxx` ending in 0000 covers `36…`, a city ending in 00 covers its 4-digit prefix, a county itself),
 * sorted by code. The server checks the same rule (server/accounts/region-scope.ts).
 */
export function regionChoices(regions: readonly RegionRow[], actorRegion: string): RegionRow[] {
  const prefix = actorRegion.endsWith('0000') ? actorRegion.slice(0, 2) : actorRegion.endsWith('00') ? actorRegion.slice(0, 4) : actorRegion;
  return regions.filter((r) => r.code.startsWith(prefix)).sort((a, b) => a.code.localeCompare(b.code));
}

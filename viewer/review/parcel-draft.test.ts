import { describe, expect, it } from 'vitest';
import { draftFromParcel, draftToInput, emptyDraft, fitSetbacks, type ParcelLike } from './parcel-draft';

const PARCEL: ParcelLike = {
  id: '00000000-0000-4000-8000-000000000001',
  code: 'HGT-A-01',
  name: '示范地块',
  nameEn: null,
  regionCode: '360100',
  boundary: { coordinates: [[[115.85, 28.69], [115.851, 28.69], [115.851, 28.6908], [115.85, 28.6908], [115.85, 28.69]]] },
  landUse: 'R2',
  heightLimitM: 54,
  farMin: 1,
  farMax: 2.5,
  densityMax: 0.3,
  greenRatioMin: 0.35,
  setbacks: [{ kind: 'road-red-line', distanceM: 10 }, { kind: 'neighbour', distanceM: 6 }, { kind: 'neighbour', distanceM: 6 }, { kind: 'road-red-line', distanceM: 10 }],
  sunlightHoursMin: 2,
  isDemo: true,
  notes: '',
  areaM2: 8665,
  version: 3,
};

describe('parcel draft', () => {
  it('shows fractions as percent and round-trips a stored parcel unchanged', () => {
    const draft = draftFromParcel(PARCEL);
    expect(draft).toMatchObject({ densityMaxPct: '30', greenRatioMinPct: '35', heightLimitM: '54', corners: PARCEL.boundary.coordinates[0].slice(0, 4), isClosed: true });
    const result = draftToInput(draft);
    if (!('input' in result)) throw new Error('expected an input');
    expect(result.input).toMatchObject({ id: PARCEL.id, version: 3, densityMax: 0.3, greenRatioMin: 0.35, heightLimitM: 54, nameEn: null, setbacks: PARCEL.setbacks });
    expect(result.input.boundary.coordinates[0]).toEqual(PARCEL.boundary.coordinates[0]);
  });

  it('saves a clockwise drawing counter-clockwise with each setback kept on its edge', () => {
    const [a, b, c, d] = PARCEL.boundary.coordinates[0] as [number, number][];
    const draft = { ...emptyDraft('360100'), code: 'N-1', name: 'n', corners: [a, d, c, b], isClosed: true, setbacks: [{ kind: 'road-red-line' as const, distanceM: 10 }, { kind: 'neighbour' as const, distanceM: 1 }, { kind: 'neighbour' as const, distanceM: 2 }, { kind: 'neighbour' as const, distanceM: 3 }] };
    const result = draftToInput(draft);
    if (!('input' in result)) throw new Error('expected an input');
    expect(result.input.boundary.coordinates[0]).toEqual([a, b, c, d, a]);
    // The drawn edge a→d (west, 10 m road) is the stored edge d→a, the fourth.
    expect(result.input.setbacks.map((s) => s.distanceM)).toEqual([3, 2, 1, 10]);
    expect(result.input).not.toHaveProperty('id');
  });

  it('names the first problem: a non-number, an open ring, a bow tie', () => {
    expect(draftToInput({ ...draftFromParcel(PARCEL), heightLimitM: 'NaN' })).toEqual({ problem: { key: 'error.field', field: 'heightLimitM' } });
    expect(draftToInput({ ...draftFromParcel(PARCEL), farMax: '1e999' })).toEqual({ problem: { key: 'error.field', field: 'farMax' } });
    expect(draftToInput({ ...draftFromParcel(PARCEL), isClosed: false })).toEqual({ problem: { key: 'error.ring' } });
    const [a, b, c, d] = PARCEL.boundary.coordinates[0] as [number, number][];
    expect(draftToInput({ ...draftFromParcel(PARCEL), corners: [a, c, b, d] })).toEqual({ problem: { key: 'error.selfIntersects' } });
  });

  it('fits setbacks to the edge count', () => {
    expect(fitSetbacks(PARCEL.setbacks, 2)).toEqual(PARCEL.setbacks.slice(0, 2));
    expect(fitSetbacks([], 2)).toEqual([{ kind: 'neighbour', distanceM: 0 }, { kind: 'neighbour', distanceM: 0 }]);
    expect(fitSetbacks(PARCEL.setbacks, -1)).toEqual([]);
  });
});

describe('regionChoices', () => {
  it('keeps the account region and those under it', async () => {
    const { regionChoices } = await import('./parcel-draft');
    const rows = [{ code: '360400', name: '九江市' }, { code: '360102', name: '东湖区' }, { code: '360100', name: '南昌市' }, { code: '360000', name: '江西省' }];
    expect(regionChoices(rows, '360100').map((r) => r.code)).toEqual(['360100', '360102']);
    expect(regionChoices(rows, '360000')).toHaveLength(4);
    expect(regionChoices(rows, '360102').map((r) => r.code)).toEqual(['360102']);
  });
});

import { describe, expect, it } from 'vitest';
import { parseStoredViews, SAVED_VIEWS_MAX_PER_ACCOUNT, savedViewInputSchema } from './saved-view';

const CAMERA = { lonDeg: 115.85, latDeg: 28.69, heightEllipsoidalM: 800, headingDeg: 10, pitchDeg: -40, rollDeg: 0 };
const view = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: `v ${id}`, camera: CAMERA, layerVisibility: { 'nanchang-roads': false }, createdAt: '2026-12-07T01:00:00.000Z', ...extra });

describe('parseStoredViews (localStorage, read back as hostile input)', () => {
  it('keeps valid views in order and turns createdAt into a Date', () => {
    const views = parseStoredViews(JSON.stringify([view('local-a'), view('local-b')]));
    expect(views.map((v) => v.id)).toEqual(['local-a', 'local-b']);
    expect(views[0].createdAt).toEqual(new Date('2026-12-07T01:00:00.000Z'));
    expect(views[0].layerVisibility).toEqual({ 'nanchang-roads': false });
  });

  it('drops entries with a bad camera, name, layer map or id, and duplicates', () => {
    const stored = [
      view('ok'),
      view('lat', { camera: { ...CAMERA, latDeg: 123 } }),
      view('nul', { name: 'a\u0000b' }),
      view('long', { name: 'x'.repeat(81) }),
      view('layers', { layerVisibility: { '<script>': true } }),
      view('', {}),
      view('ok', { name: 'duplicate' }),
      'not an object',
      null,
    ];
    expect(parseStoredViews(JSON.stringify(stored)).map((v) => [v.id, v.name])).toEqual([['ok', 'v ok']]);
  });

  it('answers an empty list for missing, non-JSON or non-array text', () => {
    for (const text of [null, '', '{', '{"id":"x"}', '42', '"[]"']) expect(parseStoredViews(text)).toEqual([]);
  });

  it(`keeps at most ${SAVED_VIEWS_MAX_PER_ACCOUNT}`, () => {
    const many = Array.from({ length: 80 }, (_, i) => view(`local-${i}`));
    expect(parseStoredViews(JSON.stringify(many))).toHaveLength(SAVED_VIEWS_MAX_PER_ACCOUNT);
  });
});

describe('savedViewInputSchema', () => {
  it('trims the name and defaults the layer map', () => {
    expect(savedViewInputSchema.parse({ name: '  南昌  ', camera: CAMERA })).toEqual({ name: '南昌', camera: CAMERA, layerVisibility: {} });
  });
});

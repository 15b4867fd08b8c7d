import { describe, expect, it } from 'vitest';
import type { LayerKind } from '@kernel/layer-kinds';
import { LayerSet, type LayerKindLifecycle, type SceneLayer } from './scene-layer';
import { isSameFeature } from './selection';

/** A lifecycle that records every call, as a test double of a Cesium plugin (no engine needed). */
function recordingLifecycle(calls: string[], reattachOnUrl = true): LayerKindLifecycle<{ id: string; serial: number }> {
  let serial = 0;
  return {
    attach: (layer) => {
      calls.push(`attach ${layer.id}`);
      return { id: layer.id, serial: ++serial };
    },
    update: (handle, layer, previous) => calls.push(`update ${handle.id}#${handle.serial} ${String(previous.isVisible)}→${String(layer.isVisible)}`),
    needsReattach: reattachOnUrl ? (layer, previous) => layer.url !== previous.url : undefined,
    detach: (handle) => calls.push(`detach ${handle.id}#${handle.serial}`),
  };
}

function layer(id: string, kind: LayerKind, patch: Partial<SceneLayer> = {}): SceneLayer {
  return { id, plate: 'twin', kind, url: `/api/geo/${id}`, isVisible: true, style: null, options: null, data: null, order: 0, ...patch } as SceneLayer;
}

describe('LayerSet', () => {
  it('attaches new ids, updates changed inputs only, detaches missing ids', () => {
    const calls: string[] = [];
    const lifecycle = recordingLifecycle(calls);
    const set = new LayerSet((kind) => (kind === 'geojson' ? lifecycle : null));
    const a = layer('a', 'geojson');
    const b = layer('b', 'geojson');
    expect(set.sync([a, b])).toEqual({ attached: ['a', 'b'], updated: [], detached: [] });
    // The same objects again: nothing to do.
    expect(set.sync([a, b])).toEqual({ attached: [], updated: [], detached: [] });
    const hiddenA = { ...a, isVisible: false };
    expect(set.sync([hiddenA])).toEqual({ attached: [], updated: ['a'], detached: ['b'] });
    expect(calls).toEqual(['attach a', 'attach b', 'detach b#2', 'update a#1 true→false']);
    expect(set.get('a')?.layer).toBe(hiddenA);
  });

  it('re-attaches when the kind changes or the lifecycle asks for it (new url)', () => {
    const calls: string[] = [];
    const geo = recordingLifecycle(calls);
    const points = recordingLifecycle(calls);
    const set = new LayerSet((kind) => (kind === 'geojson' ? geo : kind === 'points' ? points : null));
    set.sync([layer('a', 'geojson')]);
    set.sync([layer('a', 'geojson', { url: '/api/geo/other' })]);
    set.sync([layer('a', 'points')]);
    expect(calls).toEqual(['attach a', 'detach a#1', 'attach a', 'detach a#2', 'attach a']);
  });

  it('does not draw a kind without a plugin and says which ids it skipped', () => {
    const calls: string[] = [];
    const set = new LayerSet((kind) => (kind === 'geojson' ? recordingLifecycle(calls) : null));
    set.sync([layer('a', 'geojson'), layer('t', 'terrain')]);
    expect(set.unsupportedIds).toEqual(['t']);
    expect(set.entries().map((entry) => entry.layer.id)).toEqual(['a']);
    set.clear();
    expect(calls).toEqual(['attach a', 'detach a#1']);
    expect(set.entries()).toEqual([]);
  });
});

describe('isSameFeature', () => {
  it('compares plate, layer and feature id; null equals only null', () => {
    const s = { plate: 'twin', layerId: 'model-1', featureId: '0uGnO5d$L7lQ3QfbUGYWb9' };
    expect(isSameFeature(s, { ...s })).toBe(true);
    expect(isSameFeature(s, { ...s, layerId: 'model-2' })).toBe(false);
    expect(isSameFeature(s, { ...s, plate: 'lifelines' })).toBe(false);
    expect(isSameFeature(null, null)).toBe(true);
    expect(isSameFeature(s, null)).toBe(false);
  });
});

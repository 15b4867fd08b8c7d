import { describe, expect, it } from 'vitest';
import { createEventEmitter, type TwinEventMap } from './twin-events';

describe('createEventEmitter', () => {
  it('delivers payloads to listeners of that event only, in order, until removed', () => {
    const emitter = createEventEmitter<TwinEventMap>();
    const seen: string[] = [];
    const off = emitter.on('feature-select', ({ selection }) => seen.push(`a:${selection?.featureId ?? 'none'}`));
    emitter.on('feature-select', ({ selection }) => seen.push(`b:${selection?.featureId ?? 'none'}`));
    emitter.on('ready-change', ({ isReady }) => seen.push(`ready:${isReady}`));
    emitter.emit('feature-select', { selection: { plate: 'twin', layerId: 't', featureId: '2XQ$n5SLP5MBLyL442paFx' } });
    off();
    emitter.emit('feature-select', { selection: null });
    expect(seen).toEqual(['a:2XQ$n5SLP5MBLyL442paFx', 'b:2XQ$n5SLP5MBLyL442paFx', 'b:none']);
    emitter.clear();
    emitter.emit('ready-change', { isReady: true });
    expect(seen).toHaveLength(3);
  });
});

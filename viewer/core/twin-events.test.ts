import { describe, expect, it } from 'vitest';
import { createEventEmitter, type TwinEventMap } from './twin-events';

describe('createEventEmitter', () => {
  it('delivers payloads to listeners of that event only, in order, until removed', () => {
    const emitter = createEventEmitter<TwinEventMap>();
    const seen: string[] = [];
    const off = emitter.on('element-select', ({ element }) => seen.push(`a:${element?.globalId ?? 'none'}`));
    emitter.on('element-select', ({ element }) => seen.push(`b:${element?.globalId ?? 'none'}`));
    emitter.on('ready-change', ({ isReady }) => seen.push(`ready:${isReady}`));
    emitter.emit('element-select', { element: { tilesetId: 't', globalId: '2XQ$n5SLP5MBLyL442paFx' } });
    off();
    emitter.emit('element-select', { element: null });
    expect(seen).toEqual(['a:2XQ$n5SLP5MBLyL442paFx', 'b:2XQ$n5SLP5MBLyL442paFx', 'b:none']);
    emitter.clear();
    emitter.emit('ready-change', { isReady: true });
    expect(seen).toHaveLength(3);
  });
});

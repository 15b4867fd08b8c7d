import { describe, expect, it } from 'vitest';
import { attachPointerInput, CLICK_TOLERANCE_PX } from './pointer-input';

/** A stand-in for the canvas: an EventTarget placed at (100, 50) CSS px on the page. */
class FakeCanvas extends EventTarget {
  getBoundingClientRect() {
    return { left: 100, top: 50, width: 640, height: 480 };
  }
}

function pointer(type: string, clientX: number, clientY: number, button = 0, buttons = 0): Event {
  return Object.assign(new Event(type), { clientX, clientY, button, buttons });
}

function setup() {
  const canvas = new FakeCanvas();
  const calls: string[] = [];
  const detach = attachPointerInput(canvas as unknown as HTMLElement, {
    onHover: (x, y) => calls.push(`hover ${x},${y}`),
    onLeave: () => calls.push('leave'),
    onClick: (x, y) => calls.push(`click ${x},${y}`),
  });
  return { canvas, calls, detach };
}

describe('attachPointerInput', () => {
  it('reports hovers and clicks in canvas-local CSS px', () => {
    const { canvas, calls } = setup();
    canvas.dispatchEvent(pointer('pointermove', 420, 290));
    canvas.dispatchEvent(pointer('pointerdown', 420, 290));
    canvas.dispatchEvent(pointer('pointerup', 422, 291));
    canvas.dispatchEvent(pointer('pointerleave', 0, 0));
    expect(calls).toEqual(['hover 320,240', 'click 322,241', 'leave']);
  });

  it('treats a drag longer than the tolerance, a right click and a move with a button down as no click/hover', () => {
    const { canvas, calls } = setup();
    canvas.dispatchEvent(pointer('pointerdown', 200, 200));
    canvas.dispatchEvent(pointer('pointermove', 230, 200, 0, 1));
    canvas.dispatchEvent(pointer('pointerup', 200 + CLICK_TOLERANCE_PX + 1, 200));
    canvas.dispatchEvent(pointer('pointerdown', 200, 200, 2));
    canvas.dispatchEvent(pointer('pointerup', 200, 200, 2));
    expect(calls).toEqual([]);
  });

  it('stops reporting after detach', () => {
    const { canvas, calls, detach } = setup();
    detach();
    canvas.dispatchEvent(pointer('pointermove', 420, 290));
    expect(calls).toEqual([]);
  });
});

/** Pointer movement (CSS px) under which a press-release counts as a click rather than an orbit drag. */
export const CLICK_TOLERANCE_PX = 4;

/** Callbacks of {@link attachPointerInput}; positions are CSS px from the element's top-left corner. */
export interface PointerInputHandlers {
  /** The pointer moved with no button pressed. */
  onHover: (xPx: number, yPx: number) => void;
  /** The pointer left the element. */
  onLeave: () => void;
  /** A primary-button click that did not drag further than {@link CLICK_TOLERANCE_PX}. */
  onClick: (xPx: number, yPx: number) => void;
}

/**
 * Turns pointer events on `element` into hover / leave / click callbacks, telling clicks apart from the orbit
 * drags that OrbitControls handles on the same element.
 *
 * @returns a function that removes the listeners.
 */
export function attachPointerInput(element: HTMLElement, handlers: PointerInputHandlers): () => void {
  let pressXPx = Number.NaN;
  let pressYPx = Number.NaN;
  const localPx = (event: PointerEvent): [number, number] => {
    const rect = element.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  };
  const onPointerMove = (event: PointerEvent) => {
    if (event.buttons === 0) handlers.onHover(...localPx(event));
  };
  const onPointerDown = (event: PointerEvent) => {
    [pressXPx, pressYPx] = localPx(event);
  };
  const onPointerUp = (event: PointerEvent) => {
    const [xPx, yPx] = localPx(event);
    const isClick = event.button === 0 && Math.hypot(xPx - pressXPx, yPx - pressYPx) <= CLICK_TOLERANCE_PX;
    pressXPx = Number.NaN;
    if (isClick) handlers.onClick(xPx, yPx);
  };
  const onPointerLeave = () => handlers.onLeave();
  element.addEventListener('pointermove', onPointerMove);
  element.addEventListener('pointerdown', onPointerDown);
  element.addEventListener('pointerup', onPointerUp);
  element.addEventListener('pointerleave', onPointerLeave);
  return () => {
    element.removeEventListener('pointermove', onPointerMove);
    element.removeEventListener('pointerdown', onPointerDown);
    element.removeEventListener('pointerup', onPointerUp);
    element.removeEventListener('pointerleave', onPointerLeave);
  };
}
